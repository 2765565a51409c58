#include "core/models/vq_vae.h"

namespace latentlab {

VqVaeImpl::VqVaeImpl(const ModelConfig& config) : LatentModel(config)
{
    positions_ = config.vqPositions();
    // The conv encoder's two stride-2 convolutions leave one code per 4x4 patch of the input.
    grid_ = config.backbone == Backbone::Conv ? CodeGrid{config.inputShape[1] / 4, config.inputShape[2] / 4}
                                              : CodeGrid{1, positions_};
    const BackboneOptions b = BackboneOptions(config.inputShape, config.hidden).conv(config.backbone == Backbone::Conv);
    if (config.backbone == Backbone::Conv) {
        convEncoder_ = register_module("encoder", SpatialEncoder(b, config.codeDim));
        convDecoder_ = register_module("decoder", SpatialDecoder(b, config.codeDim));
    } else {
        mlpEncoder_ = register_module("encoder", FeatureEncoder(b));
        mlpHead_ = register_module("head", torch::nn::Linear(mlpEncoder_->featureDim(), config.latentDim));
        mlpDecoder_ = register_module("decoder", FlatDecoder(b, config.latentDim));
    }
    const double k = static_cast<double>(config.codebookSize);
    codebook_ = register_buffer("codebook", torch::empty({config.codebookSize, config.codeDim}).uniform_(-1.0 / k, 1.0 / k));
    emaCount_ = register_buffer("ema_count", torch::ones({config.codebookSize}));
    emaSum_ = register_buffer("ema_sum", codebook_.clone());
    usage_ = register_buffer("usage", torch::full({config.codebookSize}, 1.0 / k));
    priorCounts_ = register_buffer("prior_counts", torch::zeros({positions_, config.codebookSize}));
    initialized_ = register_buffer("initialized", torch::zeros({}));
}

torch::Tensor VqVaeImpl::encodeVectors(const torch::Tensor& x)
{
    if (convEncoder_) {
        const torch::Tensor g = convEncoder_->forward(x); // [B, D, h, w]
        return g.permute({0, 2, 3, 1}).reshape({x.size(0), positions_, config_.codeDim});
    }
    return mlpHead_->forward(mlpEncoder_->forward(x)).view({x.size(0), positions_, config_.codeDim});
}

torch::Tensor VqVaeImpl::nearestCodes(const torch::Tensor& vectors)
{
    const torch::Tensor flat = vectors.reshape({-1, config_.codeDim});
    // ||v - e||^2 = ||v||^2 - 2 v.e + ||e||^2, without materialising every difference.
    const torch::Tensor d = flat.pow(2).sum(1, true) - 2 * flat.matmul(codebook_.t()) + codebook_.pow(2).sum(1).unsqueeze(0);
    return d.argmin(1).view({vectors.size(0), positions_});
}

Decoding VqVaeImpl::decodeVectors(const torch::Tensor& vectors)
{
    if (convDecoder_) {
        const torch::Tensor g =
            vectors.view({vectors.size(0), grid_.rows, grid_.columns, config_.codeDim}).permute({0, 3, 1, 2});
        return makeDecoding(convDecoder_->forward(g.contiguous()));
    }
    return makeDecoding(mlpDecoder_->forward(vectors.reshape({vectors.size(0), positions_ * config_.codeDim})));
}

Encoding VqVaeImpl::encode(const torch::Tensor& x, const torch::Tensor&)
{
    const torch::Tensor ze = encodeVectors(x);
    Encoding e;
    e.codes = nearestCodes(ze);
    // Widths spelled out: -1 cannot be inferred for zero rows.
    e.mu = ze.reshape({x.size(0), positions_ * config_.codeDim});
    e.z = codebook_.index_select(0, e.codes.reshape({-1})).view({x.size(0), positions_ * config_.codeDim});
    e.layers = {LatentLayer{e.mu, {}, e.z}};
    return e;
}

Decoding VqVaeImpl::decode(const torch::Tensor& z, const torch::Tensor&)
{
    const torch::Tensor v = z.view({z.size(0), positions_, config_.codeDim});
    return decodeCodes(nearestCodes(v));
}

Decoding VqVaeImpl::decodeCodes(const torch::Tensor& codes)
{
    const torch::Tensor v = codebook_.index_select(0, codes.reshape({-1})).view({codes.size(0), positions_, config_.codeDim});
    return decodeVectors(v);
}

void VqVaeImpl::updateCodebook(const torch::Tensor& vectors, const torch::Tensor& codes)
{
    torch::NoGradGuard noGrad;
    constexpr double decay = 0.99, eps = 1e-5;
    const torch::Tensor flat = vectors.reshape({-1, config_.codeDim});
    const torch::Tensor onehot = torch::one_hot(codes.reshape({-1}), config_.codebookSize).to(flat.dtype());
    if (initialized_.item<float>() == 0.0f) {
        // Start every code at a real encoder output so none begins out of reach.
        const torch::Tensor pick = torch::randint(flat.size(0), {config_.codebookSize}, torch::TensorOptions().dtype(torch::kInt64).device(flat.device()));
        codebook_.copy_(flat.index_select(0, pick));
        emaSum_.copy_(codebook_);
        emaCount_.fill_(1.0);
        initialized_.fill_(1.0);
        return;
    }
    emaCount_.mul_(decay).add_(onehot.sum(0), 1 - decay);
    emaSum_.mul_(decay).add_(onehot.t().matmul(flat), 1 - decay);
    const torch::Tensor n = emaCount_.sum();
    const torch::Tensor smoothed = (emaCount_ + eps) / (n + config_.codebookSize * eps) * n; // Laplace smoothing
    codebook_.copy_(emaSum_ / smoothed.unsqueeze(1));

    const torch::Tensor share = onehot.mean(0);
    usage_.mul_(decay).add_(share, 1 - decay);
    const torch::Tensor dead = (usage_ < 0.03 / static_cast<double>(config_.codebookSize)).nonzero().reshape({-1});
    if (dead.numel() > 0) {
        const torch::Tensor pick = torch::randint(flat.size(0), {dead.numel()}, torch::TensorOptions().dtype(torch::kInt64).device(flat.device()));
        const torch::Tensor fresh = flat.index_select(0, pick);
        codebook_.index_copy_(0, dead, fresh);
        emaSum_.index_copy_(0, dead, fresh);
        emaCount_.index_fill_(0, dead, 1.0);
        usage_.index_fill_(0, dead, 1.0 / static_cast<double>(config_.codebookSize));
    }
}

LossTerms VqVaeImpl::loss(const torch::Tensor& x, const torch::Tensor&, std::int64_t)
{
    const torch::Tensor ze = encodeVectors(x);
    if (is_training() && initialized_.item<float>() == 0.0f)
        updateCodebook(ze, nearestCodes(ze));
    const torch::Tensor codes = nearestCodes(ze);
    const torch::Tensor e = codebook_.index_select(0, codes.reshape({-1})).view_as(ze);
    const double batch = static_cast<double>(x.size(0));
    const torch::Tensor commit = (ze - e).pow(2).sum() / batch; // e is a buffer: no gradient reaches it
    const torch::Tensor zq = ze + (e - ze).detach();            // straight-through: the decoder's gradient reaches the encoder
    const Decoding dec = decodeVectors(zq);
    const torch::Tensor recon = reconstructionLoss(dec.logits.defined() ? dec.logits : dec.reconstruction, x);

    LossTerms out;
    out.terms = {{"recon", recon}, {"vq", commit.detach()}, {"commitment", commit}};
    out.total = recon + config_.commitment * commit;
    out.metrics = afterLoss(ze, codes);
    return out;
}

std::vector<std::pair<std::string, double>> VqVaeImpl::afterLoss(const torch::Tensor& ze, const torch::Tensor& codes)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor counts = torch::bincount(codes.reshape({-1}), {}, config_.codebookSize).to(torch::kFloat32);
    const torch::Tensor share = counts / counts.sum();
    const double perplexity = torch::exp(-(share * torch::log(share + 1e-10)).sum()).item<double>();
    if (is_training())
        updateCodebook(ze.detach(), codes);
    const double dead = (usage_ < 0.03 / static_cast<double>(config_.codebookSize)).sum().item<double>();
    return {{"perplexity", perplexity}, {"dead_codes", dead}};
}

void VqVaeImpl::accumulateCodePrior(const torch::Tensor& codes)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor c = codes.to(priorCounts_.device()).reshape({-1, positions_});
    const torch::Tensor flat = c + torch::arange(positions_, c.options()).unsqueeze(0) * config_.codebookSize;
    priorCounts_.view({-1}).add_(torch::bincount(flat.reshape({-1}), {}, positions_ * config_.codebookSize).to(torch::kFloat32));
}

void VqVaeImpl::resetCodePrior()
{
    torch::NoGradGuard noGrad;
    priorCounts_.zero_();
}

bool VqVaeImpl::hasCodePrior() const
{
    return priorCounts_.sum().item<double>() > 0;
}

torch::Tensor VqVaeImpl::sample(std::int64_t n, const torch::Tensor&, double temperature, c10::optional<at::Generator> generator)
{
    torch::NoGradGuard noGrad;
    // Per-position categorical prior, sharpened or flattened by the temperature (p^(1/T)).
    torch::Tensor p = hasCodePrior() ? priorCounts_ + 1e-6 : torch::ones_like(priorCounts_);
    p = p / p.sum(1, true);
    if (temperature > 0 && temperature != 1.0)
        p = p.pow(1.0 / temperature);
    // multinomial draws on its generator's device, and a seeded generator lives on the CPU (standardNormal).
    if (generator.has_value() && generator->device() != p.device())
        p = p.to(generator->device());
    const torch::Tensor codes = // [n, P], on the model's device
        torch::multinomial(p, n, true, generator).t().contiguous().to(priorCounts_.device());
    return decodeCodes(codes).reconstruction;
}

} // namespace latentlab
