#pragma once
// How a model travels between the training thread, the GUI thread and the explorer's workers: a frozen
// snapshot (core's snapshotModel) that nobody writes after it is taken, so any thread may read it. The model
// type is only forward-declared, keeping torch out of the headers that carry it.
#include "core/models/model_config.h"

#include <QMetaType>
#include <QString>

#include <memory>

namespace latentlab {
class LatentModel;
}

namespace latentlab::ui {

using ModelPtr = std::shared_ptr<latentlab::LatentModel>;

// The model's config (its kind, latent size, classes), for code that must not include torch. model: not null.
const ModelConfig& configOf(const ModelPtr& model);
// A TorchScript archive from PyTorch (exploration only) rather than a LatentLab checkpoint. Never throws.
bool isTorchScriptModelFile(const QString& path);
// The latent size the views use (the top layer's for a hierarchical VAE). model: not null.
std::int64_t latentDimOf(const ModelPtr& model);

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::ModelPtr)
