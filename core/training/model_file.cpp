#include "core/training/model_file.h"

#include "core/models/torchscript_model.h"

namespace latentlab {

OpenedModel openModelFile(const std::string& path, const std::vector<std::int64_t>& inputShape)
{
    OpenedModel out;
    if (isTorchScriptFile(path)) {
        out.model = loadTorchScriptModel(path, inputShape);
        return out;
    }
    LoadedCheckpoint loaded = loadCheckpoint(path);
    out.model = std::move(loaded.model);
    out.checkpoint = std::move(loaded.meta);
    out.optimizerState = std::move(loaded.optimizerState);
    return out;
}

bool isTorchScriptModelFile(const std::string& path)
{
    return isTorchScriptFile(path);
}

} // namespace latentlab
