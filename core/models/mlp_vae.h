#pragma once
// The classic MLP VAE (input -> hidden... -> mu, logvar; mirrored decoder with Bernoulli logits). The model
// issue grows this into the full zoo behind one LatentModel interface; the headless demo uses it as it is.
#include <torch/torch.h>

#include <vector>

namespace latentlab {

struct MlpVaeOptions {
    explicit MlpVaeOptions(std::int64_t inputDim) : input_dim_(inputDim) {}
    TORCH_ARG(std::int64_t, input_dim);
    TORCH_ARG(std::vector<std::int64_t>, hidden) = {512, 512};
    TORCH_ARG(std::int64_t, latent_dim) = 32;
};

struct VaeLoss {
    torch::Tensor total, recon, kl;
};

class MlpVaeImpl : public torch::nn::Module {
public:
    explicit MlpVaeImpl(const MlpVaeOptions& options);

    // x: [B, ...] in [0,1]; returns mu and logvar, each [B, latent].
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x);
    // z: [B, latent]; returns Bernoulli logits [B, input_dim].
    torch::Tensor decodeLogits(const torch::Tensor& z);
    // Both terms are sums over dimensions averaged over the batch. Averaging the reconstruction over pixels
    // instead (as a well-known tutorial does) shrinks it ~784x against the KL, which then dominates and
    // collapses the posterior.
    VaeLoss loss(const torch::Tensor& x);
    // Decoded means (probabilities) of n draws from N(0, temperature^2 I).
    torch::Tensor sample(std::int64_t n, double temperature = 1.0);

    const MlpVaeOptions& options() const { return options_; }

private:
    MlpVaeOptions options_;
    torch::nn::Sequential encoder_{nullptr}, decoder_{nullptr};
    torch::nn::Linear mu_{nullptr}, logvar_{nullptr};
};
TORCH_MODULE(MlpVae);

} // namespace latentlab
