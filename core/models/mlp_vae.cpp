#include "models/mlp_vae.h"

namespace latentlab {

MlpVaeImpl::MlpVaeImpl(const MlpVaeOptions& options) : options_(options)
{
    encoder_ = torch::nn::Sequential();
    std::int64_t width = options.input_dim();
    for (const auto h : options.hidden()) {
        encoder_->push_back(torch::nn::Linear(width, h));
        encoder_->push_back(torch::nn::ReLU());
        width = h;
    }
    mu_ = torch::nn::Linear(width, options.latent_dim());
    logvar_ = torch::nn::Linear(width, options.latent_dim());
    decoder_ = torch::nn::Sequential();
    width = options.latent_dim();
    for (auto it = options.hidden().rbegin(); it != options.hidden().rend(); ++it) {
        decoder_->push_back(torch::nn::Linear(width, *it));
        decoder_->push_back(torch::nn::ReLU());
        width = *it;
    }
    decoder_->push_back(torch::nn::Linear(width, options.input_dim()));
    register_module("encoder", encoder_);
    register_module("mu", mu_);
    register_module("logvar", logvar_);
    register_module("decoder", decoder_);
}

std::pair<torch::Tensor, torch::Tensor> MlpVaeImpl::encode(const torch::Tensor& x)
{
    const torch::Tensor h = encoder_->forward(x.flatten(1));
    return {mu_->forward(h), logvar_->forward(h)};
}

torch::Tensor MlpVaeImpl::decodeLogits(const torch::Tensor& z)
{
    return decoder_->forward(z);
}

VaeLoss MlpVaeImpl::loss(const torch::Tensor& x)
{
    const torch::Tensor flat = x.flatten(1);
    auto [mu, logvar] = encode(flat);
    const torch::Tensor z = mu + torch::randn_like(mu) * torch::exp(0.5 * logvar);
    const torch::Tensor logits = decodeLogits(z);
    const double batch = static_cast<double>(x.size(0));
    VaeLoss l;
    l.recon = torch::binary_cross_entropy_with_logits(logits, flat, {}, {}, at::Reduction::Sum) / batch;
    l.kl = (-0.5 * torch::sum(1 + logvar - mu.pow(2) - logvar.exp())) / batch;
    l.total = l.recon + l.kl;
    return l;
}

torch::Tensor MlpVaeImpl::sample(std::int64_t n, double temperature)
{
    const torch::Tensor z = torch::randn({n, options_.latent_dim()}) * temperature;
    return torch::sigmoid(decodeLogits(z));
}

} // namespace latentlab
