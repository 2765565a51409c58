#include "core/analysis/umap.h"

#include "core/analysis/fast_pow.h"
#include "core/analysis/parallel_chunks.h"
#include "core/analysis/tsne_affinities.h"
#include "core/analysis/umap_graph.h"
#include "core/analysis/umap_init.h"
#include "core/util/errors.h"
#include "core/util/torch_threads.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace latentlab {
namespace {

using umap::FuzzyGraph;

struct StopUmapSearch {};

// splitmix64 (Steele, Lea & Flood 2014): a counter-based generator, so a point's negative samples in an
// epoch are a function of (seed, epoch, point) alone.
class SplitMix {
public:
    explicit SplitMix(std::uint64_t state) : state_(state) {}
    std::uint64_t next()
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n) by multiply-shift (Lemire 2019); n < 2^32.
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); }

private:
    std::uint64_t state_;
};

float clip4(float v) { return v < -4.0f ? -4.0f : (v > 4.0f ? 4.0f : v); }

constexpr int kNegativeBatch = 8;

// When each edge is next sampled, and each one's negative samples: umap-learn's make_epochs_per_sample, an
// edge of weight w coming round every max(w) / w epochs.
struct Schedule {
    std::vector<float> every, next, negativeEvery, nextNegative;
};

Schedule edgeSchedule(const FuzzyGraph& g, int negativeSamples)
{
    Schedule s;
    const float top = g.weights.empty() ? 1.0f : *std::max_element(g.weights.begin(), g.weights.end());
    s.every.resize(g.weights.size());
    for (std::size_t e = 0; e < g.weights.size(); ++e)
        s.every[e] = top / g.weights[e];
    s.next = s.every;
    s.negativeEvery.resize(s.every.size());
    for (std::size_t e = 0; e < s.every.size(); ++e)
        s.negativeEvery[e] = negativeSamples > 0 ? s.every[e] / static_cast<float>(negativeSamples)
                                                 : std::numeric_limits<float>::infinity();
    s.nextNegative = s.negativeEvery;
    return s;
}

// One epoch for the points [begin, end): each moves from `before` (the layout the epoch started with) into
// `after`. Attraction counts twice: umap-learn moves both ends of an edge each time it samples it, and the
// graph holds every pair in both rows, so each end is pulled twice per sampling; here each row pulls only
// its own point.
void epochRows(const FuzzyGraph& g, Schedule& s, const float* before, float* after, std::int64_t begin,
               std::int64_t end, int epoch, float alpha, float a, float b, float gamma, std::uint64_t seed)
{
    const auto n = static_cast<std::uint32_t>(g.rows());
    const float epochF = static_cast<float>(epoch);
    for (std::int64_t i = begin; i < end; ++i) {
        float cx = before[2 * i], cy = before[2 * i + 1];
        SplitMix rng(seed ^ (static_cast<std::uint64_t>(epoch) * 0xd1b54a32d192ed03ULL) ^
                     (static_cast<std::uint64_t>(i) * 0x8cb92ba72f3d8dd7ULL));
        const std::int64_t stop = g.rowStart[static_cast<std::size_t>(i) + 1];
        for (std::int64_t e = g.rowStart[static_cast<std::size_t>(i)]; e < stop; ++e) {
            const auto ue = static_cast<std::size_t>(e);
            if (s.next[ue] > epochF)
                continue;
            const std::int32_t j = g.cols[ue];
            float dx = cx - before[2 * j], dy = cy - before[2 * j + 1];
            float d2 = dx * dx + dy * dy;
            if (d2 > 0.0f) {
                const float pb = umap::fastPow(d2, b); // d2^b
                const float coeff = -2.0f * a * b * (pb / d2) / (a * pb + 1.0f);
                cx += 2.0f * clip4(coeff * dx) * alpha;
                cy += 2.0f * clip4(coeff * dy) * alpha;
            }
            s.next[ue] += s.every[ue];
            const int negatives = static_cast<int>((epochF - s.nextNegative[ue]) / s.negativeEvery[ue]);
            // The negative samples of one edge push from the same position, a batch at a time: independent
            // lanes the compiler can interleave or vectorise, where one after the other each waited for the
            // last (perf: the optimiser was latency-bound on fastPow's polynomials).
            for (int done = 0; done < negatives; done += kNegativeBatch) {
                const int m = std::min(kNegativeBatch, negatives - done);
                float ox[kNegativeBatch], oy[kNegativeBatch], keep[kNegativeBatch];
                for (int p = 0; p < m; ++p) {
                    const std::uint32_t k = rng.below(n);
                    keep[p] = static_cast<std::int64_t>(k) == i ? 0.0f : 1.0f;
                    ox[p] = before[2 * k];
                    oy[p] = before[2 * k + 1];
                }
                float pushX = 0.0f, pushY = 0.0f;
                for (int p = 0; p < m; ++p) {
                    const float ndx = cx - ox[p], ndy = cy - oy[p];
                    const float nd2 = ndx * ndx + ndy * ndy;
                    const float safe = nd2 > 0.0f ? nd2 : 1.0f; // a coincident point pushes nowhere
                    const float coeff =
                        (nd2 > 0.0f ? keep[p] : 0.0f) * 2.0f * gamma * b / ((0.001f + safe) * (a * umap::fastPow(safe, b) + 1.0f));
                    pushX += clip4(coeff * ndx);
                    pushY += clip4(coeff * ndy);
                }
                cx += pushX * alpha;
                cy += pushY * alpha;
            }
            if (negatives > 0)
                s.nextNegative[ue] += static_cast<float>(negatives) * s.negativeEvery[ue];
        }
        after[2 * i] = cx;
        after[2 * i + 1] = cy;
    }
}

torch::Tensor layoutTensor(const std::vector<float>& y)
{
    const auto n = static_cast<std::int64_t>(y.size() / 2);
    return torch::from_blob(const_cast<float*>(y.data()), {n, 2}, torch::kFloat32).clone();
}

void validateUmap(const torch::Tensor& x, const UmapOptions& o)
{
    if (x.dim() != 2 || x.size(0) < 3)
        throw BadInputError("UMAP needs at least 3 points given as rows of a matrix; this set has "
                            + std::to_string(x.dim() == 2 ? x.size(0) : 0));
    if (x.size(0) > std::numeric_limits<std::int32_t>::max() / 2)
        throw BadInputError("UMAP: too many points for one layout");
    if (o.neighbours < 2)
        throw BadInputError("UMAP: the number of neighbours must be at least 2");
    if (!(o.spread > 0.0) || !std::isfinite(o.spread))
        throw BadInputError("UMAP: the spread must be a positive number");
    if (!(o.minDist >= 0.0) || !(o.minDist <= o.spread))
        throw BadInputError("UMAP: the minimum distance must be between 0 and the spread (" + std::to_string(o.spread)
                            + ")");
    if (o.epochs < 0 || o.negativeSamples < 0)
        throw BadInputError("UMAP: epochs and negative samples cannot be negative");
    if (!(o.learningRate > 0.0) || !std::isfinite(o.learningRate) || !(o.repulsion >= 0.0))
        throw BadInputError("UMAP: the learning rate must be positive and the repulsion not negative");
    if (!torch::isfinite(x).all().item<bool>())
        throw BadInputError("UMAP: the data contains NaN or infinite values");
}

} // namespace

std::string toString(UmapMetric metric) { return metric == UmapMetric::Cosine ? "cosine" : "euclidean"; }

UmapMetric umapMetricFromString(const std::string& name)
{
    if (name == "euclidean")
        return UmapMetric::Euclidean;
    if (name == "cosine")
        return UmapMetric::Cosine;
    throw BadInputError("unknown metric '" + name + "': choose euclidean or cosine");
}

UmapResult runUmap(const torch::Tensor& xIn, const UmapOptions& o, AnalysisControl* control,
                   const UmapCallback& onLayout)
{
    validateUmap(xIn, o);
    const TorchThreadsScope threads(o.threads);
    torch::NoGradGuard noGrad;
    torch::Tensor x = xIn.to(torch::kFloat32).contiguous();
    const std::int64_t n = x.size(0);
    UmapResult result;
    result.requestedEpochs = o.epochs > 0 ? o.epochs : (n <= 10000 ? 500 : 200);
    result.neighbours = std::min<std::int64_t>(o.neighbours, n);
    const umap::Curve curve = umap::fitCurve(o.spread, o.minDist);
    result.a = curve.a;
    result.b = curve.b;
    auto report = [&](double fraction, const std::string& what) {
        if (control)
            control->report(fraction, what);
    };
    auto stopped = [&] { return control && control->cancelled(); };

    tsne::ChunkRunner runner(o.threads > 0 ? o.threads : at::get_num_threads());
    // Cosine distance 1 - cos is half the squared distance between the rows scaled to length 1 (a row of
    // zeros stays zeros: at distance 1/2 from every other row).
    const torch::Tensor searched =
        o.metric == UmapMetric::Cosine ? x / x.norm(2, 1, true).clamp_min(1e-30) : x;
    tsne::Neighbours nn;
    try {
        if (stopped())
            throw StopUmapSearch{};
        nn = tsne::nearestNeighbours(searched, result.neighbours - 1, runner, [&](double f) {
            if (stopped())
                throw StopUmapSearch{};
            report(0.2 * f, "UMAP: nearest neighbours");
        });
    } catch (const StopUmapSearch&) {
        result.stoppedEarly = true;
        umap::InitialLayout start = umap::pcaLayout(searched, o.seed);
        result.layout = layoutTensor(start.xy);
        result.init = start.method;
        return result;
    }
    const torch::Tensor distances =
        o.metric == UmapMetric::Cosine ? nn.distances.clamp_min(0.0) * 0.5 : nn.distances.clamp_min(0.0).sqrt();
    const FuzzyGraph graph = umap::fuzzySimplicialSet(nn.indices, distances, result.requestedEpochs, runner);
    nn = {};
    result.edges = graph.entries();
    report(0.25, "UMAP: fuzzy graph");
    umap::InitialLayout start = umap::initialLayout(searched, graph, o.seed);
    result.init = start.method;
    report(0.3, "UMAP: " + start.method + " start");

    std::vector<float> y = std::move(start.xy), before(y.size());
    Schedule plan = edgeSchedule(graph, o.negativeSamples);
    const tsne::ChunkPlan rows(n, 1024);
    int epoch = 0;
    for (; epoch < result.requestedEpochs; ++epoch) {
        if (stopped()) {
            result.stoppedEarly = true;
            break;
        }
        before = y;
        const float alpha =
            static_cast<float>(o.learningRate * (1.0 - static_cast<double>(epoch) / result.requestedEpochs));
        runner.forEach(rows, [&](std::int64_t, std::int64_t begin, std::int64_t end) {
            epochRows(graph, plan, before.data(), y.data(), begin, end, epoch, alpha, static_cast<float>(curve.a),
                      static_cast<float>(curve.b), static_cast<float>(o.repulsion), o.seed);
        });
        const int done = epoch + 1;
        report(0.3 + 0.7 * done / result.requestedEpochs,
               "UMAP: epoch " + std::to_string(done) + "/" + std::to_string(result.requestedEpochs));
        if (onLayout && o.streamEvery > 0 && (done % o.streamEvery == 0 || done == result.requestedEpochs)) {
            UmapSnapshot s;
            s.epoch = done;
            s.epochs = result.requestedEpochs;
            s.layout = layoutTensor(y);
            onLayout(s);
        }
    }
    result.epochs = epoch;
    result.layout = layoutTensor(y);
    return result;
}

} // namespace latentlab
