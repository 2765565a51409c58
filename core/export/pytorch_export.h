#pragma once
// A LatentLab model as PyTorch source and weights: model.py, a plain nn.Module for exactly this configuration
// (its constructor's defaults are the exported config, so Model() builds the exported network, its layers
// named as core/models names them), and weights.pt, its state_dict as torch.save writes one. The module keeps
// LatentLab's TorchScript contract (README, "Models from PyTorch"): torch.jit.script accepts it, and the
// scripted file opens in LatentLab again.
#include "core/models/latent_model.h"

#include <string>
#include <vector>

namespace latentlab {

// model.py for this model's configuration. BadInputError for a TorchScript model (it has no weights here).
std::string pytorchSource(const LatentModel& model, const std::string& producerVersion);
// weights.pt: {name: tensor} for every parameter and buffer, on the CPU.
std::vector<char> pytorchWeights(const LatentModel& model);

} // namespace latentlab
