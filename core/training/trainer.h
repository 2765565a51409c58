#pragma once
// Trainer: mini-batch Adam over a Dataset's train split, on the thread that calls run(). Reports through a
// TrainingObserver, obeys a TrainingControl between batches, and never keeps weights poisoned by a NaN.
// Determinism: the order of epoch e depends only on (seed, e), and the sampling noise of epoch e is seeded
// the same way, so a resumed run repeats exactly what an uninterrupted one would have done.
#include "core/data/dataset.h"
#include "core/models/latent_model.h"
#include "core/training/adam_optimizer.h"
#include "core/training/loss_history.h"
#include "core/training/training_config.h"
#include "core/training/training_control.h"
#include "core/training/training_observer.h"

#include <memory>

namespace latentlab {

// Where a run stands; saved in checkpoints.
struct TrainingProgress {
    std::int64_t epoch = 0;        // epochs completed
    std::int64_t batchInEpoch = 0; // batches of the current epoch done (0 at an epoch boundary)
    std::int64_t step = 0;         // optimizer steps done
    LossHistory history;
};

class Trainer {
public:
    // Checks that the model fits the data (input shape, labels for the conditional VAE) and the config.
    Trainer(std::shared_ptr<LatentModel> model, const Dataset& data, TrainingConfig config);

    void setObserver(TrainingObserver* observer) { observer_ = observer; }
    void setControl(TrainingControl* control) { control_ = control; }
    // Continues a run: progress and optimizer moments from a checkpoint.
    void restore(const TrainingProgress& progress, const NamedTensors& optimizerState);
    // Off: every model trains through autograd, also those the fused steps cover (on by default; the speed
    // benchmark compares the two).
    void setFusedSteps(bool on) { fusedSteps_ = on; }
    // More epochs for a resumed run (the total, not the extra).
    void setEpochs(std::int64_t epochs);

    // Trains until config.epochs are done, a stop is requested or the loss diverges. Sets LibTorch's thread
    // count and grad mode on the calling thread.
    TrainingOutcome run();

    const TrainingProgress& progress() const { return progress_; }
    const TrainingConfig& config() const { return config_; }
    const AdamOptimizer& optimizer() const { return optimizer_; }
    const std::shared_ptr<LatentModel>& model() const { return model_; }

private:
    std::vector<std::int64_t> epochOrder(std::int64_t epoch) const;
    torch::Tensor labelsFor(const std::vector<std::int64_t>& indices) const;

    std::shared_ptr<LatentModel> model_;
    const Dataset& data_;
    TrainingConfig config_;
    torch::Device device_;
    AdamOptimizer optimizer_;
    TrainingProgress progress_;
    TrainingObserver* observer_ = nullptr;
    TrainingControl* control_ = nullptr;
    bool fusedSteps_ = true;
};

// The named terms of a loss as plain numbers, "total" first.
TermValues termValues(const LossTerms& loss);

} // namespace latentlab
