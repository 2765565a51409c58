#include "core/models/gaussian_vae.h"

namespace latentlab {

GaussianVaeImpl::GaussianVaeImpl(const ModelConfig& config) : LatentModel(config)
{
    const BackboneOptions b = BackboneOptions(config.inputShape, config.hidden).conv(config.backbone == Backbone::Conv);
    const std::int64_t extra = conditional() ? config.numClasses : 0;
    encoder_ = register_module("encoder", FeatureEncoder(b));
    mu_ = register_module("mu", torch::nn::Linear(encoder_->featureDim() + extra, config.latentDim));
    logvar_ = register_module("logvar", torch::nn::Linear(encoder_->featureDim() + extra, config.latentDim));
    decoder_ = register_module("decoder", FlatDecoder(b, config.latentDim + extra));
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
    const torch::Tensor klDims = gaussianKlPerDim(mu, logvar);
    const torch::Tensor kl = klDims.sum() / static_cast<double>(x.size(0));
    out.terms = {{"recon", recon}, {"kl", kl}};
    out.klPerDim = klDims.mean(0).detach();
    out.total = recon + klObjective(kl, step, out);
    return out;
}

torch::Tensor GaussianVaeImpl::sample(std::int64_t n, const torch::Tensor& y, double temperature,
                                      c10::optional<at::Generator> generator)
{
    const torch::Tensor z = standardNormal({n, config_.latentDim}, generator, mu_->weight.options()) * temperature;
    torch::Tensor labels = y;
    if (conditional() && y.defined() && y.numel() == 1)
        labels = y.reshape({1}).expand({n}).contiguous();
    return decode(z, labels).reconstruction;
}

} // namespace latentlab
