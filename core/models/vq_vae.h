#pragma once
// VQ-VAE (van den Oord et al. 2017): the encoder's vectors snap to the nearest of K codebook vectors, with
// the straight-through gradient. Loss = reconstruction + commitment * ||z_e - sg[e]||^2 (commitment 0.25 by
// default); the "vq" term ||sg[z_e] - e||^2 is reported but the codebook follows exponential moving averages
// of the vectors assigned to each code (decay 0.99, van den Oord et al. appendix) instead of a gradient:
// with a gradient the codebook moves at Adam's step size and lags behind the encoder, whose outputs then
// drift away from every code. The codebook starts at the first training batch's encoder outputs, and a code
// that falls out of use is restarted at a random current encoder output, so the codebook stays in use.
//
// The conv version quantizes a (H/4)x(W/4) grid (7x7 for 28x28 input); the MLP version splits its
// latent_dim into latent_dim/code_dim positions. Sampling never draws Gaussians: it draws each position's code
// from a categorical prior fitted on training codes (fitCodePrior), uniform until one is fitted.
#include "core/models/backbones.h"
#include "core/models/latent_model.h"

namespace latentlab {
namespace fused {
class VqVaeStep;
}

class VqVaeImpl : public LatentModel {
public:
    explicit VqVaeImpl(const ModelConfig& config);
    // mu: pre-quantization vectors [B, P*D]; z: quantized [B, P*D]; codes [B, P].
    Encoding encode(const torch::Tensor& x, const torch::Tensor& y = {}) override;
    // z is snapped to the codebook first: the decoder only ever sees what the model can produce.
    Decoding decode(const torch::Tensor& z, const torch::Tensor& y = {}) override;
    LossTerms loss(const torch::Tensor& x, const torch::Tensor& y = {}, std::int64_t step = 0) override;
    torch::Tensor sample(std::int64_t n, const torch::Tensor& y = {}, double temperature = 1.0,
                         c10::optional<at::Generator> generator = c10::nullopt) override;
    std::int64_t latentDim() const override { return positions_ * config_.codeDim; }
    bool hasKl() const override { return false; }
    // (H/4) x (W/4) for the conv backbone, 1 x positions for the MLP.
    CodeGrid codeGrid() const override { return grid_; }
    bool canResampleBottom() const override { return false; }

    std::int64_t positions() const { return positions_; }
    // Adds the codes [B, P] of training samples to the per-position categorical prior.
    void accumulateCodePrior(const torch::Tensor& codes) override;
    void resetCodePrior() override;
    bool hasCodePrior() const override;
    // Decodes code indices [B, P].
    Decoding decodeCodes(const torch::Tensor& codes);
    const torch::Tensor& codebook() const { return codebook_; }

private:
    friend class fused::VqVaeStep; // trains through these layers without autograd
    // The codebook's moving averages after a training batch's loss (vectors z_e [B, P, D], their codes),
    // and the metrics of that batch's codes.
    std::vector<std::pair<std::string, double>> afterLoss(const torch::Tensor& ze, const torch::Tensor& codes);
    torch::Tensor encodeVectors(const torch::Tensor& x);       // [B, P, D]
    torch::Tensor nearestCodes(const torch::Tensor& vectors);   // [B, P]
    Decoding decodeVectors(const torch::Tensor& vectors);       // [B, P, D]

    std::int64_t positions_ = 0;
    CodeGrid grid_;
    FeatureEncoder mlpEncoder_{nullptr};
    torch::nn::Linear mlpHead_{nullptr};
    FlatDecoder mlpDecoder_{nullptr};
    SpatialEncoder convEncoder_{nullptr};
    SpatialDecoder convDecoder_{nullptr};
    void updateCodebook(const torch::Tensor& vectors, const torch::Tensor& codes);

    torch::Tensor codebook_;      // [K, D], a buffer: it is set by the moving averages, not by the optimizer
    torch::Tensor emaCount_;      // [K] moving average of assignments per code
    torch::Tensor emaSum_;        // [K, D] moving average of the vectors assigned to each code
    torch::Tensor usage_;         // [K] running share of assignments, for dead-code reporting and restarts
    torch::Tensor priorCounts_;   // [P, K] code counts on training data
    torch::Tensor initialized_;   // scalar: codebook initialised from data
};
TORCH_MODULE(VqVae);

} // namespace latentlab
