#pragma once
// A plane through the latent space whose axes mean something: x runs from the mean latent of set A (x = 0)
// to that of set B (x = 1), the attribute vector of White 2016 ("Sampling Generative Networks") laid out as
// an axis; y likewise from set C to set D, or along the direction the latents vary most across x (the first
// principal component of what x leaves). Like PcaMap it maps both ways, so a point of the plane decodes to
// exactly one latent and that latent projects back onto the same point; the axes need not be orthogonal.
#include "core/analysis/latent_directions.h"

#include <torch/types.h>

#include <optional>

namespace latentlab {

struct AxesMap {
    torch::Tensor origin; // [d] the latent at (0, 0)
    torch::Tensor basis;  // [2, d] a (x's direction) and b (y's), both in latent units
    // [2, d] the least-squares solver (B B^T)^-1 B: a latent's coordinates are coords(z - origin), so a
    // latent off the plane lands where its nearest point of the plane does.
    torch::Tensor solver;
    bool yFromSets = false; // y runs from set C to set D; else b is the unit first component orthogonal to a

    std::int64_t dims() const { return origin.size(0); }
    // [N, d] -> [N, 2]
    torch::Tensor project(const torch::Tensor& latents) const;
    // [M, 2] -> [M, d]: origin + x a + y b.
    torch::Tensor inverse(const torch::Tensor& coords) const;
};

struct AxesRequest {
    LatentSet xFrom, xTo;                  // A and B
    std::optional<LatentSet> yFrom, yTo;   // C and D, both or neither
};

// latents [N, d], d >= 2; the sets' rows index them. BadInputError in one sentence for an empty or
// out-of-range set, two sets of one axis with the same mean, a y axis parallel to x, or latents that vary
// along x alone (no second direction to show).
AxesMap fitAxes(const torch::Tensor& latents, const AxesRequest& request);

// The map of an axis pair given directly, with x = 0 at `xZero` and y = 0 at `yZero` (any latents: their
// projections onto the plane). BadInputError when a or b is zero or b is parallel to a.
AxesMap axesThrough(const torch::Tensor& xZero, const torch::Tensor& a, const torch::Tensor& yZero,
                    const torch::Tensor& b);

} // namespace latentlab
