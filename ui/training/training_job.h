#pragma once
// Everything one model's training works on. Kept after a run, so the optimizer's moments go into the
// checkpoint and "train more" continues exactly where the run stopped. Two threads touch it, never at once:
// the controller fills the configs, the source and the control before it posts a call, and reads the configs
// (and sets the epochs to train to) only while no call is in flight; the worker owns everything else (the
// model, the data copy, the trainer) and, on open, the configs until it answers. The one field both use while
// a run goes is snapshotEvery, hence atomic; pause and stop go through the TrainingControl's atomics.
#include "core/data/dataset.h"
#include "core/models/model_config.h"
#include "core/training/checkpoint.h"
#include "core/training/trainer.h"
#include "core/training/training_config.h"
#include "core/training/training_control.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace latentlab::ui {

struct TrainingJob {
    ModelConfig modelConfig;
    TrainingConfig training;
    std::string dataPath;                      // where the data came from (kept in the checkpoint)
    std::shared_ptr<const Dataset> source;     // the GUI's dataset; copied on the worker before training
    std::shared_ptr<TrainingControl> control;  // replaced for every run (a stop is final for its run)

    // Worker side.
    Dataset data;                              // the worker's copy, split as `training` says
    std::shared_ptr<LatentModel> model;
    std::unique_ptr<Trainer> trainer;
    std::vector<std::int64_t> preview;         // validation samples shown beside their reconstructions
    std::int64_t previewEvery = 200;           // steps between two previews
    // Steps between two model snapshots for the explorer (0: none while training). Set from the GUI thread
    // while a run goes, hence atomic.
    std::atomic<std::int64_t> snapshotEvery{0};
    // An opened checkpoint that the open data cannot train: its model, progress and data fingerprint, so it
    // still saves (without optimizer state) and shows its history.
    CheckpointMeta openedMeta;
};

} // namespace latentlab::ui
