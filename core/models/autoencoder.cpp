#include "core/models/autoencoder.h"

namespace latentlab {

AutoencoderImpl::AutoencoderImpl(const ModelConfig& config) : LatentModel(config)
{
    const BackboneOptions b = BackboneOptions(config.inputShape, config.hidden).conv(config.backbone == Backbone::Conv);
    encoder_ = register_module("encoder", FeatureEncoder(b));
    head_ = register_module("head", torch::nn::Linear(encoder_->featureDim(), config.latentDim));
    decoder_ = register_module("decoder", FlatDecoder(b, config.latentDim));
    codeMean_ = register_buffer("code_mean", torch::zeros({config.latentDim}));
    codeStd_ = register_buffer("code_std", torch::ones({config.latentDim}));
}

Encoding AutoencoderImpl::encode(const torch::Tensor& x, const torch::Tensor&)
{
    Encoding e;
    e.mu = e.z = head_->forward(encoder_->forward(x));
    e.layers = {LatentLayer{e.mu, {}, e.z}};
    return e;
}

Decoding AutoencoderImpl::decode(const torch::Tensor& z, const torch::Tensor&)
{
    return makeDecoding(decoder_->forward(z));
}

LossTerms AutoencoderImpl::loss(const torch::Tensor& x, const torch::Tensor&, std::int64_t)
{
    const torch::Tensor z = head_->forward(encoder_->forward(x));
    LossTerms out;
    const torch::Tensor recon = reconstructionLoss(decoder_->forward(z), x);
    out.terms = {{"recon", recon}};
    out.total = recon;
    updateCodeStatistics(z);
    return out;
}

void AutoencoderImpl::updateCodeStatistics(const torch::Tensor& z)
{
    if (is_training() && z.size(0) > 1) {
        // Running moments of the codes: the Gaussian that sample() draws from.
        torch::NoGradGuard noGrad;
        codeMean_.mul_(0.99).add_(z.mean(0), 0.01);
        codeStd_.mul_(0.99).add_(z.std(0), 0.01);
    }
}

torch::Tensor AutoencoderImpl::sample(std::int64_t n, const torch::Tensor&, double temperature,
                                      c10::optional<at::Generator> generator)
{
    const torch::Tensor eps = standardNormal({n, config_.latentDim}, generator, codeMean_.options());
    return decode(codeMean_ + eps * codeStd_ * temperature).reconstruction;
}

} // namespace latentlab
