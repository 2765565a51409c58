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

// The k smallest of row[0..n) other than row[self], as (value, index) pairs in heap order: one comparison
// with the current k-th smallest rejects almost every entry, so this costs little more than reading the row.
// Ties are broken by index, so the choice does not depend on anything but the data.
void selectSmallest(const float* row, std::int64_t n, std::int64_t self, std::int64_t k,
                    std::vector<std::pair<float, std::int32_t>>& heap)
{
    heap.clear();
    std::int64_t j = 0;
    for (; j < n && static_cast<std::int64_t>(heap.size()) < k; ++j)
        if (j != self)
            heap.emplace_back(row[j], static_cast<std::int32_t>(j));
    std::make_heap(heap.begin(), heap.end());
    for (; j < n; ++j) {
        if (row[j] > heap.front().first || j == self)
            continue;
        const std::pair<float, std::int32_t> candidate(row[j], static_cast<std::int32_t>(j));
        if (!(candidate < heap.front()))
            continue;
        std::pop_heap(heap.begin(), heap.end());
        heap.back() = candidate;
        std::push_heap(heap.begin(), heap.end());
    }
}

} // namespace

Neighbours nearestNeighbours(const torch::Tensor& xIn, std::int64_t k, ChunkRunner& runner,
                             const std::function<void(double)>& progress)
{
    if (xIn.dim() != 2 || k < 1 || k >= xIn.size(0))
        throw BadInputError("nearest neighbours: need a matrix of more than k = " + std::to_string(k) + " rows");
    torch::NoGradGuard noGrad;
    const torch::Tensor x = xIn.to(torch::kFloat32).contiguous();
    const std::int64_t n = x.size(0), dims = x.size(1);
    const torch::Tensor sq = x.pow(2).sum(1);
    // ~64 MB of distances per block: few blocks (each ends with the threads meeting, costly on a busy machine),
    // each an efficient matrix product.
    const std::int64_t block = std::clamp<std::int64_t>((std::int64_t{1} << 24) / n, 16, 4096);
    Neighbours out;
    out.indices = torch::empty({n, k}, torch::kInt64);
    out.distances = torch::empty({n, k}, torch::kFloat64);
    std::int64_t* outIdx = out.indices.data_ptr<std::int64_t>();
    double* outDist = out.distances.data_ptr<double>();
    const float* xs = x.data_ptr<float>();
    // One buffer for every block: a fresh tensor per block would be mapped and zeroed by the kernel each time.
    torch::Tensor buffer = torch::empty({std::min(block, n), n});
    for (std::int64_t b = 0; b < n; b += block) {
        const std::int64_t rows = std::min(block, n - b);
        // |a|^2 - 2 a.x + |x|^2; the ranking needs only -2 a.x + |x|^2, |a|^2 is the same along a row.
        torch::Tensor d = buffer.narrow(0, 0, rows);
        torch::addmm_out(d, sq.unsqueeze(0), x.narrow(0, b, rows), x.t(), 1.0, -2.0);
        const float* dist = d.data_ptr<float>();
        runner.forEach(ChunkPlan(rows, 16), [&](std::int64_t, std::int64_t first, std::int64_t last) {
            std::vector<std::pair<float, std::int32_t>> heap;
            std::vector<std::pair<double, std::int32_t>> exact;
            for (std::int64_t r = first; r < last; ++r) {
                const std::int64_t i = b + r;
                selectSmallest(dist + r * n, n, i, k, heap);
                // The expanded form loses digits for close pairs; the chosen ones get their distances exactly.
                exact.clear();
                const float* xi = xs + i * dims;
                for (const auto& [v, j] : heap) {
                    const float* xj = xs + j * dims;
                    double s = 0.0;
                    for (std::int64_t c = 0; c < dims; ++c) {
                        const double diff = static_cast<double>(xj[c]) - static_cast<double>(xi[c]);
                        s += diff * diff;
                    }
                    exact.emplace_back(s, j);
                }
                std::sort(exact.begin(), exact.end());
                for (std::int64_t t = 0; t < k; ++t) {
                    outDist[i * k + t] = exact[static_cast<std::size_t>(t)].first;
                    outIdx[i * k + t] = exact[static_cast<std::size_t>(t)].second;
                }
            }
        });
        if (progress)
            progress(static_cast<double>(b + rows) / static_cast<double>(n));
    }
    return out;
}

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
