#include "app/cli/model_input.h"

#include "core/models/torchscript_model.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/torch_threads.h"

#include <torch/torch.h>


namespace latentlab::cli {

ModelAndData openModelAndData(const Args& args, const std::string& defaultSplit)
{
    const std::string modelPath = args.value("model");
    if (modelPath.empty())
        throw BadInputError("--model CHECKPOINT is required (a LatentLab checkpoint or a TorchScript file)");
    useTorchThreads(static_cast<int>(args.integer("threads", 0, 0, 1024)));
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
