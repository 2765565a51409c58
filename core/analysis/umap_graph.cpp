#include "core/analysis/umap_graph.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace latentlab::umap {

Curve fitCurve(double spread, double minDist)
{
    constexpr int kPoints = 300;
    std::vector<double> xs(kPoints), ys(kPoints);
    for (int i = 0; i < kPoints; ++i) {
        xs[static_cast<std::size_t>(i)] = 3.0 * spread * i / (kPoints - 1);
        const double x = xs[static_cast<std::size_t>(i)];
        ys[static_cast<std::size_t>(i)] = x < minDist ? 1.0 : std::exp(-(x - minDist) / spread);
    }
    // Residuals, and the 2x2 normal equations of f(x) = 1 / (1 + a x^(2b)).
    auto cost = [&](double a, double b) {
        double s = 0.0;
        for (int i = 0; i < kPoints; ++i) {
            const double x = xs[static_cast<std::size_t>(i)];
            const double f = 1.0 / (1.0 + a * std::pow(x, 2.0 * b));
            const double r = f - ys[static_cast<std::size_t>(i)];
            s += r * r;
        }
        return s;
    };
    Curve c;
    double lambda = 1e-3, current = cost(c.a, c.b);
    for (int iteration = 0; iteration < 200; ++iteration) {
        double jaa = 0.0, jab = 0.0, jbb = 0.0, ga = 0.0, gb = 0.0;
        for (int i = 1; i < kPoints; ++i) { // x = 0: f = 1 whatever a and b are
            const double x = xs[static_cast<std::size_t>(i)];
            const double p = std::pow(x, 2.0 * c.b);
            const double q = 1.0 + c.a * p;
            const double f = 1.0 / q;
            const double r = f - ys[static_cast<std::size_t>(i)];
            const double da = -p / (q * q);
            const double db = -c.a * p * 2.0 * std::log(x) / (q * q);
            jaa += da * da;
            jab += da * db;
            jbb += db * db;
            ga += da * r;
            gb += db * r;
        }
        bool improved = false;
        while (lambda < 1e12) {
            const double maa = jaa * (1.0 + lambda), mbb = jbb * (1.0 + lambda);
            const double det = maa * mbb - jab * jab;
            if (det == 0.0)
                break;
            const double stepA = -(mbb * ga - jab * gb) / det;
            const double stepB = -(maa * gb - jab * ga) / det;
            const double next = cost(c.a + stepA, c.b + stepB);
            if (next < current && c.a + stepA > 0.0 && c.b + stepB > 0.0) {
                const bool converged = current - next < 1e-15 * std::max(1.0, current);
                c.a += stepA;
                c.b += stepB;
                current = next;
                lambda = std::max(lambda / 10.0, 1e-12);
                improved = !converged;
                break;
            }
            lambda *= 10.0;
        }
        if (!improved)
            break;
    }
    return c;
}

Calibration calibrate(const double* d, std::int64_t k, double meanOfAll)
{
    constexpr double kTolerance = 1e-5, kMinScale = 1e-3;
    Calibration c;
    for (std::int64_t j = 0; j < k; ++j)
        if (d[j] > 0.0) {
            c.rho = d[j];
            break;
        }
    const double target = std::log2(static_cast<double>(k + 1));
    double lo = 0.0, hi = std::numeric_limits<double>::infinity(), mid = 1.0;
    for (int step = 0; step < 64; ++step) {
        double sum = 0.0;
        for (std::int64_t j = 0; j < k; ++j) {
            const double gap = d[j] - c.rho;
            sum += gap > 0.0 ? std::exp(-gap / mid) : 1.0;
        }
        if (std::abs(sum - target) < kTolerance)
            break;
        if (sum > target) {
            hi = mid;
            mid = (lo + hi) / 2.0;
        } else {
            lo = mid;
            mid = std::isinf(hi) ? mid * 2.0 : (lo + hi) / 2.0;
        }
    }
    // The mean over the point and its neighbours, as umap-learn's row of distances starts with the point.
    const double own = std::accumulate(d, d + k, 0.0) / static_cast<double>(k + 1);
    c.sigma = std::max(mid, kMinScale * (c.rho > 0.0 ? own : meanOfAll));
    return c;
}

FuzzyGraph fuzzySimplicialSet(const torch::Tensor& indicesIn, const torch::Tensor& distancesIn, int epochs,
                              tsne::ChunkRunner& runner)
{
    const torch::Tensor indices = indicesIn.to(torch::kInt64).contiguous();
    const torch::Tensor distances = distancesIn.to(torch::kFloat64).contiguous();
    const std::int64_t n = indices.size(0), k = indices.size(1);
    const std::int64_t* idx = indices.data_ptr<std::int64_t>();
    const double* dist = distances.data_ptr<double>();
    const double meanOfAll = n * k > 0 ? distances.mean().item<double>() : 0.0;

    std::vector<float> member(static_cast<std::size_t>(n * k));
    runner.forEach(tsne::ChunkPlan(n, 512), [&](std::int64_t, std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i) {
            const Calibration c = calibrate(dist + i * k, k, meanOfAll);
            for (std::int64_t j = 0; j < k; ++j) {
                const double gap = dist[i * k + j] - c.rho;
                member[static_cast<std::size_t>(i * k + j)] =
                    static_cast<float>(gap <= 0.0 ? 1.0 : std::exp(-gap / c.sigma));
            }
        }
    });

    // Each directed membership lands in both rows; a pair chosen both ways meets itself in each row, where the
    // union combines the two.
    std::vector<std::int64_t> start(static_cast<std::size_t>(n + 1), 0);
    for (std::int64_t e = 0; e < n * k; ++e) {
        ++start[static_cast<std::size_t>(e / k) + 1];
        ++start[static_cast<std::size_t>(idx[e]) + 1];
    }
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<std::int64_t> fill(start.begin(), start.end() - 1);
    // Column, membership, and whether the entry is i's own choice (then the other direction is j's choice).
    struct Entry {
        std::int32_t col;
        float w;
    };
    std::vector<Entry> entries(static_cast<std::size_t>(2 * n * k));
    for (std::int64_t e = 0; e < n * k; ++e) {
        const auto i = static_cast<std::size_t>(e / k), j = static_cast<std::size_t>(idx[e]);
        const float w = member[static_cast<std::size_t>(e)];
        entries[static_cast<std::size_t>(fill[i]++)] = {static_cast<std::int32_t>(j), w};
        entries[static_cast<std::size_t>(fill[j]++)] = {static_cast<std::int32_t>(i), w};
    }
    std::vector<std::int64_t> kept(static_cast<std::size_t>(n), 0);
    runner.forEach(tsne::ChunkPlan(n, 512), [&](std::int64_t, std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i) {
            auto* first = entries.data() + start[static_cast<std::size_t>(i)];
            auto* last = entries.data() + start[static_cast<std::size_t>(i) + 1];
            std::sort(first, last, [](const Entry& a, const Entry& b) { return a.col < b.col || (a.col == b.col && a.w < b.w); });
            Entry* w = first;
            for (Entry* e = first; e != last; ++e) {
                if (w != first && (w - 1)->col == e->col) {
                    const float a = (w - 1)->w, b = e->w; // both directions of one pair
                    (w - 1)->w = a + b - a * b;
                } else {
                    *w++ = *e;
                }
            }
            kept[static_cast<std::size_t>(i)] = w - first;
        }
    });
    float top = 0.0f;
    for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t t = 0; t < kept[static_cast<std::size_t>(i)]; ++t)
            top = std::max(top, entries[static_cast<std::size_t>(start[static_cast<std::size_t>(i)] + t)].w);
    const float floor = epochs > 0 ? top / static_cast<float>(epochs) : 0.0f;

    FuzzyGraph g;
    g.rowStart.assign(static_cast<std::size_t>(n + 1), 0);
    g.cols.reserve(entries.size() / 2 + 1);
    g.weights.reserve(entries.size() / 2 + 1);
    for (std::int64_t i = 0; i < n; ++i) {
        const Entry* e = entries.data() + start[static_cast<std::size_t>(i)];
        for (std::int64_t t = 0; t < kept[static_cast<std::size_t>(i)]; ++t)
            if (e[t].w >= floor && e[t].w > 0.0f) {
                g.cols.push_back(e[t].col);
                g.weights.push_back(e[t].w);
            }
        g.rowStart[static_cast<std::size_t>(i) + 1] = static_cast<std::int64_t>(g.cols.size());
    }
    return g;
}

} // namespace latentlab::umap
