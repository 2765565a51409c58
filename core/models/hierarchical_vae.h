#pragma once
// A two-layer hierarchical VAE: bottom z1 (bottom_latent_dim) and top z2 (latent_dim).
//   inference (bottom-up): q(z1|x), q(z2|z1)      generation (top-down): p(z2) = N(0, I), p(z1|z2), p(x|z1)
// ELBO = E[log p(x|z1)] - KL(q(z2|z1) || p(z2)) - KL(q(z1|x) || p(z1|z2)), both KL terms reported.
// The views use the top layer: encode() reports z2 as its main layer, decode(z2) goes through the mean of
// p(z1|z2); sampleBottom() keeps a top code fixed and resamples only the bottom layer.
#include "core/models/backbones.h"
#include "core/models/latent_model.h"

namespace latentlab {
namespace fused {
class HierarchicalVaeStep;
}

class HierarchicalVaeImpl : public LatentModel {
public:
    explicit HierarchicalVaeImpl(const ModelConfig& config);
    Encoding encode(const torch::Tensor& x, const torch::Tensor& y = {}) override;
    Decoding decode(const torch::Tensor& z2, const torch::Tensor& y = {}) override;
    LossTerms loss(const torch::Tensor& x, const torch::Tensor& y = {}, std::int64_t step = 0) override;
    torch::Tensor sample(std::int64_t n, const torch::Tensor& y = {}, double temperature = 1.0,
                         c10::optional<at::Generator> generator = c10::nullopt) override;
    bool hasKl() const override { return true; }
    // KL(q(z1|x) || p(z1|z2)) + KL(q(z2|z1) || p(z2)), the bottom prior taken at the encoding's z2.
    torch::Tensor klPerSample(const Encoding& e) override;
    // From the bottom layer's mean: decode(z2) would go through p(z1|z2) and blur what z1 kept.
    Decoding decodeMean(const Encoding& e, const torch::Tensor& y = {}) override;
    CodeGrid codeGrid() const override { return {}; }
    bool canResampleBottom() const override { return true; }
    // For each top code [B, latent_dim], a fresh draw of z1 ~ p(z1|z2), decoded.
    torch::Tensor sampleBottom(const torch::Tensor& z2, double temperature = 1.0,
                               c10::optional<at::Generator> generator = c10::nullopt) override;

    Decoding decodeBottom(const torch::Tensor& z1);

private:
    friend class fused::HierarchicalVaeStep; // trains through these layers without autograd
    // p(z1|z2) as (mu, logvar).
    std::pair<torch::Tensor, torch::Tensor> bottomPrior(const torch::Tensor& z2);
    std::pair<torch::Tensor, torch::Tensor> topPosterior(const torch::Tensor& z1);

    FeatureEncoder encoder_{nullptr};
    torch::nn::Linear mu1_{nullptr}, logvar1_{nullptr};
    torch::nn::Sequential up_{nullptr};   // z1 -> features for q(z2|z1)
    torch::nn::Linear mu2_{nullptr}, logvar2_{nullptr};
    torch::nn::Sequential down_{nullptr}; // z2 -> features for p(z1|z2)
    torch::nn::Linear priorMu1_{nullptr}, priorLogvar1_{nullptr};
    FlatDecoder decoder_{nullptr};
};
TORCH_MODULE(HierarchicalVae);

} // namespace latentlab
