#pragma once
// What every decode-only analysis does around a model: eval mode (so VAEs use mu, not a posterior draw) and
// no autograd, restoring the training flag afterwards even when a batch throws or is cancelled.
#include <torch/torch.h>

namespace latentlab {

class InferenceScope {
public:
    explicit InferenceScope(torch::nn::Module& model) : model_(model), wasTraining_(model.is_training())
    {
        model_.eval();
    }
    ~InferenceScope() { model_.train(wasTraining_); }
    InferenceScope(const InferenceScope&) = delete;
    InferenceScope& operator=(const InferenceScope&) = delete;

private:
    torch::NoGradGuard noGrad_;
    torch::nn::Module& model_;
    bool wasTraining_;
};

// Where the model's weights live; the CPU for a model without registered ones (TorchScript).
inline torch::Device modelDevice(const torch::nn::Module& model)
{
    for (const auto& p : model.parameters())
        return p.device();
    for (const auto& b : model.buffers())
        return b.device();
    return torch::kCPU;
}

} // namespace latentlab
