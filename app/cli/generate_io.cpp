#include "app/cli/generate_io.h"

#include "app/cli/model_input.h"
#include "core/analysis/image_grid.h"
#include "core/data/table_writer.h"
#include "core/models/torchscript_model.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/text.h"
#include "core/util/torch_threads.h"

#include <torch/torch.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace latentlab::cli {
namespace {

void setThreads(const Args& args)
{
    useTorchThreads(static_cast<int>(args.integer("threads", 0, 0, 1024)));
}

} // namespace

OpenedModel openModelOnly(const Args& args)
{
    const std::string path = args.value("model");
    if (path.empty())
        throw BadInputError("--model CHECKPOINT is required (a LatentLab checkpoint or a TorchScript file)");
    if (args.has("data") && isTorchScriptFile(path))
        return openModelAndData(args, "all").model;
    setThreads(args);
    return openModelFile(path);
}

DataSelection dataForModel(const Args& args, const OpenedModel& model, const std::string& defaultSplit)
{
    if (!model.checkpoint) {
        DataSelection sel = selectData(args, defaultSplit);
        if (model.model->config().inputShape != sel.dataset.sampleShape())
            throw ModelMismatchError(displayName(args.value("model")) + " takes samples of another shape than those of "
                                     + sel.dataset.source);
        return sel;
    }
    DataSelection sel = selectData(args, defaultSplit, dataFallbackOf(model.checkpoint->dataset));
    conformToTraining(sel.dataset, model.checkpoint->dataset);
    return sel;
}

std::string outputPath(const Args& args, const LatentModel& model)
{
    const std::string out = args.value("out");
    if (model.config().isImage()) {
        if (!endsWith(out, ".png"))
            throw BadInputError("--out must name a .png file for the image grid");
    } else if (!endsWith(out, ".csv")) {
        throw BadInputError("this model decodes table rows, not images: --out must name a .csv file for them");
    }
    return out;
}

std::string writeDecoded(const std::string& out, const torch::Tensor& decoded, std::int64_t columns,
                         const OpenedModel& model, const IntColumns& leading)
{
    const ModelConfig& config = model.model->config();
    if (config.isImage()) {
        writeImageGrid(out, decoded, static_cast<int>(columns), static_cast<int>(config.inputShape[0]),
                       static_cast<int>(config.inputShape[1]), static_cast<int>(config.inputShape[2]));
        return {};
    }
    // Tables are scaled to [0, 1] per feature for the model; a user wants the units the data came in.
    const std::int64_t d = config.inputNumel();
    torch::Tensor rows = decoded.to(torch::kCPU, torch::kFloat32).reshape({-1, d}).clone();
    std::vector<std::string> names;
    std::string note;
    const bool known = model.checkpoint && model.checkpoint->dataset.ranges.size() == static_cast<std::size_t>(d);
    if (known) {
        const auto& ranges = model.checkpoint->dataset.ranges;
        for (std::int64_t j = 0; j < d; ++j) {
            const ValueRange r = ranges[static_cast<std::size_t>(j)];
            rows.select(1, j).mul_(r.max - r.min).add_(r.min);
        }
    } else {
        note = "the model's feature ranges are unknown: values are in the model's own [0, 1] units";
    }
    const auto& featureNames = model.checkpoint ? model.checkpoint->dataset.featureNames : std::vector<std::string>{};
    for (std::int64_t j = 0; j < d; ++j)
        names.push_back(static_cast<std::size_t>(j) < featureNames.size() ? featureNames[static_cast<std::size_t>(j)]
                                                                          : "x" + std::to_string(j));
    rows = rows.contiguous();
    writeCsv(out, FloatMatrix{rows.data_ptr<float>(), rows.size(0), rows.size(1)}, names, leading);
    return note;
}

std::vector<std::int64_t> parseIndexList(const std::string& text, const std::string& option)
{
    std::vector<std::int64_t> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::int64_t v = 0;
        const char* first = text.data() + start;
        const char* last = text.data() + comma;
        const auto [p, ec] = std::from_chars(first, last, v);
        if (first == last || ec != std::errc() || p != last || v < 0)
            throw BadInputError("--" + option + ": '" + text + "' is not a list of indices like 0,3,5");
        out.push_back(v);
        start = comma + 1;
    }
    return out;
}

std::int64_t sampleIndex(const Args& args, const std::string& name, const DataSelection& data)
{
    if (!args.has(name))
        throw BadInputError("--" + name + " INDEX is required");
    const std::int64_t i = args.integer(name, 0, 0, std::numeric_limits<std::int32_t>::max());
    if (i >= data.dataset.size())
        throw BadInputError("--" + name + ": sample " + std::to_string(i) + " is outside " + data.dataset.source
                            + " (" + std::to_string(data.dataset.size()) + " samples)");
    if (!std::binary_search(data.indices.begin(), data.indices.end(), i))
        throw BadInputError("--" + name + ": sample " + std::to_string(i) + " is not in the " + data.split
                            + " split of " + data.dataset.source);
    return i;
}

} // namespace latentlab::cli
