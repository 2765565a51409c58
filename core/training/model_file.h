#pragma once
// Opens whatever a user calls a model: a LatentLab checkpoint (trainable, with its history and data
// fingerprint) or a TorchScript module from PyTorch (exploration only).
#include "core/training/checkpoint.h"

#include <optional>

namespace latentlab {

struct OpenedModel {
    std::shared_ptr<LatentModel> model;
    std::optional<CheckpointMeta> checkpoint; // absent for TorchScript
    NamedTensors optimizerState;
    bool torchScript() const { return !checkpoint.has_value(); }
};

// inputShape helps a TorchScript module that does not declare its `input_shape`.
OpenedModel openModelFile(const std::string& path, const std::vector<std::int64_t>& inputShape = {});

// A TorchScript module (explores, does not train) rather than a LatentLab checkpoint, by a look at its archive:
// what the window asks before it decides which tab opens a file.
bool isTorchScriptModelFile(const std::string& path);

} // namespace latentlab
