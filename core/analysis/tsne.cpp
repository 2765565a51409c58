#include "core/analysis/tsne.h"

#include "core/analysis/barnes_hut.h"
#include "core/analysis/parallel_chunks.h"
#include "core/analysis/pca.h"
#include "core/analysis/tsne_affinities.h"
#include "core/util/errors.h"
#include "core/util/torch_threads.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <numeric>

namespace latentlab {
namespace {

using tsne::SparseAffinities;

// Thrown out of the neighbour search's progress callback when the control is cancelled.
struct StopSearch {};

// sklearn's init='pca': the first two principal coordinates, scaled so the first has a standard deviation of
// 1e-4; tiny, so early exaggeration starts from a compact cloud. Random: N(0, 1e-4^2).
std::vector<double> initialLayout(const torch::Tensor& x, const TsneOptions& o)
{
    const std::int64_t n = x.size(0);
    torch::Tensor y;
    if (o.init == TsneInit::Pca && x.size(1) >= 2) {
        const PcaMap pca = fitPca(x, 2);
        y = pca.project(x).to(torch::kFloat64);
        const double sd = y.select(1, 0).std(/*unbiased=*/false).item<double>();
        y = sd > 0.0 ? y * (1e-4 / sd) : torch::Tensor();
    }
    if (!y.defined()) // random asked for, one-dimensional data, or all points equal
        y = torch::randn({n, 2}, at::make_generator<at::CPUGeneratorImpl>(o.seed), torch::kFloat64) * 1e-4;
    y = y.contiguous();
    return {y.data_ptr<double>(), y.data_ptr<double>() + 2 * n};
}

torch::Tensor toLayout(const std::vector<double>& y)
{
    const auto n = static_cast<std::int64_t>(y.size() / 2);
    return torch::from_blob(const_cast<double*>(y.data()), {n, 2}, torch::kFloat64).to(torch::kFloat32);
}

// Rows [begin, end) of the attractive forces: out_i = exaggeration * sum_j p_ij q_ij (y_i - y_j), with
// q_ij = 1 / (1 + |y_i - y_j|^2). Returns sum p_ij log(1 + |y_i - y_j|^2) over the rows when WithKl: a log per
// pair, so only when a layout is reported. Two pairs a step with separate sums, so the divisions overlap.
template <bool WithKl>
double attractRows(const SparseAffinities& p, const double* y, double exaggeration, double* out, std::int64_t begin,
                   std::int64_t end)
{
    double kl = 0.0;
    const std::int32_t* cols = p.cols.data();
    const double* vals = p.values.data();
    for (std::int64_t i = begin; i < end; ++i) {
        const double xi = y[2 * i], yi = y[2 * i + 1];
        double fx[2] = {0.0, 0.0}, fy[2] = {0.0, 0.0};
        std::int64_t e = p.rowStart[static_cast<std::size_t>(i)];
        const std::int64_t stop = p.rowStart[static_cast<std::size_t>(i) + 1];
        auto pair = [&](std::int64_t k, int lane) {
            const std::int64_t j = cols[k];
            const double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
            const double d2 = dx * dx + dy * dy;
            const double pq = vals[k] / (1.0 + d2);
            fx[lane] += pq * dx;
            fy[lane] += pq * dy;
            if constexpr (WithKl)
                kl += vals[k] * std::log1p(d2);
        };
        for (; e + 1 < stop; e += 2) {
            pair(e, 0);
            pair(e + 1, 1);
        }
        if (e < stop)
            pair(e, 0);
        out[2 * i] = exaggeration * (fx[0] + fx[1]);
        out[2 * i + 1] = exaggeration * (fy[0] + fy[1]);
    }
    return kl;
}

double entropyTerm(const SparseAffinities& p)
{
    double s = 0.0;
    for (const double v : p.values)
        s += v > 0.0 ? v * std::log(v) : 0.0;
    return s;
}

void validate(const torch::Tensor& x, const TsneOptions& o)
{
    if (x.dim() != 2 || x.size(0) < 3)
        throw BadInputError("t-SNE needs at least 3 points given as rows of a matrix");
    if (x.size(0) > std::numeric_limits<std::int32_t>::max() / 2)
        throw BadInputError("t-SNE: too many points for one layout");
    if (!(o.perplexity > 0.0) || !std::isfinite(o.perplexity))
        throw BadInputError("t-SNE: the perplexity must be a positive number");
    if (o.iterations < 0 || o.exaggerationIterations < 0)
        throw BadInputError("t-SNE: iteration counts cannot be negative");
    if (!(o.earlyExaggeration >= 1.0))
        throw BadInputError("t-SNE: the early exaggeration must be at least 1");
    if (!(o.theta >= 0.0) || !std::isfinite(o.learningRate) || !(o.theta < 1.5))
        throw BadInputError("t-SNE: theta must be in [0, 1.5) and the learning rate finite");
    if (!torch::isfinite(x).all().item<bool>())
        throw BadInputError("t-SNE: the data contains NaN or infinite values");
}

} // namespace

TsneResult runTsne(const torch::Tensor& x, const TsneOptions& o, AnalysisControl* control, const TsneCallback& onLayout)
{
    validate(x, o);
    const TorchThreadsScope threads(o.threads); // the caller's count comes back however the run ends
    torch::NoGradGuard noGrad;
    const std::int64_t n = x.size(0);
    TsneResult result;
    result.requestedIterations = o.iterations;
    // As sklearn: 3 * perplexity neighbours; a set too small for that gets the perplexity it can support.
    result.perplexity = std::min(o.perplexity, static_cast<double>(n - 1) / 3.0);
    result.neighbours = std::min<std::int64_t>(n - 1, static_cast<std::int64_t>(3.0 * result.perplexity + 1.0));
    result.learningRate = o.learningRate > 0.0 ? o.learningRate
                                               : std::max(static_cast<double>(n) / o.earlyExaggeration / 4.0, 50.0);
    auto report = [&](double fraction, const std::string& what) {
        if (control)
            control->report(fraction, what);
    };

    std::vector<double> y = initialLayout(x, o);
    auto stopped = [&] { return control && control->cancelled(); };
    tsne::ChunkRunner runner(o.threads > 0 ? o.threads : at::get_num_threads());
    tsne::Neighbours nn;
    try {
        if (stopped())
            throw StopSearch{};
        nn = tsne::nearestNeighbours(x, result.neighbours, runner, [&](double f) {
            if (stopped())
                throw StopSearch{};
            report(0.1 * f, "t-SNE: nearest neighbours");
        });
    } catch (const StopSearch&) {
        result.stoppedEarly = true;
        result.layout = toLayout(y);
        result.klDivergence = std::nan(""); // no affinities yet to measure it against
        return result;
    }
    const SparseAffinities p = tsne::jointProbabilities(nn, result.perplexity, runner);
    nn = {};
    report(0.12, "t-SNE: affinities");
    const double pLogP = entropyTerm(p);

    tsne::QuadTree tree;
    // One gradient evaluation at y: fills attract/repel and returns Z; with withKl, sets the KL divergence
    // there (with the Barnes-Hut estimate of Z, exaggeration left out). Repulsion and attraction are chunks of
    // one parallel pass: each pass ends with the threads meeting, which on a busy machine costs more than the
    // work of a chunk.
    double kl = 0.0;
    const auto m = static_cast<std::size_t>(2 * n);
    std::vector<double> attract(m), repel(m), update(m, 0.0), gains(m, 1.0);
    const tsne::ChunkPlan rowPlan(n, 512);
    std::vector<double> partialZ, partialKl(static_cast<std::size_t>(rowPlan.chunks()));
    auto evaluate = [&](double exaggeration, bool withKl) {
        tree.build(y.data(), n);
        const tsne::ChunkPlan groupPlan(tree.groupCount(), tsne::QuadTree::kGroupsPerChunk);
        const std::int64_t repelChunks = groupPlan.chunks();
        partialZ.assign(static_cast<std::size_t>(repelChunks), 0.0);
        const tsne::ChunkPlan both(repelChunks + rowPlan.chunks(), 1);
        runner.forEach(both, [&](std::int64_t c, std::int64_t, std::int64_t) {
            if (c < repelChunks) {
                partialZ[static_cast<std::size_t>(c)] =
                    tree.repelGroups(groupPlan.begin(c), groupPlan.end(c), o.theta, repel.data());
                return;
            }
            const std::int64_t r = c - repelChunks, begin = rowPlan.begin(r), end = rowPlan.end(r);
            partialKl[static_cast<std::size_t>(r)] =
                withKl ? attractRows<true>(p, y.data(), exaggeration, attract.data(), begin, end)
                       : attractRows<false>(p, y.data(), exaggeration, attract.data(), begin, end);
        });
        // Summed in chunk order: the same totals whichever thread did which chunk.
        const double z = std::accumulate(partialZ.begin(), partialZ.end(), 0.0);
        if (withKl)
            kl = pLogP + std::accumulate(partialKl.begin(), partialKl.end(), 0.0) + std::log(z);
        return z;
    };

    constexpr double kMinGain = 0.01;
    const int exaggerated = std::min(o.exaggerationIterations, o.iterations);
    int it = 0;
    for (; it < o.iterations; ++it) {
        if (stopped()) {
            result.stoppedEarly = true;
            break;
        }
        const bool early = it < exaggerated;
        // sklearn runs the second phase as a fresh optimiser: no momentum or gains carried over.
        if (it == exaggerated && it > 0) {
            std::fill(update.begin(), update.end(), 0.0);
            std::fill(gains.begin(), gains.end(), 1.0);
        }
        const double momentum = early ? 0.5 : 0.8;
        const int done = it + 1;
        const bool streaming = onLayout && o.streamEvery > 0 && (done % o.streamEvery == 0 || done == o.iterations);
        const double invZ = 1.0 / evaluate(early ? o.earlyExaggeration : 1.0, streaming);
        for (std::size_t c = 0; c < m; ++c) {
            const double g = 4.0 * (attract[c] - repel[c] * invZ);
            // Delta-bar-delta gains: grow while the step keeps its direction, shrink when it reverses.
            gains[c] = (update[c] * g < 0.0) ? gains[c] + 0.2 : std::max(gains[c] * 0.8, kMinGain);
            update[c] = momentum * update[c] - result.learningRate * gains[c] * g;
            y[c] += update[c];
        }
        report(0.12 + 0.88 * done / std::max(1, o.iterations),
               "t-SNE: iteration " + std::to_string(done) + "/" + std::to_string(o.iterations));
        if (streaming) {
            TsneSnapshot s;
            s.iteration = done;
            s.iterations = o.iterations;
            s.exaggerating = done < exaggerated;
            s.klDivergence = kl;
            s.layout = toLayout(y);
            onLayout(s);
        }
    }
    result.iterations = it;
    result.layout = toLayout(y);
    // The divergence of the layout returned, not of the one the last gradient was taken at.
    evaluate(1.0, true);
    result.klDivergence = kl;
    return result;
}

} // namespace latentlab
