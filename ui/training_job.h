#pragma once
// Everything one model's training works on. Created by the controller, then touched only on the worker's
// thread (the model, the data copy, the trainer), so no lock guards it: the GUI thread reaches it through
// queued calls alone. Kept after a run, so the optimizer's moments go into the checkpoint and "train more"
// continues exactly where the run stopped.
#include "data/dataset.h"
#include "models/model_config.h"
#include "training/checkpoint.h"
#include "training/trainer.h"
#include "training/training_config.h"
#include "training/training_control.h"

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
