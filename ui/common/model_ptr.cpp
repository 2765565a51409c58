#include "ui/common/model_ptr.h"

#include "core/models/latent_model.h"
#include "core/training/model_file.h"

namespace latentlab::ui {

const ModelConfig& configOf(const ModelPtr& model)
{
    return model->config();
}

bool isTorchScriptModelFile(const QString& path)
{
    return latentlab::isTorchScriptModelFile(path.toStdString());
}

std::int64_t latentDimOf(const ModelPtr& model)
{
    return model->latentDim();
}

} // namespace latentlab::ui
