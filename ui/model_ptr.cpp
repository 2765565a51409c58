#include "model_ptr.h"

#include "models/latent_model.h"
#include "models/torchscript_model.h"

namespace latentlab::ui {

const ModelConfig& configOf(const ModelPtr& model)
{
    return model->config();
}

bool isTorchScriptModelFile(const QString& path)
{
    return isTorchScriptFile(path.toStdString());
}

std::int64_t latentDimOf(const ModelPtr& model)
{
    return model->latentDim();
}

} // namespace latentlab::ui
