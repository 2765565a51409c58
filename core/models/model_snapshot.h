#pragma once
// A frozen copy of a model for readers on other threads. The GUI explores a model while it may still be
// training: decoding from the live module would read weights the optimizer is writing, so every reader gets
// its own deep copy, taken on the thread that owns the model (between steps) and never written afterwards.
#include "core/models/latent_model.h"

#include <memory>

namespace latentlab {

// A model of the same config whose parameters and buffers are copies of `model`'s, on the same device, in
// eval mode and with no parameter requiring grad. A TorchScript model is exploration-only and never
// changes, so it is shared rather than copied. The copy keeps the model's current beta.
std::shared_ptr<LatentModel> snapshotModel(const std::shared_ptr<LatentModel>& model);

} // namespace latentlab
