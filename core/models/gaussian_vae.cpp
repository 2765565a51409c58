#include "core/models/gaussian_vae.h"

#include <tuple>

namespace latentlab {

GaussianVaeImpl::GaussianVaeImpl(const ModelConfig& config) : LatentModel(config)
{
    const BackboneOptions b = BackboneOptions(config.inputShape, config.hidden).conv(config.backbone == Backbone::Conv);
    const std::int64_t extra = conditional() ? config.numClasses : 0;
    encoder_ = register_module("encoder", FeatureEncoder(b));
    mu_ = register_module("mu", torch::nn::Linear(encoder_->featureDim() + extra, config.latentDim));
    logvar_ = register_module("logvar", torch::nn::Linear(encoder_->featureDim() + extra, config.latentDim));
    decoder_ = register_module("decoder", FlatDecoder(b, config.latentDim + extra));
    if (classPrior()) {
        // Every class starts at N(0, I); the KL pulls each towards where the encoder puts its images.
        priorMu_ = register_parameter("prior_mu", torch::zeros({config.numClasses, config.latentDim}));
        priorLogvar_ = register_parameter("prior_logvar", torch::zeros({config.numClasses, config.latentDim}));
    }
}

std::pair<torch::Tensor, torch::Tensor> GaussianVaeImpl::priorOf(const torch::Tensor& labels) const
{
    const torch::Tensor rows = labels.to(priorMu_.device());
    return {priorMu_.index_select(0, rows), priorLogvar_.index_select(0, rows)};
}

torch::Tensor GaussianVaeImpl::withLabel(const torch::Tensor& h, const torch::Tensor& y) const
{
    if (!conditional())
        return h;
    return torch::cat({h, oneHot(checkLabels(y, h.size(0))).to(h.device())}, 1);
}

Encoding GaussianVaeImpl::encode(const torch::Tensor& x, const torch::Tensor& y)
{
    const torch::Tensor h = withLabel(encoder_->forward(x), y);
    Encoding e;
    e.mu = mu_->forward(h);
    e.logvar = logvar_->forward(h);
    e.z = is_training() ? reparameterize(e.mu, e.logvar) : e.mu;
    e.layers = {LatentLayer{e.mu, e.logvar, e.z}};
    if (classPrior())
        std::tie(e.priorMu, e.priorLogvar) = priorOf(checkLabels(y, x.size(0)));
    return e;
}

Decoding GaussianVaeImpl::decode(const torch::Tensor& z, const torch::Tensor& y)
{
    return makeDecoding(decoder_->forward(withLabel(z, y)));
}

LossTerms GaussianVaeImpl::loss(const torch::Tensor& x, const torch::Tensor& y, std::int64_t step)
{
    const torch::Tensor h = withLabel(encoder_->forward(x), y);
    const torch::Tensor mu = mu_->forward(h), logvar = logvar_->forward(h);
    const torch::Tensor z = reparameterize(mu, logvar);
    LossTerms out;
    const torch::Tensor recon = reconstructionLoss(decoder_->forward(withLabel(z, y)), x);
    torch::Tensor klDims;
    if (classPrior()) {
        const auto [pm, plv] = priorOf(checkLabels(y, x.size(0)));
        klDims = gaussianKlPerDim(mu, logvar, pm, plv);
    } else {
        klDims = gaussianKlPerDim(mu, logvar);
    }
    const torch::Tensor kl = klDims.sum() / static_cast<double>(x.size(0));
    out.terms = {{"recon", recon}, {"kl", kl}};
    out.klPerDim = klDims.mean(0).detach();
    out.total = recon + klObjective(kl, step, out);
    return out;
}

torch::Tensor GaussianVaeImpl::sample(std::int64_t n, const torch::Tensor& y, double temperature,
                                      c10::optional<at::Generator> generator)
{
    const torch::Tensor noise = standardNormal({n, config_.latentDim}, generator, mu_->weight.options()) * temperature;
    torch::Tensor labels = y;
    if (conditional() && y.defined() && y.numel() == 1)
        labels = y.reshape({1}).expand({n}).contiguous();
    return decode(priorLatents(noise, labels), labels).reconstruction;
}

torch::Tensor GaussianVaeImpl::priorLatents(const torch::Tensor& noise, const torch::Tensor& y)
{
    if (!classPrior())
        return noise;
    const auto [pm, plv] = priorOf(checkLabels(y, noise.size(0)));
    return pm + (0.5 * plv).exp() * noise.to(pm.device());
}

} // namespace latentlab
