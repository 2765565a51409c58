#pragma once
// The Gaussian-latent VAE family in one class: VAE, beta-VAE (beta, KL warm-up, capacity annealing after
// Burgess et al. 2018) and the conditional VAE (the class one-hot goes to both encoder heads and decoder; with
// config.classPrior its prior is a learned diagonal Gaussian per class, prior_mu and prior_logvar [classes, d],
// the CVAE prior of Sohn et al. 2015 made class-only, so a draw for class c starts where c's images sit).
//
// Both loss terms are sums over dimensions averaged over the batch. A well-known tutorial averages the
// reconstruction over pixels instead while summing the KL: that shrinks the reconstruction ~784x against the
// KL, which then dominates and collapses the posterior. Summing both keeps the ELBO's own balance.
#include "core/models/backbones.h"
#include "core/models/latent_model.h"


namespace latentlab {
namespace fused {
class GaussianVaeStep;
}

class GaussianVaeImpl : public LatentModel {
public:
    explicit GaussianVaeImpl(const ModelConfig& config);
    Encoding encode(const torch::Tensor& x, const torch::Tensor& y = {}) override;
    Decoding decode(const torch::Tensor& z, const torch::Tensor& y = {}) override;
    LossTerms loss(const torch::Tensor& x, const torch::Tensor& y = {}, std::int64_t step = 0) override;
    // For the conditional VAE, y holds n labels or one label for all n samples.
    torch::Tensor sample(std::int64_t n, const torch::Tensor& y = {}, double temperature = 1.0,
                         c10::optional<at::Generator> generator = c10::nullopt) override;
    torch::Tensor priorLatents(const torch::Tensor& noise, const torch::Tensor& y = {}) override;
    bool hasKl() const override { return true; }
    CodeGrid codeGrid() const override { return {}; }
    bool canResampleBottom() const override { return false; }

private:
    friend class fused::GaussianVaeStep; // trains through these layers without autograd
    bool conditional() const { return config_.kind == ModelKind::ConditionalVae; }
    bool classPrior() const { return conditional() && config_.classPrior; }
    // The class prior's mean and log-variance of each row's label, [B, d] each; labels already checked.
    std::pair<torch::Tensor, torch::Tensor> priorOf(const torch::Tensor& labels) const;
    // Features with the label one-hot appended for the conditional VAE.
    torch::Tensor withLabel(const torch::Tensor& h, const torch::Tensor& y) const;

    FeatureEncoder encoder_{nullptr};
    torch::nn::Linear mu_{nullptr}, logvar_{nullptr};
    FlatDecoder decoder_{nullptr};
    torch::Tensor priorMu_, priorLogvar_; // classPrior() only
};
TORCH_MODULE(GaussianVae);

} // namespace latentlab
