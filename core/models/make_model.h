#pragma once
#include "core/models/latent_model.h"

#include <memory>

namespace latentlab {

// Builds the model a config describes; an invalid config is refused (BadInputError naming the field).
std::shared_ptr<LatentModel> makeModel(const ModelConfig& config);

} // namespace latentlab
