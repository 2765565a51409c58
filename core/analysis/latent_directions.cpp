#include "core/analysis/latent_directions.h"

#include "core/analysis/latent_geometry.h"
#include "core/analysis/roc.h"
#include "core/util/errors.h"

#include <torch/torch.h>

#include <algorithm>

namespace latentlab {

torch::Tensor meanLatent(const torch::Tensor& latents, const LatentSet& set)
{
    if (latents.dim() != 2 || latents.size(0) < 1)
        throw BadInputError(set.name + ": there are no latents to take its mean from");
    if (set.rows.empty())
        throw BadInputError(set.name + " is empty: it needs at least one sample");
    const std::int64_t n = latents.size(0);
    for (const std::int64_t r : set.rows)
        if (r < 0 || r >= n)
            throw BadInputError(set.name + ": sample " + std::to_string(r) + " is not among the " + std::to_string(n)
                                + " samples");
    // float64: a class of 7,000 latents sums in float32 with its last digits lost.
    const torch::Tensor rows = torch::tensor(set.rows, torch::kInt64);
    return latents.to(torch::kFloat64).index_select(0, rows).mean(0).to(torch::kFloat32);
}

AttributeVector attributeVector(const torch::Tensor& latents, const LatentSet& from, const LatentSet& to)
{
    AttributeVector v;
    v.from = meanLatent(latents, from);
    v.to = meanLatent(latents, to);
    v.vector = v.to - v.from;
    // Equal up to float32 rounding of the means themselves: no direction to speak of.
    const double length = v.vector.norm().item<double>();
    const double scale = std::max(v.from.norm().item<double>(), v.to.norm().item<double>());
    if (length == 0.0 || length <= 1e-6 * scale)
        throw BadInputError(from.name + " and " + to.name + " have the same mean latent, so they give no direction");
    return v;
}

std::vector<double> alongVector(const AttributeVector& v, const torch::Tensor& latents)
{
    const torch::Tensor z = latents.to(torch::kFloat64).reshape({-1, v.vector.size(0)});
    const torch::Tensor dir = v.vector.to(torch::kFloat64);
    const torch::Tensor t = torch::matmul(z - v.from.to(torch::kFloat64), dir) / dir.dot(dir);
    const torch::Tensor c = t.contiguous();
    const double* p = c.data_ptr<double>();
    return {p, p + c.numel()};
}

Separation separation(const torch::Tensor& latents, const LatentSet& from, const LatentSet& to)
{
    Separation s;
    s.vector = attributeVector(latents, from, to);
    const auto rowsOf = [&](const LatentSet& set) {
        return latents.index_select(0, torch::tensor(set.rows, torch::kInt64));
    };
    s.fromPositions = alongVector(s.vector, rowsOf(from));
    s.toPositions = alongVector(s.vector, rowsOf(to));
    // B is the "positive" class: its members should lie further along the vector than A's.
    std::vector<double> scores = s.fromPositions;
    scores.insert(scores.end(), s.toPositions.begin(), s.toPositions.end());
    std::vector<std::uint8_t> isTo(scores.size(), 0);
    std::fill(isTo.begin() + static_cast<std::ptrdiff_t>(s.fromPositions.size()), isTo.end(), std::uint8_t{1});
    s.auroc = auroc(scores, isTo);
    return s;
}

torch::Tensor attributeStrip(const torch::Tensor& base, const AttributeVector& v, double range, std::int64_t steps)
{
    const torch::Tensor b = base.to(torch::kFloat32).reshape({-1});
    if (b.size(0) != v.vector.size(0))
        throw BadInputError("the latent has " + std::to_string(b.size(0)) + " dimensions and the attribute vector "
                            + std::to_string(v.vector.size(0)));
    const std::vector<double> t = evenlySpaced(-range, range, steps);
    const torch::Tensor amounts = torch::tensor(t, torch::kFloat64).to(torch::kFloat32).unsqueeze(1);
    return b.unsqueeze(0) + amounts * v.vector.unsqueeze(0);
}

} // namespace latentlab
