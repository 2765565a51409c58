#include "core/analysis/generation.h"

#include "core/analysis/inference_scope.h"
#include "core/util/errors.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace latentlab {
namespace {

void checkCount(std::int64_t n, const char* what)
{
    if (n < 1)
        throw BadInputError(std::string("the number of ") + what + " must be at least 1, not " + std::to_string(n));
}

void checkTemperature(double t)
{
    if (!std::isfinite(t) || t < 0.0)
        throw BadInputError("the temperature must be 0 or more, not " + std::to_string(t));
}

std::vector<std::int64_t> imageShape(const LatentModel& model, std::int64_t n)
{
    std::vector<std::int64_t> shape{n};
    shape.insert(shape.end(), model.config().inputShape.begin(), model.config().inputShape.end());
    return shape;
}

// Draws in batches of `chunk`: the memory of a large request stays that of one batch, and a cancel is seen
// between batches. draw(offset, length) returns that many decoded samples.
torch::Tensor inChunks(const LatentModel& model, std::int64_t n, std::int64_t chunk, const AnalysisControl* control,
                       const std::function<torch::Tensor(std::int64_t, std::int64_t)>& draw)
{
    torch::Tensor out = torch::empty(imageShape(model, n));
    chunk = std::max<std::int64_t>(1, chunk);
    for (std::int64_t i = 0; i < n; i += chunk) {
        if (control && control->cancelled())
            throw AnalysisCancelled{};
        const std::int64_t len = std::min(chunk, n - i);
        torch::Tensor part = out.narrow(0, i, len);
        part.copy_(draw(i, len).to(torch::kCPU, torch::kFloat32).reshape(part.sizes()));
        if (control)
            control->report(static_cast<double>(i + len) / static_cast<double>(n), "decoding");
    }
    return out;
}

// Labels as decode() wants them: n of them for the conditional VAE, none for the others.
torch::Tensor labelsFor(const LatentModel& model, const torch::Tensor& y, std::int64_t n)
{
    if (model.kind() != ModelKind::ConditionalVae)
        return {};
    if (!y.defined() || y.numel() == 0)
        throw BadInputError("a conditional VAE decodes under a class: give one (0.."
                            + std::to_string(model.config().numClasses - 1) + ")");
    if (y.numel() == 1)
        return y.reshape({1}).to(torch::kInt64).expand({n}).contiguous();
    if (y.numel() != n)
        throw BadInputError("give one label for all latents or one per latent, not " + std::to_string(y.numel())
                            + " for " + std::to_string(n));
    return y.reshape({n}).to(torch::kInt64);
}

void checkLabel(const LatentModel& model, std::int64_t label)
{
    const std::int64_t k = model.config().numClasses;
    if (label < 0 || label >= k)
        throw BadInputError("a conditional VAE samples one class at a time: give a class in 0.." + std::to_string(k - 1)
                            + (label < 0 ? std::string() : ", not " + std::to_string(label)));
}

// N(0, T^2 I) on the CPU, where the seeded generator lives; decodeLatents moves them to the model.
torch::Tensor priorLatents(std::int64_t n, std::int64_t d, double temperature, at::Generator& generator)
{
    return torch::randn({n, d}, generator) * temperature;
}

void requireBottomLayer(const LatentModel& model)
{
    if (!model.canResampleBottom())
        throw ModelMismatchError("resampling the bottom layer needs a hierarchical VAE, not a " + toString(model.kind()));
}

} // namespace

at::Generator seededGenerator(std::uint64_t seed)
{
    return at::detail::createCPUGenerator(seed);
}

torch::Tensor priorLatentsFor(LatentModel& model, const torch::Tensor& noise, const torch::Tensor& y)
{
    const torch::Tensor labels = labelsFor(model, y, noise.size(0));
    InferenceScope scope(model);
    const torch::Device device = modelDevice(model);
    return model.priorLatents(noise.to(device, torch::kFloat32), labels.defined() ? labels.to(device) : labels)
        .to(torch::kCPU)
        .contiguous();
}

torch::Tensor decodeLatents(LatentModel& model, const torch::Tensor& z, const torch::Tensor& y,
                            const AnalysisControl* control, std::int64_t batchSize)
{
    if (!z.defined() || z.dim() != 2 || z.size(1) != model.latentDim())
        throw BadInputError("latents to decode must be [N, " + std::to_string(model.latentDim()) + "]");
    const torch::Tensor labels = labelsFor(model, y, z.size(0));
    InferenceScope scope(model);
    const torch::Device device = modelDevice(model);
    return inChunks(model, z.size(0), batchSize, control, [&](std::int64_t i, std::int64_t len) {
        const torch::Tensor yb = labels.defined() ? labels.narrow(0, i, len).to(device) : torch::Tensor();
        return model.decode(z.narrow(0, i, len).to(device, torch::kFloat32), yb).reconstruction;
    });
}

GeneratedImages samplePrior(LatentModel& model, const SampleOptions& options, const AnalysisControl* control)
{
    checkCount(options.n, "samples");
    checkTemperature(options.temperature);
    constexpr std::int64_t chunk = 256;
    const double t = options.temperature;
    at::Generator gen = seededGenerator(options.seed);
    InferenceScope scope(model);
    GeneratedImages out;
    switch (model.kind()) {
    case ModelKind::VqVae:
        if (t == 0.0)
            throw BadInputError("a VQ-VAE draws codes from a categorical prior and needs a temperature above 0");
        if (needsCodePrior(model))
            out.notes.push_back("the VQ-VAE's code prior is not fitted: codes were drawn uniformly, so the samples "
                                "show the codebook rather than the data");
        [[fallthrough]];
    case ModelKind::Autoencoder:
        // Both draw their own latents: codes from the fitted categorical prior, or the autoencoder's Gaussian
        // fitted to its training codes.
        out.images = inChunks(model, options.n, chunk, control,
                              [&](std::int64_t, std::int64_t len) { return model.sample(len, {}, t, gen); });
        return out;
    case ModelKind::HierarchicalVae: {
        requireBottomLayer(model);
        out.latents = priorLatents(options.n, model.latentDim(), t, gen);
        const torch::Device device = modelDevice(model);
        out.images = inChunks(model, options.n, chunk, control, [&](std::int64_t i, std::int64_t len) {
            return model.sampleBottom(out.latents.narrow(0, i, len).to(device), t, gen);
        });
        return out;
    }
    default: {
        torch::Tensor y;
        if (model.kind() == ModelKind::ConditionalVae) {
            checkLabel(model, options.label);
            y = torch::full({1}, options.label, torch::kInt64);
            out.labels.assign(static_cast<std::size_t>(options.n), options.label);
        }
        out.latents = priorLatents(options.n, model.latentDim(), t, gen);
        if (y.defined())
            out.latents = priorLatentsFor(model, out.latents, y);
        out.images = decodeLatents(model, out.latents, y, control, chunk);
        return out;
    }
    }
}

GeneratedImages classGrid(LatentModel& model, std::int64_t perClass, double temperature, std::uint64_t seed)
{
    if (model.kind() != ModelKind::ConditionalVae)
        throw ModelMismatchError("a class grid needs a conditional VAE, not a " + toString(model.kind()));
    checkCount(perClass, "samples per class");
    checkTemperature(temperature);
    const std::int64_t k = model.config().numClasses;
    at::Generator gen = seededGenerator(seed);
    const torch::Tensor z = priorLatents(perClass, model.latentDim(), temperature, gen);
    GeneratedImages out;
    const torch::Tensor labels = torch::arange(k, torch::kInt64).repeat_interleave(perClass);
    // The same noise under every class; a class prior moves it into each class's own region.
    out.latents = priorLatentsFor(model, z.repeat({k, 1}), labels);
    out.labels.assign(labels.data_ptr<std::int64_t>(), labels.data_ptr<std::int64_t>() + labels.numel());
    out.images = decodeLatents(model, out.latents, labels);
    out.columns = perClass;
    return out;
}

GeneratedImages resampleBottom(LatentModel& model, const torch::Tensor& tops, std::int64_t perTop, double temperature,
                               at::Generator generator)
{
    requireBottomLayer(model);
    checkCount(perTop, "bottom draws per top code");
    checkTemperature(temperature);
    if (!tops.defined() || tops.dim() != 2 || tops.size(1) != model.latentDim() || tops.size(0) < 1)
        throw BadInputError("top codes must be [B, " + std::to_string(model.latentDim()) + "]");
    InferenceScope scope(model);
    const torch::Device device = modelDevice(model);
    GeneratedImages out;
    out.latents = tops.to(torch::kCPU, torch::kFloat32).repeat_interleave(perTop, 0);
    out.images = inChunks(model, out.latents.size(0), 256, nullptr, [&](std::int64_t i, std::int64_t len) {
        return model.sampleBottom(out.latents.narrow(0, i, len).to(device), temperature, generator);
    });
    out.columns = perTop;
    return out;
}

GeneratedImages sampleTopsResampleBottom(LatentModel& model, std::int64_t tops, std::int64_t perTop, double temperature,
                                         std::uint64_t seed)
{
    requireBottomLayer(model);
    checkCount(tops, "top codes");
    checkTemperature(temperature);
    at::Generator gen = seededGenerator(seed);
    const torch::Tensor z2 = priorLatents(tops, model.latentDim(), temperature, gen);
    return resampleBottom(model, z2, perTop, temperature, gen);
}

bool needsCodePrior(const LatentModel& model)
{
    return !model.codeGrid().empty() && !model.hasCodePrior();
}

std::int64_t fitCodePrior(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                          const AnalysisControl* control, std::int64_t batchSize)
{
    if (model.codeGrid().empty())
        throw ModelMismatchError("only a VQ-VAE has a code prior to fit, not a " + toString(model.kind()));
    if (indices.empty())
        throw BadInputError("fitting a code prior needs at least one sample");
    InferenceScope scope(model);
    const torch::Device device = modelDevice(model);
    // Codes are gathered first and counted at the end, so a cancelled fit leaves the previous prior intact.
    std::vector<torch::Tensor> codes;
    std::vector<std::int64_t> idx;
    const auto chunk = static_cast<std::size_t>(std::max<std::int64_t>(1, batchSize));
    for (std::size_t i = 0; i < indices.size(); i += chunk) {
        if (control && control->cancelled())
            throw AnalysisCancelled{};
        idx.assign(indices.begin() + static_cast<std::ptrdiff_t>(i),
                   indices.begin() + static_cast<std::ptrdiff_t>(std::min(indices.size(), i + chunk)));
        codes.push_back(model.encode(data.batch(idx).to(device)).codes);
        if (control)
            control->report(static_cast<double>(i + idx.size()) / static_cast<double>(indices.size()),
                            "fitting the code prior");
    }
    model.resetCodePrior();
    model.accumulateCodePrior(torch::cat(codes));
    return static_cast<std::int64_t>(indices.size());
}

} // namespace latentlab
