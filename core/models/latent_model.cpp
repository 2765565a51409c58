#include "core/models/latent_model.h"

#include "core/util/errors.h"

#include <algorithm>

namespace latentlab {

torch::Tensor LossTerms::term(const std::string& name) const
{
    for (const auto& [n, t] : terms)
        if (n == name)
            return t;
    return {};
}

double LossTerms::metric(const std::string& name, double fallback) const
{
    for (const auto& [n, v] : metrics)
        if (n == name)
            return v;
    return fallback;
}

LatentModel::LatentModel(ModelConfig config) : config_(std::move(config))
{
    config_.validate();
}

bool LatentModel::hasLogvar() const
{
    return config_.kind != ModelKind::Autoencoder && config_.kind != ModelKind::VqVae;
}

torch::Tensor LatentModel::klPerSample(const Encoding& e)
{
    if (!hasKl() || !e.logvar.defined())
        throw ModelMismatchError("this " + toString(config_.kind) + " model has no KL term");
    const torch::Tensor mu = e.mu.reshape({e.mu.size(0), -1}), logvar = e.logvar.reshape({e.logvar.size(0), -1});
    if (e.priorMu.defined())
        return gaussianKlPerDim(mu, logvar, e.priorMu, e.priorLogvar).sum(1);
    return gaussianKlPerDim(mu, logvar).sum(1);
}

torch::Tensor LatentModel::priorLatents(const torch::Tensor& noise, const torch::Tensor&)
{
    return noise;
}

Decoding LatentModel::decodeMean(const Encoding& e, const torch::Tensor& y)
{
    return decode(e.mu.defined() ? e.mu : e.z, y);
}

void LatentModel::accumulateCodePrior(const torch::Tensor&)
{
    throw ModelMismatchError("only a model with discrete codes has a code prior, not a " + toString(config_.kind));
}

torch::Tensor LatentModel::sampleBottom(const torch::Tensor&, double, c10::optional<at::Generator>)
{
    throw ModelMismatchError("resampling the bottom layer needs a hierarchical VAE, not a " + toString(config_.kind));
}

torch::Tensor LatentModel::reconstructionLoss(const torch::Tensor& output, const torch::Tensor& x) const
{
    const auto batch = static_cast<double>(x.size(0));
    const torch::Tensor target = x.reshape_as(output);
    if (config_.likelihood == Likelihood::Bernoulli)
        return torch::binary_cross_entropy_with_logits(output, target, {}, {}, at::Reduction::Sum) / batch;
    return (output - target).pow(2).sum() / batch;
}

Decoding LatentModel::makeDecoding(const torch::Tensor& output) const
{
    std::vector<std::int64_t> shape{output.size(0)};
    shape.insert(shape.end(), config_.inputShape.begin(), config_.inputShape.end());
    Decoding d;
    if (config_.likelihood == Likelihood::Bernoulli) {
        d.logits = output.reshape(shape);
        d.reconstruction = torch::sigmoid(d.logits);
    } else {
        d.reconstruction = output.reshape(shape);
    }
    return d;
}

double LatentModel::klWeight(std::int64_t step) const
{
    if (config_.klWarmupSteps <= 0)
        return config_.beta;
    return config_.beta * std::min(1.0, static_cast<double>(step) / static_cast<double>(config_.klWarmupSteps));
}

torch::Tensor LatentModel::klObjective(const torch::Tensor& kl, std::int64_t step, LossTerms& out) const
{
    if (config_.capacityMax > 0.0) {
        const double c = config_.capacitySteps > 0
                             ? config_.capacityMax * std::min(1.0, static_cast<double>(step) / static_cast<double>(config_.capacitySteps))
                             : config_.capacityMax;
        out.metrics.emplace_back("capacity", c);
        out.metrics.emplace_back("kl_weight", config_.beta);
        return config_.beta * (kl - c).abs();
    }
    const double w = klWeight(step);
    out.metrics.emplace_back("kl_weight", w);
    return w * kl;
}

torch::Tensor LatentModel::checkLabels(const torch::Tensor& y, std::int64_t batch) const
{
    if (!y.defined())
        throw BadInputError("this " + toString(config_.kind) + " model needs class labels");
    if (y.dim() != 1 || y.size(0) != batch)
        throw BadInputError("labels must be one class index per sample");
    if (batch == 0)
        return y.to(torch::kInt64);
    const auto lo = y.min().item<std::int64_t>(), hi = y.max().item<std::int64_t>();
    if (lo < 0 || hi >= config_.numClasses)
        throw BadInputError("label " + std::to_string(lo < 0 ? lo : hi) + " is outside the model's "
                            + std::to_string(config_.numClasses) + " classes");
    return y.to(torch::kInt64);
}

torch::Tensor LatentModel::oneHot(const torch::Tensor& y) const
{
    return torch::one_hot(y, config_.numClasses).to(torch::kFloat32);
}

std::pair<double, double> LatentModel::klObjectiveAndSlope(double kl, std::int64_t step, LossTerms& out) const
{
    // Through klObjective itself, so the schedules live in one place; a graph of one scalar costs microseconds.
    torch::AutoGradMode grad(true);
    const torch::Tensor leaf = torch::tensor(kl, torch::kDouble).requires_grad_();
    const torch::Tensor objective = klObjective(leaf, step, out);
    objective.backward();
    return {objective.item<double>(), leaf.grad().item<double>()};
}

torch::Tensor gaussianKlPerDim(const torch::Tensor& mu, const torch::Tensor& logvar)
{
    return -0.5 * (1 + logvar - mu.pow(2) - logvar.exp());
}

torch::Tensor gaussianKlPerDim(const torch::Tensor& muQ, const torch::Tensor& logvarQ, const torch::Tensor& muP,
                               const torch::Tensor& logvarP)
{
    return 0.5 * (logvarP - logvarQ + (logvarQ.exp() + (muQ - muP).pow(2)) / logvarP.exp() - 1);
}

torch::Tensor reparameterize(const torch::Tensor& mu, const torch::Tensor& logvar)
{
    return mu + torch::randn_like(mu) * torch::exp(0.5 * logvar);
}

torch::Tensor standardNormal(at::IntArrayRef shape, const c10::optional<at::Generator>& generator,
                             const torch::TensorOptions& options)
{
    if (generator.has_value() && generator->device() != options.device())
        return torch::randn(shape, generator, options.device(generator->device())).to(options.device());
    return torch::randn(shape, generator, options);
}

} // namespace latentlab
