#pragma once
// What a running Trainer tells the world. Called on the training thread: a GUI observer copies the values
// into a queued signal; the CLI prints them. Plain values only, never tensors.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace latentlab {

using TermValues = std::vector<std::pair<std::string, double>>; // "total" first, then recon, kl, ...

struct BatchReport {
    std::int64_t epoch = 0;          // 0-based epoch this batch belongs to
    std::int64_t epochs = 0;
    std::int64_t step = 0;           // global optimizer steps done, this one included
    std::int64_t batchInEpoch = 0;   // 1-based
    std::int64_t batchesPerEpoch = 0;
    TermValues terms;
    double samplesPerSecond = 0.0;
    double learningRate = 0.0;
};

struct EpochReport {
    std::int64_t epoch = 0;          // 1-based: epochs completed
    std::int64_t epochs = 0;
    std::int64_t step = 0;
    TermValues train;                // means over the epoch's batches
    TermValues validation;           // means over the validation split (empty without one)
    std::vector<double> klPerDim;    // validation (or train) mean KL per latent dimension; empty without a KL
    double elapsedSeconds = 0.0;     // since run() started
    double etaSeconds = 0.0;         // to the last epoch
    double samplesPerSecond = 0.0;
};

enum class TrainingStatus { Completed, Stopped, Diverged };
std::string toString(TrainingStatus status);

struct TrainingOutcome {
    TrainingStatus status = TrainingStatus::Completed;
    std::string message;             // one sentence for the user
    std::int64_t epoch = 0;          // epochs completed
    std::int64_t step = 0;
};

class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    virtual void onBatch(const BatchReport&) {}
    virtual void onEpoch(const EpochReport&) {}
    // The trainer saw a pause request after `step` steps and is about to wait for resume (or stop): nothing
    // more is trained until then, so whatever was collected can be handed on now.
    virtual void onPaused(std::int64_t /*step*/) {}
    virtual void onFinished(const TrainingOutcome&) {}
};

} // namespace latentlab
