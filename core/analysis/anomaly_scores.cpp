#include "core/analysis/anomaly_scores.h"

#include "core/analysis/evaluation.h"
#include "core/analysis/inference_scope.h"
#include "core/util/errors.h"

#include <torch/torch.h>

#include <algorithm>

namespace latentlab {
namespace {

// Where a module sometimes rounds its sigmoid to exactly 0 or 1, BCE's log would be infinite.
constexpr double kBceEps = 1e-6;

torch::Tensor flat(const torch::Tensor& t)
{
    return t.reshape({t.size(0), -1});
}

torch::Tensor bcePerSample(const Decoding& d, const torch::Tensor& x)
{
    // log(1 + e^l) - x l is BCE with logits exactly; as two vectorised passes it took a fifth to a third of the
    // time of binary_cross_entropy_with_logits (which builds its stable form from several temporaries).
    if (d.logits.defined())
        return torch::softplus(flat(d.logits)).sum(1) - (flat(d.logits) * flat(x)).sum(1);
    return flat(torch::binary_cross_entropy(d.reconstruction.clamp(kBceEps, 1.0 - kBceEps), x, {}, at::Reduction::None))
        .sum(1);
}

// The reconstruction term of the model's loss, per sample (see LatentModel::reconstructionLoss).
torch::Tensor reconTermPerSample(const LatentModel& model, const Decoding& d, const torch::Tensor& x)
{
    if (d.logits.defined() || model.config().likelihood == Likelihood::Bernoulli)
        return bcePerSample(d, x);
    return flat(d.reconstruction - x).pow(2).sum(1);
}

// ELBO integrand at the posterior means: a one-point estimate, deterministic, where the training loss draws.
// In eval mode every layer's z is its mean (the hierarchical VAE's q(z2|z1) is taken at z1 = mu1).
torch::Tensor negElboPerSample(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y)
{
    if (!model.hasKl())
        throw ModelMismatchError("-ELBO needs a model with a KL term; this " + toString(model.kind())
                                 + " gives no posterior variance (score it by mse or bce)");
    const Encoding e = model.encode(x, y);
    return reconTermPerSample(model, model.decodeMean(e, y), x) + model.klPerSample(e);
}

} // namespace

std::string toString(AnomalyScore score)
{
    switch (score) {
    case AnomalyScore::Mse:
        return "mse";
    case AnomalyScore::Bce:
        return "bce";
    case AnomalyScore::NegElbo:
        return "elbo";
    }
    return "mse";
}

AnomalyScore anomalyScoreFromString(const std::string& name)
{
    if (name == "mse")
        return AnomalyScore::Mse;
    if (name == "bce")
        return AnomalyScore::Bce;
    if (name == "elbo" || name == "neg-elbo")
        return AnomalyScore::NegElbo;
    throw BadInputError("anomaly score '" + name + "' is not one of mse, bce, elbo");
}

void checkAnomalyScore(const LatentModel& model, AnomalyScore score)
{
    if (score == AnomalyScore::NegElbo && !model.hasKl())
        throw ModelMismatchError("-ELBO needs a model with a KL term, and this " + toString(model.kind())
                                 + " model has none (score it by mse or bce)");
}

Decoding meanReconstruction(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y)
{
    return model.decodeMean(model.encode(x, y), y);
}

torch::Tensor scoreBatch(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y, AnomalyScore score)
{
    switch (score) {
    case AnomalyScore::Mse:
        return flat(meanReconstruction(model, x, y).reconstruction - x).pow(2).mean(1);
    case AnomalyScore::Bce:
        return bcePerSample(meanReconstruction(model, x, y), x);
    case AnomalyScore::NegElbo:
        return negElboPerSample(model, x, y);
    }
    return {};
}

std::vector<double> anomalyScores(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                                  AnomalyScore score, const AnalysisControl* control, std::int64_t batchSize)
{
    checkAnomalyScore(model, score);
    c10::InferenceMode inference;
    const InferenceScope evalMode(model);
    const torch::Device device = modelDevice(model);
    // One batch at a time with LibTorch's threads inside each op. Handing whole batches to the threads instead
    // (one join per batch rather than per op) measured no faster, idle or busy (README, "Performance").
    std::vector<double> out;
    out.reserve(indices.size());
    std::vector<std::int64_t> idx;
    const auto chunk = static_cast<std::size_t>(std::max<std::int64_t>(1, batchSize));
    const std::string what = "scoring by " + toString(score);
    for (std::size_t i = 0; i < indices.size(); i += chunk) {
        if (control && control->cancelled())
            throw AnalysisCancelled{};
        idx.assign(indices.begin() + static_cast<std::ptrdiff_t>(i),
                   indices.begin() + static_cast<std::ptrdiff_t>(std::min(indices.size(), i + chunk)));
        torch::Tensor y = modelLabels(model, data, idx);
        if (y.defined())
            y = y.to(device);
        const torch::Tensor s =
            scoreBatch(model, data.batch(idx).to(device), y, score).to(torch::kCPU, torch::kDouble).contiguous();
        out.insert(out.end(), s.data_ptr<double>(), s.data_ptr<double>() + s.numel());
        if (control)
            control->report(static_cast<double>(out.size()) / static_cast<double>(indices.size()), what);
    }
    return out;
}

torch::Tensor reconstructionErrorMaps(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices)
{
    // Not InferenceMode: the map is handed on (to image code, the GUI), where an inference tensor could not be
    // modified in place.
    const InferenceScope evalMode(model);
    const torch::Device device = modelDevice(model);
    torch::Tensor y = modelLabels(model, data, indices);
    if (y.defined())
        y = y.to(device);
    const torch::Tensor x = data.batch(indices).to(device);
    return (meanReconstruction(model, x, y).reconstruction - x).pow(2).to(torch::kCPU).contiguous();
}

} // namespace latentlab
