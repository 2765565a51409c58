#include "cli/model_input.h"

#include "models/torchscript_model.h"
#include "util/errors.h"
#include "util/file_io.h"

#include <torch/torch.h>

#include <thread>

namespace latentlab::cli {

ModelAndData openModelAndData(const Args& args, const std::string& defaultSplit)
{
    const std::string modelPath = args.value("model");
    if (modelPath.empty())
        throw BadInputError("--model CHECKPOINT is required (a LatentLab checkpoint or a TorchScript file)");
    at::set_num_threads(static_cast<int>(args.integer("threads", 0, 0, 1024)) > 0
                            ? static_cast<int>(args.integer("threads", 0, 0, 1024))
                            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    ModelAndData out;
    if (isTorchScriptFile(modelPath)) {
        // A TorchScript module may not declare its input shape; the data's shape stands in for it.
        out.data = selectData(args, defaultSplit);
        out.model = openModelFile(modelPath, out.data.dataset.sampleShape());
        if (out.model.model->config().inputShape != out.data.dataset.sampleShape())
            throw ModelMismatchError(displayName(modelPath) + " takes samples of another shape than those of "
                                     + out.data.dataset.source);
        return out;
    }
    out.model = openModelFile(modelPath);
    out.data = selectData(args, defaultSplit, dataFallbackOf(out.model.checkpoint->dataset));
    conformToTraining(out.data.dataset, out.model.checkpoint->dataset);
    return out;
}

} // namespace latentlab::cli
