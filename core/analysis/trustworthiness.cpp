#include "core/analysis/trustworthiness.h"

#include "core/util/errors.h"

#include <limits>

namespace latentlab {
namespace {

// Squared distances from rows [first, first + rows) of x to all rows, the row's own point at +inf. In float64
// the expanded form |a|^2 - 2 a.x + |x|^2 keeps the rankings of near-ties that float32 would blur.
torch::Tensor blockDistances(const torch::Tensor& x, const torch::Tensor& sq, std::int64_t first, std::int64_t rows)
{
    torch::Tensor d = torch::addmm(sq.unsqueeze(0), x.narrow(0, first, rows), x.t(), 1.0, -2.0)
                          .add_(sq.narrow(0, first, rows).unsqueeze(1));
    d.diagonal(first).fill_(std::numeric_limits<double>::infinity());
    return d;
}

} // namespace

double trustworthiness(const torch::Tensor& highIn, const torch::Tensor& lowIn, std::int64_t k)
{
    const std::int64_t n = highIn.size(0);
    if (highIn.dim() != 2 || lowIn.dim() != 2 || lowIn.size(0) != n)
        throw BadInputError("trustworthiness: the two point sets must be matrices with the same number of rows");
    if (k < 1 || 2 * k >= n)
        throw BadInputError("trustworthiness: k must be at least 1 and below half the number of points");
    torch::NoGradGuard noGrad;
    const torch::Tensor high = highIn.to(torch::kFloat64), low = lowIn.to(torch::kFloat64);
    const torch::Tensor highSq = high.pow(2).sum(1), lowSq = low.pow(2).sum(1);
    // The comparison below makes rows x k x n booleans: ~16 MB a block.
    const std::int64_t block = std::max<std::int64_t>(1, (std::int64_t{1} << 24) / (n * k));
    double penalty = 0.0;
    for (std::int64_t b = 0; b < n; b += block) {
        const std::int64_t rows = std::min(block, n - b);
        const torch::Tensor dl = blockDistances(low, lowSq, b, rows);
        const torch::Tensor near = std::get<1>(dl.topk(k, 1, /*largest=*/false));          // [rows, k]
        const torch::Tensor dh = blockDistances(high, highSq, b, rows);                     // [rows, n]
        // Rank (1 = nearest) of each layout neighbour in the original space: how many points are closer.
        const torch::Tensor threshold = dh.gather(1, near);                                  // [rows, k]
        const torch::Tensor rank = (dh.unsqueeze(1) < threshold.unsqueeze(2)).sum(2) + 1;   // [rows, k]
        penalty += (rank - k).clamp_min(0).sum().item<double>();
    }
    const double nd = static_cast<double>(n), kd = static_cast<double>(k);
    return 1.0 - penalty * 2.0 / (nd * kd * (2.0 * nd - 3.0 * kd - 1.0));
}

} // namespace latentlab
