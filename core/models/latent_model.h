#pragma once
// LatentModel: the one interface every family implements, so every view and command works with every model.
#include "core/models/model_config.h"

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace latentlab {

// One stochastic layer of an encoding.
struct LatentLayer {
    torch::Tensor mu;     // [B, d] (the pre-quantization vectors for VQ-VAE, flattened over positions)
    torch::Tensor logvar; // [B, d]; undefined for models without one (AE, VQ-VAE)
    torch::Tensor z;      // [B, d]: a draw for VAEs, mu for AEs, the quantized vectors for VQ-VAE
};

struct Encoding {
    torch::Tensor mu, logvar, z; // the layer the views use (the top one for the hierarchical VAE)
    torch::Tensor codes;         // VQ-VAE: code index per position, [B, P] (int64)
    std::vector<LatentLayer> layers; // bottom first; one entry for single-layer models
    // The prior the KL of mu, logvar is taken against, per row [B, d]: the conditional VAE's class prior.
    // Undefined: N(0, I).
    torch::Tensor priorMu, priorLogvar;
};

struct Decoding {
    torch::Tensor reconstruction; // [B, ...input shape]: Bernoulli means or Gaussian means
    torch::Tensor logits;         // Bernoulli logits (undefined for the Gaussian likelihood)
};

// Where a model's discrete codes sit over its input, so a view can lay them out: rows x columns of code
// positions (the conv VQ-VAE's grid, one row for the MLP VQ-VAE); 0 x 0 for a model without codes.
struct CodeGrid {
    std::int64_t rows = 0;
    std::int64_t columns = 0;

    std::int64_t positions() const { return rows * columns; }
    bool empty() const { return positions() == 0; }
};

// Named loss terms; each is a per-sample sum averaged over the batch. "total" is what is optimised.
struct LossTerms {
    torch::Tensor total;
    std::vector<std::pair<std::string, torch::Tensor>> terms; // recon, kl, vq, commitment, kl_z1, ...
    torch::Tensor klPerDim;                                     // [latent] batch-mean KL per dimension, or undefined
    std::vector<std::pair<std::string, double>> metrics;        // not optimised: perplexity, dead_codes, kl_weight, ...

    // The term of that name, or an undefined tensor.
    torch::Tensor term(const std::string& name) const;
    double metric(const std::string& name, double fallback = 0.0) const;
};

class LatentModel : public torch::nn::Module {
public:
    explicit LatentModel(ModelConfig config);
    ~LatentModel() override = default;

    // y: int64 class labels [B], required by the conditional VAE and ignored by the others.
    virtual Encoding encode(const torch::Tensor& x, const torch::Tensor& y = {}) = 0;
    // z: [B, latentDim()] in the layer encode() reports.
    virtual Decoding decode(const torch::Tensor& z, const torch::Tensor& y = {}) = 0;
    // step drives schedules (KL warm-up, capacity); it does not change the model.
    virtual LossTerms loss(const torch::Tensor& x, const torch::Tensor& y = {}, std::int64_t step = 0) = 0;
    // n samples from the prior (decoded means); temperature scales the prior's spread.
    virtual torch::Tensor sample(std::int64_t n, const torch::Tensor& y = {}, double temperature = 1.0,
                                 c10::optional<at::Generator> generator = c10::nullopt) = 0;

    virtual std::int64_t latentDim() const { return config_.latentDim; }
    // The prior's latents [N, d] for standard-normal noise [N, d] (already scaled by a temperature) under labels
    // y [N]: the noise itself where the prior is N(0, I); the conditional VAE's class prior moves and scales it.
    virtual torch::Tensor priorLatents(const torch::Tensor& noise, const torch::Tensor& y = {});
    bool hasLogvar() const;

    // What callers may ask of any model, so that none of them needs to know the family.
    // True where the objective has a KL term (so a -ELBO exists): the VAEs, not the AE or the VQ-VAE.
    virtual bool hasKl() const = 0;
    // KL of the encoding's posterior from the prior, summed over every latent and layer, per sample [B].
    // ModelMismatchError for a model without a KL term.
    virtual torch::Tensor klPerSample(const Encoding& e);
    // The reconstruction at the posterior mean of an encoding, as the likelihood sees it: decode(mu) (the
    // quantized code for the VQ-VAE). The hierarchical VAE decodes its bottom layer's mean, as p(x|z1) does.
    virtual Decoding decodeMean(const Encoding& e, const torch::Tensor& y = {});

    // Models with discrete codes (the VQ-VAE): where the codes sit, and the categorical prior their samples
    // come from, fitted on training codes. Without codes the grid is empty, there is no prior to fit
    // (accumulateCodePrior: ModelMismatchError) and resetCodePrior does nothing.
    virtual CodeGrid codeGrid() const = 0;
    virtual bool hasCodePrior() const { return false; }
    virtual void resetCodePrior() {}
    // Adds codes [B, positions] of training samples to the prior.
    virtual void accumulateCodePrior(const torch::Tensor& codes);

    // True where a top code can be held while the bottom layer is drawn afresh (the hierarchical VAE).
    virtual bool canResampleBottom() const = 0;
    // For each top code [B, latentDim()], a draw of the bottom layer from its prior given the top, at the
    // temperature, decoded: [B, ...input shape]. ModelMismatchError where canResampleBottom() is false.
    virtual torch::Tensor sampleBottom(const torch::Tensor& top, double temperature = 1.0,
                                       c10::optional<at::Generator> generator = c10::nullopt);
    ModelKind kind() const { return config_.kind; }
    const ModelConfig& config() const { return config_; }
    // The KL weight, changed while training runs (the GUI's beta knob); the rest of the config is fixed.
    void setBeta(double beta) { config_.beta = beta; }

protected:
    // The reconstruction term for the configured likelihood, summed per sample and averaged over the batch.
    // Bernoulli: BCE with logits. Gaussian: squared error, the negative log-likelihood of a Gaussian of
    // variance 1/2 up to a constant, so one unit of error weighs as much as one nat of KL.
    torch::Tensor reconstructionLoss(const torch::Tensor& output, const torch::Tensor& x) const;
    // Turns decoder output into a Decoding of input shape.
    Decoding makeDecoding(const torch::Tensor& output) const;
    // The KL term of the objective for this KL (warm-up or capacity, as klObjective applies it), its
    // derivative with respect to the KL, and its metrics added to out: for the fused steps, which need the slope.
    std::pair<double, double> klObjectiveAndSlope(double kl, std::int64_t step, LossTerms& out) const;
    // KL weight at this step: beta scaled by the linear warm-up.
    double klWeight(std::int64_t step) const;
    // total = recon + weight * kl, or recon + beta * |kl - C(step)| under capacity annealing.
    torch::Tensor klObjective(const torch::Tensor& kl, std::int64_t step, LossTerms& out) const;
    torch::Tensor oneHot(const torch::Tensor& y) const;
    torch::Tensor checkLabels(const torch::Tensor& y, std::int64_t batch) const;

    ModelConfig config_;
};

// Closed-form KL(N(mu, exp(logvar)) || N(0, I)) per dimension, [B, d].
torch::Tensor gaussianKlPerDim(const torch::Tensor& mu, const torch::Tensor& logvar);
// KL(N(mu_q, var_q) || N(mu_p, var_p)) per dimension, [B, d].
torch::Tensor gaussianKlPerDim(const torch::Tensor& muQ, const torch::Tensor& logvarQ, const torch::Tensor& muP,
                               const torch::Tensor& logvarP);
torch::Tensor reparameterize(const torch::Tensor& mu, const torch::Tensor& logvar);
// N(0, I) of this shape with these options, drawn from the generator where one is given. A generator draws
// only on its own device, and the seeded ones (seededGenerator) live on the CPU: their draws are made there
// and moved, so a model on the GPU samples what the same model on the CPU samples for one seed.
torch::Tensor standardNormal(at::IntArrayRef shape, const c10::optional<at::Generator>& generator,
                             const torch::TensorOptions& options);

} // namespace latentlab
