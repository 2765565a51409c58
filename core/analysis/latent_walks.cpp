#include "core/analysis/latent_walks.h"

#include "core/analysis/evaluation.h"
#include "core/analysis/generation.h"
#include "core/analysis/inference_scope.h"
#include "core/util/errors.h"

#include <torch/torch.h>

#include <algorithm>
#include <numeric>

namespace latentlab {

torch::Tensor encodeMean(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y)
{
    InferenceScope scope(model);
    const torch::Device device = modelDevice(model);
    const Encoding enc = model.encode(x.to(device), y.defined() ? y.to(device) : y);
    const torch::Tensor m = enc.mu.defined() ? enc.mu : enc.z;
    return m.reshape({x.size(0), -1}).to(torch::kCPU, torch::kFloat32);
}

DecodedLatents interpolateInputs(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y, std::int64_t steps,
                                 Interpolation how)
{
    if (!x.defined() || x.dim() < 2 || x.size(0) != 2)
        throw BadInputError("an interpolation runs between exactly two inputs");
    const torch::Tensor mu = encodeMean(model, x, y);
    DecodedLatents out;
    out.latents = interpolationPath(mu[0], mu[1], steps, how);
    out.images = decodeLatents(model, out.latents, y.defined() ? y.reshape({-1})[0] : y);
    return out;
}

DecodedLatents interpolateSamples(LatentModel& model, const Dataset& data, std::int64_t from, std::int64_t to,
                                  std::int64_t steps, Interpolation how)
{
    const std::vector<std::int64_t> ends{from, to};
    return interpolateInputs(model, data.batch(ends), modelLabels(model, data, ends), steps, how);
}

Traversal traverse(LatentModel& model, const torch::Tensor& base, const TraversalOptions& options,
                   const torch::Tensor& y, const AnalysisControl* control)
{
    if (!base.defined() || base.numel() != model.latentDim())
        throw BadInputError("the traversal's base point must have the latent's " + std::to_string(model.latentDim())
                            + " dimensions");
    if (options.steps < 2)
        throw BadInputError("a traversal needs at least 2 steps, not " + std::to_string(options.steps));
    if (!(options.lo < options.hi))
        throw BadInputError("a traversal's range must run from a lower to a higher value");
    Traversal out;
    out.dims = options.dims;
    if (out.dims.empty()) {
        out.dims.resize(static_cast<std::size_t>(model.latentDim()));
        std::iota(out.dims.begin(), out.dims.end(), std::int64_t{0});
    }
    out.values = evenlySpaced(options.lo, options.hi, options.steps);
    out.decoded.latents = traversalLatents(base.to(torch::kCPU, torch::kFloat32), out.dims, out.values);
    out.decoded.images = decodeLatents(model, out.decoded.latents, y, control);
    return out;
}

DecodedLatents decodePlane(LatentModel& model, const torch::Tensor& origin, const torch::Tensor& u,
                           const torch::Tensor& v, const std::vector<double>& uCoords,
                           const std::vector<double>& vCoords, const torch::Tensor& y, const AnalysisControl* control)
{
    if (!origin.defined() || origin.numel() != model.latentDim())
        throw BadInputError("the plane's origin must have the latent's " + std::to_string(model.latentDim())
                            + " dimensions");
    DecodedLatents out;
    out.latents = planeGrid(origin.to(torch::kCPU, torch::kFloat32), u.to(torch::kCPU, torch::kFloat32),
                            v.to(torch::kCPU, torch::kFloat32), uCoords, vCoords);
    out.images = decodeLatents(model, out.latents, y, control);
    return out;
}

DecodedLatents gaussianManifold(LatentModel& model, std::int64_t side, std::int64_t dimU, std::int64_t dimV,
                                const torch::Tensor& y, const AnalysisControl* control)
{
    const std::int64_t d = model.latentDim();
    if (dimU == dimV)
        throw BadInputError("a manifold grid needs two different dimensions, not " + std::to_string(dimU) + " twice");
    const std::vector<double> q = gaussianQuantiles(side);
    // Quantiles of the prior's own Gaussian: N(0, I)'s, or under a class prior the label's mean and spread.
    DecodedLatents out;
    out.latents = priorLatentsFor(model, planeGrid(torch::zeros({d}), axis(d, dimU), axis(d, dimV), q, q), y);
    out.images = decodeLatents(model, out.latents, y, control);
    return out;
}

std::vector<DimensionKl> dimensionsByKl(LatentModel& model, const Dataset& data,
                                        const std::vector<std::int64_t>& indices)
{
    const ModelEvaluation ev = evaluateModel(model, data, indices);
    std::vector<DimensionKl> out;
    for (std::size_t d = 0; d < ev.klPerDim.size(); ++d)
        out.push_back({static_cast<std::int64_t>(d), ev.klPerDim[d]});
    // Stable, so dimensions with equal KL (all collapsed ones, often) keep their order.
    std::stable_sort(out.begin(), out.end(), [](const DimensionKl& a, const DimensionKl& b) { return a.kl > b.kl; });
    return out;
}

} // namespace latentlab
