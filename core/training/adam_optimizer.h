#pragma once
// Adam (Kingma & Ba, with PyTorch's exact update and L2 weight decay added to the gradient), written as one
// pass over each parameter instead of LibTorch's six tensor operations and a temporary: on the reference MLP
// VAE the optimizer step was a visible share of a training step. The same pass keeps the weights from before
// the step, so a step that poisons the model can be undone without a separate copy.
#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace latentlab {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

struct AdamSettings {
    double learningRate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay = 0.0;
};

class AdamOptimizer {
public:
    // params: the model's named parameters; those that do not require a gradient are left alone.
    AdamOptimizer(const NamedTensors& params, AdamSettings settings);

    // Drops the gradients (set to none, so backward writes them fresh instead of adding to zeros).
    void zeroGrad();
    // Global L2 norm of all gradients; when maxNorm > 0 and the norm exceeds it, scales them down to it.
    double clipGradNorm(double maxNorm);
    // What step() leaves in the gradients: Keep them, or Zero them in the same pass, for a caller that adds
    // the next gradients into the same buffers (the fused steps: zeroing them there is cheaper than in BLAS).
    enum class Gradients { Keep, Zero };
    // One Adam step; parameters without a gradient are skipped, as in PyTorch.
    void step(Gradients after = Gradients::Keep);
    // Puts back the weights from before the last step(); false (and nothing changed) when there is none.
    bool undoLastStep();

    void setLearningRate(double lr) { settings_.learningRate = lr; }
    const AdamSettings& settings() const { return settings_; }
    std::int64_t steps() const { return steps_; }

    // Moments and step count, named "<param>.exp_avg", "<param>.exp_avg_sq" and "step" (CPU tensors).
    NamedTensors state() const;
    // Restores state(); throws ModelMismatchError when a name is missing or a shape differs.
    void loadState(const NamedTensors& state);

private:
    struct Slot {
        std::string name;
        torch::Tensor param, expAvg, expAvgSq, previous;
    };
    AdamSettings settings_;
    std::vector<Slot> slots_;
    std::int64_t steps_ = 0;
    bool canUndo_ = false;
};

} // namespace latentlab
