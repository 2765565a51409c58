#include "core/analysis/latent_neighbours.h"

#include "core/util/errors.h"
#include "core/util/printable.h"

#include <algorithm>
#include <cmath>
#include <queue>

namespace latentlab {
namespace {

// The heap's order and the answer's: nearer first, and of two at the same distance the lower index first.
bool closerNeighbour(const Neighbour& a, const Neighbour& b)
{
    return a.distance < b.distance || (a.distance == b.distance && a.index < b.index);
}

struct FartherNeighbourFirst {
    bool operator()(const Neighbour& a, const Neighbour& b) const { return closerNeighbour(a, b); }
};

double rowSquaredNorm(const float* a, std::int64_t dim)
{
    double s = 0.0;
    for (std::int64_t j = 0; j < dim; ++j)
        s += double(a[j]) * a[j];
    return s;
}

} // namespace

std::string toString(NeighbourMetric metric)
{
    return metric == NeighbourMetric::Cosine ? "cosine" : "euclidean";
}

NeighbourMetric neighbourMetricFromString(const std::string& name)
{
    if (name == "euclidean")
        return NeighbourMetric::Euclidean;
    if (name == "cosine")
        return NeighbourMetric::Cosine;
    throw BadInputError("metric \"" + printable(name) + "\" is not one of euclidean, cosine");
}

std::vector<Neighbour> nearestNeighbours(const float* latents, std::int64_t rows, std::int64_t dim, std::int64_t index,
                                         int k, NeighbourMetric metric)
{
    if (k < 1)
        throw BadInputError("the number of neighbours must be 1 or more, not " + std::to_string(k));
    if (rows < 0 || dim < 1 || (rows > 0 && !latents))
        throw BadInputError("the latents to search have no data (" + std::to_string(rows) + " rows of "
                            + std::to_string(dim) + ")");
    if (index < 0 || index >= rows)
        throw BadInputError("sample " + std::to_string(index) + " is not in the data (it has " + std::to_string(rows)
                            + ")");
    const std::size_t want = static_cast<std::size_t>(std::min<std::int64_t>(k, rows - 1));
    if (want == 0)
        return {};

    const float* q = latents + index * dim;
    const double qNorm = std::sqrt(rowSquaredNorm(q, dim));
    // A max-heap of the best `want` so far: its top is the one a nearer candidate replaces.
    std::priority_queue<Neighbour, std::vector<Neighbour>, FartherNeighbourFirst> best;
    for (std::int64_t i = 0; i < rows; ++i) {
        if (i == index)
            continue;
        const float* r = latents + i * dim;
        double d = 0.0;
        if (metric == NeighbourMetric::Euclidean) {
            for (std::int64_t j = 0; j < dim; ++j) {
                const double t = double(q[j]) - r[j];
                d += t * t;
            }
            d = std::sqrt(d);
        } else {
            double dot = 0.0, rr = 0.0;
            for (std::int64_t j = 0; j < dim; ++j) {
                dot += double(q[j]) * r[j];
                rr += double(r[j]) * r[j];
            }
            const double norms = qNorm * std::sqrt(rr);
            // Clamped: rounding can take a cosine a hair past +-1, and a distance below 0 would sort oddly.
            d = norms > 0.0 ? 1.0 - std::clamp(dot / norms, -1.0, 1.0) : 1.0;
        }
        // A diverged model's NaN latents sort last instead of breaking the heap's order.
        if (std::isnan(d))
            d = HUGE_VAL;
        const Neighbour n {i, d};
        if (best.size() < want) {
            best.push(n);
        } else if (closerNeighbour(n, best.top())) {
            best.pop();
            best.push(n);
        }
    }
    std::vector<Neighbour> out(best.size());
    for (std::size_t i = out.size(); i-- > 0;) {
        out[i] = best.top();
        best.pop();
    }
    return out;
}

} // namespace latentlab
