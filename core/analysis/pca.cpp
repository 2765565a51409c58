#include "core/analysis/pca.h"

#include "core/util/errors.h"

namespace latentlab {

torch::Tensor PcaMap::explainedVarianceRatio() const
{
    return totalVariance > 0.0 ? explainedVariance / totalVariance : torch::zeros_like(explainedVariance);
}

torch::Tensor PcaMap::project(const torch::Tensor& x) const
{
    if (x.dim() != 2 || x.size(1) != dims())
        throw BadInputError("PCA projection: expected rows of " + std::to_string(dims()) + " values");
    return torch::matmul(x.to(torch::kFloat32) - mean, components.t());
}

torch::Tensor PcaMap::inverse(const torch::Tensor& coords) const
{
    if (coords.dim() != 2 || coords.size(1) != count())
        throw BadInputError("PCA inverse map: expected rows of " + std::to_string(count()) + " coordinates");
    return torch::addmm(mean.unsqueeze(0), coords.to(torch::kFloat32), components);
}

PcaMap fitPca(const torch::Tensor& x, std::int64_t k)
{
    if (x.dim() != 2 || x.size(0) < 2)
        throw BadInputError("PCA needs at least 2 points given as rows of a matrix");
    const std::int64_t d = x.size(1);
    if (k < 1 || k > d)
        throw BadInputError("PCA: " + std::to_string(k) + " components asked of " + std::to_string(d)
                            + "-dimensional data");
    torch::NoGradGuard noGrad;
    // float64: the covariance sums N products; in float32 it loses digits once N is in the tens of thousands.
    const torch::Tensor xd = x.to(torch::kFloat64);
    const torch::Tensor mean = xd.mean(0);
    const torch::Tensor centred = xd - mean;
    const torch::Tensor cov = torch::matmul(centred.t(), centred) / static_cast<double>(x.size(0) - 1);
    // eigh returns ascending eigenvalues; the last k, reversed, are the principal ones.
    auto [values, vectors] = torch::linalg_eigh(cov);
    const torch::Tensor order = torch::arange(d - 1, d - 1 - k, -1, torch::kInt64);
    torch::Tensor comps = vectors.index_select(1, order).t().contiguous(); // [k, d]
    const torch::Tensor biggest = comps.abs().argmax(1, true);
    comps = comps * torch::sign(comps.gather(1, biggest));
    PcaMap map;
    map.mean = mean.to(torch::kFloat32);
    map.components = comps.to(torch::kFloat32);
    // Rounding can leave tiny negative eigenvalues for rank-deficient data.
    map.explainedVariance = values.index_select(0, order).clamp_min(0.0).to(torch::kFloat32);
    map.totalVariance = cov.diagonal().sum().item<double>();
    return map;
}

} // namespace latentlab
