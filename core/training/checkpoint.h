#pragma once
// A checkpoint: one file with everything needed to explore a model or continue training it. The file is what
// torch.save writes (torch::pickle_save), so Python opens it with torch.load: a dict whose "model" entry is a
// plain state_dict. Keys:
//   format "latentlab-checkpoint", version, kind, config (ModelConfig JSON), training (TrainingConfig JSON),
//   progress (epoch, step, loss history JSON), dataset (fingerprint JSON), model {name: tensor},
//   optimizer {name: tensor}.
#include "core/models/latent_model.h"
#include "core/training/adam_optimizer.h"
#include "core/training/dataset_fingerprint.h"
#include "core/training/trainer.h"

#include <memory>
#include <string>

namespace latentlab {

constexpr std::int64_t kCheckpointVersion = 1;

struct CheckpointMeta {
    TrainingConfig training;
    TrainingProgress progress;
    DatasetFingerprint dataset;
};

// Every parameter and buffer by its dotted name, as torch's state_dict() holds them: the checkpoint's "model".
NamedTensors modelTensors(const torch::nn::Module& model);

// Written atomically: a crash or a full disk during the save leaves the previous file intact (IoError).
void saveCheckpoint(const std::string& path, LatentModel& model, const AdamOptimizer* optimizer,
                    const CheckpointMeta& meta);

struct LoadedCheckpoint {
    std::shared_ptr<LatentModel> model; // built from the stored config, weights loaded, in eval mode
    CheckpointMeta meta;
    NamedTensors optimizerState;        // empty when saved without one
};

// Checks the format and version, the model kind, and every tensor's shape against the config; a truncated,
// corrupted or foreign file is a BadInputError naming the file and what is wrong.
LoadedCheckpoint loadCheckpoint(const std::string& path);

} // namespace latentlab
