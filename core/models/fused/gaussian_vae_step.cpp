// The VAE, the beta-VAE and the conditional VAE (whose one-hot label joins the encoder's features before
// the heads and the latent code before the decoder, as GaussianVaeImpl::withLabel joins them).
#include "core/models/fused/family_steps.h"
#include "core/models/fused/gaussian_sweeps.h"
#include "core/models/fused/linear_heads.h"

namespace latentlab::fused {

class GaussianVaeStep : public FusedStep {
public:
    static std::unique_ptr<FusedStep> create(GaussianVaeImpl& model);
    GaussianVaeStep(GaussianVaeImpl& model, std::unique_ptr<Block> encoder, std::unique_ptr<Block> decoder)
        : model_(model), encoder_(std::move(encoder)), decoder_(std::move(decoder)), heads_({model.mu_, model.logvar_})
    {
        track(*encoder_);
        track(heads_);
        track(*decoder_);
    }

protected:
    LossTerms run(const torch::Tensor& x, const torch::Tensor& y, std::int64_t step) override;

private:
    GaussianVaeImpl& model_;
    std::unique_ptr<Block> encoder_, decoder_;
    LinearHeads heads_;
    torch::Tensor headIn_, gradHeadIn_, eps_, sd_, decoderIn_, gradDecoderIn_, gradHeads_, gradOutput_;
};

LossTerms GaussianVaeStep::run(const torch::Tensor& x, const torch::Tensor& y, std::int64_t step)
{
    const std::int64_t b = x.size(0), features = encoder_->outWidth(), latent = model_.config().latentDim;
    const std::int64_t classes = model_.conditional() ? model_.config().numClasses : 0;
    const double invBatch = 1.0 / static_cast<double>(b);
    const torch::Tensor labels = classes > 0 ? model_.oneHot(model_.checkLabels(y, b)).to(torch::kFloat) : torch::Tensor();

    torch::Tensor h = encoder_->forward(x);
    if (classes > 0) {
        const torch::Tensor joined = scratchRows(headIn_, b, features + classes);
        joined.narrow(1, 0, features).copy_(h);
        joined.narrow(1, features, classes).copy_(labels);
        h = joined;
    }
    const torch::Tensor heads = heads_.forward(h);
    const torch::Tensor mu = heads_.head(heads, 0), logvar = heads_.head(heads, 1);
    const torch::Tensor eps = scratchRows(eps_, b, latent), sd = scratchRows(sd_, b, latent);
    const torch::Tensor zIn = scratchRows(decoderIn_, b, latent + classes), z = zIn.narrow(1, 0, latent);
    drawLatent(mu, logvar, eps, sd, z);
    if (classes > 0)
        zIn.narrow(1, latent, classes).copy_(labels);
    const torch::Tensor output = decoder_->forward(zIn);

    const torch::Tensor gradOutput = scratchRows(gradOutput_, b, output.size(1));
    const double recon = reconstructionAndGradient(model_.config().likelihood, output, x, gradOutput);
    std::vector<double> klDims(static_cast<std::size_t>(latent), 0.0);
    const double kl = addStandardKl(mu, logvar, klDims) * invBatch;
    LossTerms out;
    const auto [objective, slope] = model_.klObjectiveAndSlope(kl, step, out);

    const torch::Tensor gradZIn = scratchRows(gradDecoderIn_, b, latent + classes);
    decoder_->backward(zIn, gradOutput, gradZIn);
    const torch::Tensor gradHeads = scratchRows(gradHeads_, b, 2 * latent);
    standardLatentBackward(gradZIn.narrow(1, 0, latent), mu, logvar, eps, sd, static_cast<float>(slope * invBatch),
                           heads_.head(gradHeads, 0), heads_.head(gradHeads, 1));
    const torch::Tensor gradH = scratchRows(gradHeadIn_, b, features + classes);
    heads_.backward(h, gradHeads, gradH);
    encoder_->backward(x, classes > 0 ? gradH.narrow(1, 0, features) : gradH, torch::Tensor());

    out.total = scalarTerm(recon + objective);
    out.terms = {{"recon", scalarTerm(recon)}, {"kl", scalarTerm(kl)}};
    std::vector<float> perDim(klDims.size());
    for (std::size_t i = 0; i < klDims.size(); ++i)
        perDim[i] = static_cast<float>(klDims[i] * invBatch);
    out.klPerDim = torch::tensor(perDim);
    return out;
}

std::unique_ptr<FusedStep> GaussianVaeStep::create(GaussianVaeImpl& model)
{
    if (!LinearHeads::supports({model.mu_, model.logvar_}))
        return nullptr;
    auto encoder = encoderBlock(*model.encoder_);
    auto decoder = decoderBlock(*model.decoder_);
    if (!encoder || !decoder)
        return nullptr;
    return std::make_unique<GaussianVaeStep>(model, std::move(encoder), std::move(decoder));
}

std::unique_ptr<FusedStep> makeGaussianVaeStep(GaussianVaeImpl& model)
{
    return GaussianVaeStep::create(model);
}

} // namespace latentlab::fused
