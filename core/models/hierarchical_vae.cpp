#include "core/models/hierarchical_vae.h"

namespace latentlab {

HierarchicalVaeImpl::HierarchicalVaeImpl(const ModelConfig& config) : LatentModel(config)
{
    const BackboneOptions b = BackboneOptions(config.inputShape, config.hidden).conv(config.backbone == Backbone::Conv);
    const std::int64_t d1 = config.bottomLatentDim, d2 = config.latentDim;
    const std::int64_t width = std::min<std::int64_t>(config.hidden.back(), 256);
    encoder_ = register_module("encoder", FeatureEncoder(b));
    mu1_ = register_module("mu1", torch::nn::Linear(encoder_->featureDim(), d1));
    logvar1_ = register_module("logvar1", torch::nn::Linear(encoder_->featureDim(), d1));
    up_ = register_module("up", torch::nn::Sequential(torch::nn::Linear(d1, width), torch::nn::ReLU()));
    mu2_ = register_module("mu2", torch::nn::Linear(width, d2));
    logvar2_ = register_module("logvar2", torch::nn::Linear(width, d2));
    down_ = register_module("down", torch::nn::Sequential(torch::nn::Linear(d2, width), torch::nn::ReLU()));
    priorMu1_ = register_module("prior_mu1", torch::nn::Linear(width, d1));
    priorLogvar1_ = register_module("prior_logvar1", torch::nn::Linear(width, d1));
    decoder_ = register_module("decoder", FlatDecoder(b, d1));
}

std::pair<torch::Tensor, torch::Tensor> HierarchicalVaeImpl::topPosterior(const torch::Tensor& z1)
{
    const torch::Tensor h = up_->forward(z1);
    return {mu2_->forward(h), logvar2_->forward(h)};
}

std::pair<torch::Tensor, torch::Tensor> HierarchicalVaeImpl::bottomPrior(const torch::Tensor& z2)
{
    const torch::Tensor h = down_->forward(z2);
    return {priorMu1_->forward(h), priorLogvar1_->forward(h)};
}

Encoding HierarchicalVaeImpl::encode(const torch::Tensor& x, const torch::Tensor&)
{
    const torch::Tensor h = encoder_->forward(x);
    const torch::Tensor mu1 = mu1_->forward(h), logvar1 = logvar1_->forward(h);
    const torch::Tensor z1 = is_training() ? reparameterize(mu1, logvar1) : mu1;
    auto [mu2, logvar2] = topPosterior(z1);
    const torch::Tensor z2 = is_training() ? reparameterize(mu2, logvar2) : mu2;
    Encoding e;
    e.layers = {LatentLayer{mu1, logvar1, z1}, LatentLayer{mu2, logvar2, z2}};
    e.mu = mu2;
    e.logvar = logvar2;
    e.z = z2;
    return e;
}

Decoding HierarchicalVaeImpl::decodeBottom(const torch::Tensor& z1)
{
    return makeDecoding(decoder_->forward(z1));
}

torch::Tensor HierarchicalVaeImpl::klPerSample(const Encoding& e)
{
    const LatentLayer& bottom = e.layers.front();
    const LatentLayer& top = e.layers.back();
    auto [priorMu1, priorLogvar1] = bottomPrior(top.z);
    return gaussianKlPerDim(bottom.mu, bottom.logvar, priorMu1, priorLogvar1).sum(1)
           + gaussianKlPerDim(top.mu, top.logvar).sum(1);
}

Decoding HierarchicalVaeImpl::decodeMean(const Encoding& e, const torch::Tensor&)
{
    return decodeBottom(e.layers.front().mu);
}

Decoding HierarchicalVaeImpl::decode(const torch::Tensor& z2, const torch::Tensor&)
{
    return decodeBottom(bottomPrior(z2).first);
}

LossTerms HierarchicalVaeImpl::loss(const torch::Tensor& x, const torch::Tensor&, std::int64_t step)
{
    const double batch = static_cast<double>(x.size(0));
    const torch::Tensor h = encoder_->forward(x);
    const torch::Tensor mu1 = mu1_->forward(h), logvar1 = logvar1_->forward(h);
    const torch::Tensor z1 = reparameterize(mu1, logvar1);
    auto [mu2, logvar2] = topPosterior(z1);
    const torch::Tensor z2 = reparameterize(mu2, logvar2);
    auto [pmu1, plogvar1] = bottomPrior(z2);

    const torch::Tensor recon = reconstructionLoss(decoder_->forward(z1), x);
    const torch::Tensor kl2Dims = gaussianKlPerDim(mu2, logvar2);
    const torch::Tensor kl1 = gaussianKlPerDim(mu1, logvar1, pmu1, plogvar1).sum() / batch;
    const torch::Tensor kl2 = kl2Dims.sum() / batch;
    const torch::Tensor kl = kl1 + kl2;
    LossTerms out;
    out.terms = {{"recon", recon}, {"kl", kl}, {"kl_z1", kl1}, {"kl_z2", kl2}};
    out.klPerDim = kl2Dims.mean(0).detach();
    out.total = recon + klObjective(kl, step, out);
    return out;
}

torch::Tensor HierarchicalVaeImpl::sampleBottom(const torch::Tensor& z2, double temperature, c10::optional<at::Generator> generator)
{
    auto [pmu1, plogvar1] = bottomPrior(z2);
    const torch::Tensor eps = standardNormal(pmu1.sizes(), generator, pmu1.options());
    return decodeBottom(pmu1 + eps * torch::exp(0.5 * plogvar1) * temperature).reconstruction;
}

torch::Tensor HierarchicalVaeImpl::sample(std::int64_t n, const torch::Tensor&, double temperature, c10::optional<at::Generator> generator)
{
    const torch::Tensor z2 = standardNormal({n, config_.latentDim}, generator, mu2_->weight.options()) * temperature;
    return sampleBottom(z2, temperature, generator);
}

} // namespace latentlab
