// The VAE, the beta-VAE and the conditional VAE (whose one-hot label joins the encoder's features before
// the heads and the latent code before the decoder, as GaussianVaeImpl::withLabel joins them; with a class
// prior its KL is taken against each row's class's Gaussian, whose gradients gather back into prior_mu and
// prior_logvar by label).
#include "core/models/fused/family_steps.h"
#include "core/models/fused/gaussian_sweeps.h"
#include "core/models/fused/linear_heads.h"

#include <tuple>

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
        if (model.classPrior()) {
            priorMuGrad_ = torch::zeros_like(model.priorMu_);
            priorLogvarGrad_ = torch::zeros_like(model.priorLogvar_);
            track(ParameterGrad{model.priorMu_, priorMuGrad_});
            track(ParameterGrad{model.priorLogvar_, priorLogvarGrad_});
        }
    }

protected:
    LossTerms run(const torch::Tensor& x, const torch::Tensor& y, std::int64_t step) override;

private:
    GaussianVaeImpl& model_;
    std::unique_ptr<Block> encoder_, decoder_;
    LinearHeads heads_;
    torch::Tensor headIn_, gradHeadIn_, eps_, sd_, decoderIn_, gradDecoderIn_, gradHeads_, gradOutput_;
    torch::Tensor priorMuGrad_, priorLogvarGrad_, gradPriorMu_, gradPriorLogvar_; // class prior only
};

LossTerms GaussianVaeStep::run(const torch::Tensor& x, const torch::Tensor& y, std::int64_t step)
{
    const std::int64_t b = x.size(0), features = encoder_->outWidth(), latent = model_.config().latentDim;
    const std::int64_t classes = model_.conditional() ? model_.config().numClasses : 0;
    const double invBatch = 1.0 / static_cast<double>(b);
    const torch::Tensor classOf = classes > 0 ? model_.checkLabels(y, b) : torch::Tensor();
    const torch::Tensor labels = classes > 0 ? model_.oneHot(classOf).to(torch::kFloat) : torch::Tensor();
    const bool classPrior = model_.classPrior();

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
    torch::Tensor priorMu, priorLogvar;
    if (classPrior)
        std::tie(priorMu, priorLogvar) = model_.priorOf(classOf);
    const double kl = (classPrior ? priorKl(mu, logvar, priorMu, priorLogvar, &klDims) : addStandardKl(mu, logvar, klDims))
                      * invBatch;
    LossTerms out;
    const auto [objective, slope] = model_.klObjectiveAndSlope(kl, step, out);

    const torch::Tensor gradZIn = scratchRows(gradDecoderIn_, b, latent + classes);
    decoder_->backward(zIn, gradOutput, gradZIn);
    const torch::Tensor gradHeads = scratchRows(gradHeads_, b, 2 * latent);
    const auto w = static_cast<float>(slope * invBatch);
    if (classPrior) {
        priorLatentBackward(gradZIn.narrow(1, 0, latent), mu, logvar, eps, sd, priorMu, priorLogvar, w,
                            heads_.head(gradHeads, 0), heads_.head(gradHeads, 1));
        const torch::Tensor gradMuRows = scratchRows(gradPriorMu_, b, latent);
        const torch::Tensor gradLogvarRows = scratchRows(gradPriorLogvar_, b, latent);
        priorKlBackward(mu, logvar, priorMu, priorLogvar, w, gradMuRows, gradLogvarRows);
        priorMuGrad_.index_add_(0, classOf, gradMuRows);
        priorLogvarGrad_.index_add_(0, classOf, gradLogvarRows);
    } else {
        standardLatentBackward(gradZIn.narrow(1, 0, latent), mu, logvar, eps, sd, w, heads_.head(gradHeads, 0),
                               heads_.head(gradHeads, 1));
    }
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
    auto encoder = makeEncoderBlock(*model.encoder_);
    auto decoder = makeDecoderBlock(*model.decoder_);
    if (!encoder || !decoder)
        return nullptr;
    return std::make_unique<GaussianVaeStep>(model, std::move(encoder), std::move(decoder));
}

std::unique_ptr<FusedStep> makeGaussianVaeStep(GaussianVaeImpl& model)
{
    return GaussianVaeStep::create(model);
}

} // namespace latentlab::fused
