#pragma once
// Encodes many samples in batches, in the order given: the latent each view and `latentlab-cli encode` use.
#include "data/dataset.h"
#include "models/latent_model.h"

#include <vector>

namespace latentlab {

enum class LatentChoice { Mean, Sample };

// [indices.size(), latentDim] float32 on the CPU: mu (z for models without one) or a posterior draw.
torch::Tensor encodeAll(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                        LatentChoice choice = LatentChoice::Mean, std::int64_t batchSize = 1000);

} // namespace latentlab
