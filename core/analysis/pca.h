#pragma once
// Principal components of a latent set, with the map both ways: a latent -> its coordinates in the plane of
// the first components, and a point of that plane -> the latent vector mean + x*pc1 + y*pc2 that the latent
// explorer decodes.
#include <torch/torch.h>

namespace latentlab {

struct PcaMap {
    torch::Tensor mean;               // [d]
    torch::Tensor components;         // [k, d], unit rows, by decreasing variance
    torch::Tensor explainedVariance;  // [k], variance along each component (unbiased, N-1)
    double totalVariance = 0.0;       // sum of the variances of all d dimensions

    std::int64_t dims() const { return mean.size(0); }
    std::int64_t count() const { return components.size(0); }
    // explainedVariance / totalVariance, [k].
    torch::Tensor explainedVarianceRatio() const;
    // [N, d] -> [N, k]: (x - mean) projected on the components.
    torch::Tensor project(const torch::Tensor& x) const;
    // [M, k] -> [M, d]: mean + sum_i coords[:, i] * components[i]. Lies in the plane through the mean.
    torch::Tensor inverse(const torch::Tensor& coords) const;
};

// x: [N, d] float, N >= 2, 1 <= k <= d. Works on the d x d covariance (computed in float64), so it costs one
// pass over the data whatever N is. Each component's sign is fixed (its largest-magnitude entry is positive)
// so the same data always gives the same picture. Throws BadInputError for shapes it cannot use.
PcaMap fitPca(const torch::Tensor& x, std::int64_t k = 2);

} // namespace latentlab
