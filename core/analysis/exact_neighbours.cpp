#include "core/analysis/exact_neighbours.h"

#include "core/models/fused/sgemm.h"
#include "core/util/errors.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace latentlab::tsne {
namespace {

// 64 rows x 1024 columns of floats: a 256 KB tile, inside any current core's L2, so the product is written and
// scanned without going to memory. (The search used to write blocks of 64 MB of distances and read them back:
// for 70,000 points that is 20 GB each way, and memory traffic, not arithmetic, set its time.)
constexpr std::int64_t kTileRows = 64;
constexpr std::int64_t kTileCols = 1024;
constexpr std::int64_t kLanes = 16; // entries tested against a row's threshold at once (vectorised)
constexpr std::int32_t kNone = std::numeric_limits<std::int32_t>::max();

using Candidate = std::pair<float, std::int32_t>; // ordered by value, then index: ties go to the lower index

// The two loops every entry goes through, compiled for AVX-512, AVX2 and the baseline, the best chosen when the
// program loads (GCC's and clang's target_clones): the build targets the plain x86-64 baseline, whose 4-wide
// vectors would make the scan, not the products, the search's cost.
// (Sanitized builds go without: see cmake/Sanitizers.cmake.)
#if defined(LATENTLAB_NO_TARGET_CLONES)
#define LATENTLAB_VECTOR_CLONES
#else
#define LATENTLAB_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif

// row[j] = |x_j|^2 - 2 x_i.x_j from the products x_i.x_j, in place. (Doubling is exact, so fused or not the
// result is the same float.)
LATENTLAB_VECTOR_CLONES void toRankingValues(float* __restrict row, const float* __restrict sq, std::int64_t cols)
{
    for (std::int64_t j = 0; j < cols; ++j)
        row[j] = sq[j] - 2.0f * row[j];
}

// The first j in [from, cols) with row[j] <= threshold, or cols: kLanes entries at a time, almost all of which
// fail together.
LATENTLAB_VECTOR_CLONES std::int64_t nextAtOrUnder(const float* __restrict row, std::int64_t from, std::int64_t cols,
                                                   float threshold)
{
    std::int64_t j = from;
    for (; j + kLanes <= cols; j += kLanes) {
        int hit = 0;
        for (std::int64_t t = 0; t < kLanes; ++t)
            hit |= row[j + t] <= threshold;
        if (hit)
            break;
    }
    for (; j < cols; ++j)
        if (row[j] <= threshold)
            return j;
    return cols;
}

// One thread's search over rows [first, last): the k smallest of |x_j|^2 - 2 x_i.x_j for j != i (the ranking
// needs no |x_i|^2), kept per row as a max-heap whose front is the row's threshold.
class RowSearch {
public:
    RowSearch(const float* xs, const float* sq, std::int64_t n, std::int64_t dims, std::int64_t k)
        : xs_(xs), sq_(sq), n_(n), dims_(dims), k_(k), tile_(static_cast<std::size_t>(kTileRows * kTileCols)),
          heaps_(static_cast<std::size_t>(kTileRows * k))
    {
    }

    void run(std::int64_t first, std::int64_t last, std::int64_t* outIdx, double* outDist)
    {
        const std::int64_t rows = last - first;
        std::fill(heaps_.begin(), heaps_.end(), Candidate(std::numeric_limits<float>::infinity(), kNone));
        for (std::int64_t c0 = 0; c0 < n_; c0 += kTileCols) {
            const std::int64_t cols = std::min(kTileCols, n_ - c0);
            fused::matmulTransposedB(rows, cols, dims_, xs_ + first * dims_, dims_, xs_ + c0 * dims_, dims_, tile_.data(),
                                     kTileCols);
            for (std::int64_t r = 0; r < rows; ++r)
                scan(tile_.data() + r * kTileCols, c0, cols, first + r, heap(r));
        }
        for (std::int64_t r = 0; r < rows; ++r)
            finish(first + r, heap(r), outIdx, outDist);
    }

private:
    Candidate* heap(std::int64_t r) { return heaps_.data() + r * k_; }

    // Turns row's products into ranking values in place and offers the ones at or under the threshold.
    void scan(float* row, std::int64_t c0, std::int64_t cols, std::int64_t self, Candidate* heap) const
    {
        toRankingValues(row, sq_ + c0, cols);
        float threshold = heap[0].first;
        for (std::int64_t j = nextAtOrUnder(row, 0, cols, threshold); j < cols;
             j = nextAtOrUnder(row, j + 1, cols, threshold))
            threshold = offer(heap, row[j], c0 + j, self);
    }

    // Puts (value, column) into the heap if it beats the front; returns the front's value after.
    float offer(Candidate* heap, float value, std::int64_t column, std::int64_t self) const
    {
        const Candidate candidate(value, static_cast<std::int32_t>(column));
        if (column != self && candidate < heap[0]) {
            std::pop_heap(heap, heap + k_);
            heap[k_ - 1] = candidate;
            std::push_heap(heap, heap + k_);
        }
        return heap[0].first;
    }

    // The expanded form loses digits for close pairs: the chosen ones get their distances exactly, in double,
    // and are ordered by those.
    void finish(std::int64_t i, Candidate* heap, std::int64_t* outIdx, double* outDist)
    {
        exact_.clear();
        const float* xi = xs_ + i * dims_;
        for (std::int64_t t = 0; t < k_; ++t) {
            const std::int32_t j = heap[t].second;
            if (j == kNone) // only where a distance overflowed float: no order to give
                throw BadInputError("nearest neighbours: the latents are too large to compare (|z| near 1e19)");
            const float* xj = xs_ + static_cast<std::int64_t>(j) * dims_;
            double s = 0.0;
            for (std::int64_t c = 0; c < dims_; ++c) {
                const double diff = static_cast<double>(xj[c]) - static_cast<double>(xi[c]);
                s += diff * diff;
            }
            exact_.emplace_back(s, j);
        }
        std::sort(exact_.begin(), exact_.end());
        for (std::int64_t t = 0; t < k_; ++t) {
            outDist[i * k_ + t] = exact_[static_cast<std::size_t>(t)].first;
            outIdx[i * k_ + t] = exact_[static_cast<std::size_t>(t)].second;
        }
    }

    const float* xs_;
    const float* sq_;
    std::int64_t n_, dims_, k_;
    std::vector<float> tile_;
    std::vector<Candidate> heaps_;
    std::vector<std::pair<double, std::int32_t>> exact_;
};

} // namespace

Neighbours nearestNeighbours(const torch::Tensor& xIn, std::int64_t k, ChunkRunner& runner,
                             const std::function<void(double)>& progress)
{
    if (xIn.dim() != 2 || k < 1 || k >= xIn.size(0))
        throw BadInputError("nearest neighbours: need a matrix of more than k = " + std::to_string(k) + " rows");
    if (xIn.size(0) > std::numeric_limits<std::int32_t>::max() - 1)
        throw BadInputError("nearest neighbours: at most 2^31 - 2 points");
    if (xIn.size(1) < 1)
        throw BadInputError("nearest neighbours: the points need at least one coordinate");
    torch::NoGradGuard noGrad;
    const torch::Tensor x = xIn.to(torch::kFloat32).contiguous();
    if (!torch::isfinite(x).all().item<bool>())
        throw BadInputError("nearest neighbours: the latents hold NaN or infinite values (did training diverge?)");
    const std::int64_t n = x.size(0), dims = x.size(1);
    const torch::Tensor sq = x.pow(2).sum(1).contiguous();
    Neighbours out;
    out.indices = torch::empty({n, k}, torch::kInt64);
    out.distances = torch::empty({n, k}, torch::kFloat64);
    std::int64_t* outIdx = out.indices.data_ptr<std::int64_t>();
    double* outDist = out.distances.data_ptr<double>();
    const float* xs = x.data_ptr<float>();
    const float* sqs = sq.data_ptr<float>();

    const std::int64_t chunks = (n + kTileRows - 1) / kTileRows;
    std::atomic<std::int64_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    // LibTorch's OpenMP pool rather than the runner's threads: inside its parallel region oneDNN's sgemm runs on
    // the calling thread, so each thread's small products stay its own. Chunks come from a shared counter, so a
    // thread the machine schedules late takes fewer.
    const std::int64_t threads = std::max(1, std::min(runner.threads(), at::get_num_threads()));
    at::parallel_for(0, threads, 1, [&](std::int64_t, std::int64_t) {
        try {
            RowSearch search(xs, sqs, n, dims, k);
            const bool caller = at::get_thread_num() == 0;
            for (std::int64_t c = next++; c < chunks && !stop; c = next++) {
                const std::int64_t first = c * kTileRows, last = std::min(n, first + kTileRows);
                search.run(first, last, outIdx, outDist);
                const std::int64_t finished = done += last - first;
                if (caller && progress)
                    progress(static_cast<double>(finished) / static_cast<double>(n));
            }
        } catch (...) { // the others stop at their next chunk; parallel_for rethrows the first exception
            stop = true;
            throw;
        }
    });
    if (progress)
        progress(1.0);
    return out;
}

} // namespace latentlab::tsne
