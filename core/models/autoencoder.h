#pragma once
// The plain autoencoder: encoder -> latent -> mirrored decoder, trained on reconstruction alone.
// It has no prior, so sample() draws from a diagonal Gaussian fitted to its training codes (running
// mean and spread, kept as buffers so they are saved with the weights).
#include "core/models/backbones.h"
#include "core/models/latent_model.h"

namespace latentlab {
namespace fused {
class AutoencoderStep;
}

class AutoencoderImpl : public LatentModel {
public:
    explicit AutoencoderImpl(const ModelConfig& config);
    Encoding encode(const torch::Tensor& x, const torch::Tensor& y = {}) override;
    Decoding decode(const torch::Tensor& z, const torch::Tensor& y = {}) override;
    LossTerms loss(const torch::Tensor& x, const torch::Tensor& y = {}, std::int64_t step = 0) override;
    torch::Tensor sample(std::int64_t n, const torch::Tensor& y = {}, double temperature = 1.0,
                         c10::optional<at::Generator> generator = c10::nullopt) override;
    bool hasKl() const override { return false; }
    CodeGrid codeGrid() const override { return {}; }
    bool canResampleBottom() const override { return false; }

private:
    friend class fused::AutoencoderStep; // trains through these layers without autograd
    // Moves the running moments of the training codes z [B, latent] (in training mode).
    void updateCodeStatistics(const torch::Tensor& z);

    FeatureEncoder encoder_{nullptr};
    torch::nn::Linear head_{nullptr};
    FlatDecoder decoder_{nullptr};
    torch::Tensor codeMean_, codeStd_;
};
TORCH_MODULE(Autoencoder);

} // namespace latentlab
