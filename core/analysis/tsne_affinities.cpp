#include "core/analysis/tsne_affinities.h"

#include "core/util/errors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace latentlab::tsne {
namespace {

// p(j|i) for one row of squared distances d (ascending), written to p. Distances are taken relative to the
// nearest: the same distribution after normalisation, but exp() cannot underflow to all zeros when the
// latents are far apart.
void calibrateRow(const double* d, std::int64_t k, double targetEntropy, double* p)
{
    constexpr double kTolerance = 1e-5;
    constexpr int kSteps = 100;
    const double d0 = d[0];
    double beta = 1.0;
    double lo = -std::numeric_limits<double>::infinity(), hi = std::numeric_limits<double>::infinity();
    for (int step = 0; step < kSteps; ++step) {
        double sum = 0.0, weighted = 0.0;
        for (std::int64_t j = 0; j < k; ++j) {
            p[j] = std::exp(-(d[j] - d0) * beta);
            sum += p[j];
            weighted += (d[j] - d0) * p[j];
        }
        // sum >= 1: the nearest neighbour contributes exp(0).
        const double entropy = std::log(sum) + beta * weighted / sum;
        for (std::int64_t j = 0; j < k; ++j)
            p[j] /= sum;
        const double diff = entropy - targetEntropy;
        if (std::abs(diff) <= kTolerance)
            break;
        if (diff > 0) { // too flat: narrow the Gaussian
            lo = beta;
            beta = std::isinf(hi) ? beta * 2.0 : (beta + hi) / 2.0;
        } else {
            hi = beta;
            beta = std::isinf(lo) ? beta / 2.0 : (beta + lo) / 2.0;
        }
    }
}

} // namespace

torch::Tensor conditionalProbabilities(const Neighbours& nn, double perplexity, ChunkRunner& runner)
{
    const std::int64_t n = nn.indices.size(0), k = nn.indices.size(1);
    const torch::Tensor dist = nn.distances.contiguous();
    const double* d = dist.data_ptr<double>();
    torch::Tensor out = torch::empty({n, k}, torch::kFloat64);
    double* p = out.data_ptr<double>();
    const double target = std::log(perplexity);
    runner.forEach(ChunkPlan(n, 512), [&](std::int64_t, std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i)
            calibrateRow(d + i * k, k, target, p + i * k);
    });
    return out;
}

SparseAffinities jointProbabilities(const Neighbours& nn, double perplexity, ChunkRunner& runner)
{
    const std::int64_t n = nn.indices.size(0), k = nn.indices.size(1);
    const torch::Tensor idxT = nn.indices.contiguous();
    const std::int64_t* idx = idxT.data_ptr<std::int64_t>();
    const torch::Tensor conditionalT = conditionalProbabilities(nn, perplexity, runner);
    const double* conditional = conditionalT.data_ptr<double>();

    // Every pair (i, j) appears in row i and in row j: count, place, then merge duplicates per row.
    SparseAffinities p;
    std::vector<std::int64_t> count(static_cast<std::size_t>(n + 1), 0);
    for (std::int64_t e = 0; e < n * k; ++e) {
        ++count[static_cast<std::size_t>(e / k)];
        ++count[static_cast<std::size_t>(idx[e])];
    }
    std::vector<std::int64_t> start(static_cast<std::size_t>(n + 1), 0);
    std::partial_sum(count.begin(), count.end() - 1, start.begin() + 1);
    std::vector<std::int64_t> fill(start.begin(), start.end() - 1);
    std::vector<std::int32_t> cols(static_cast<std::size_t>(2 * n * k));
    std::vector<double> vals(static_cast<std::size_t>(2 * n * k));
    for (std::int64_t e = 0; e < n * k; ++e) {
        const auto i = static_cast<std::size_t>(e / k), j = static_cast<std::size_t>(idx[e]);
        const double v = conditional[e];
        cols[static_cast<std::size_t>(fill[i])] = static_cast<std::int32_t>(j);
        vals[static_cast<std::size_t>(fill[i]++)] = v;
        cols[static_cast<std::size_t>(fill[j])] = static_cast<std::int32_t>(i);
        vals[static_cast<std::size_t>(fill[j]++)] = v;
    }
    // Sort each row by column and add up the entries of a pair both points chose.
    std::vector<std::int64_t> kept(static_cast<std::size_t>(n), 0);
    runner.forEach(ChunkPlan(n, 512), [&](std::int64_t, std::int64_t begin, std::int64_t end) {
        std::vector<std::pair<std::int32_t, double>> row;
        for (std::int64_t i = begin; i < end; ++i) {
            const auto s = static_cast<std::size_t>(start[static_cast<std::size_t>(i)]);
            const auto e = static_cast<std::size_t>(start[static_cast<std::size_t>(i) + 1]);
            row.clear();
            for (std::size_t t = s; t < e; ++t)
                row.emplace_back(cols[t], vals[t]);
            std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            std::size_t w = s;
            for (std::size_t t = 0; t < row.size(); ++t) {
                if (w > s && cols[w - 1] == row[t].first) {
                    vals[w - 1] += row[t].second;
                } else {
                    cols[w] = row[t].first;
                    vals[w++] = row[t].second;
                }
            }
            kept[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(w - s);
        }
    });
    p.rowStart.assign(static_cast<std::size_t>(n + 1), 0);
    std::partial_sum(kept.begin(), kept.end(), p.rowStart.begin() + 1);
    p.cols.resize(static_cast<std::size_t>(p.rowStart.back()));
    p.values.resize(p.cols.size());
    double total = 0.0;
    for (std::int64_t i = 0; i < n; ++i) {
        const auto s = static_cast<std::size_t>(start[static_cast<std::size_t>(i)]);
        const auto m = static_cast<std::size_t>(kept[static_cast<std::size_t>(i)]);
        const auto o = static_cast<std::size_t>(p.rowStart[static_cast<std::size_t>(i)]);
        std::copy_n(cols.begin() + static_cast<std::ptrdiff_t>(s), m, p.cols.begin() + static_cast<std::ptrdiff_t>(o));
        std::copy_n(vals.begin() + static_cast<std::ptrdiff_t>(s), m,
                    p.values.begin() + static_cast<std::ptrdiff_t>(o));
        total = std::accumulate(vals.begin() + static_cast<std::ptrdiff_t>(s),
                                vals.begin() + static_cast<std::ptrdiff_t>(s + m), total);
    }
    const double scale = 1.0 / std::max(total, std::numeric_limits<double>::epsilon());
    for (double& v : p.values)
        v *= scale;
    return p;
}

} // namespace latentlab::tsne
