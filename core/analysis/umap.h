#pragma once
// UMAP (McInnes, Healy & Melville 2018) with umap-learn 0.5's defaults, on every row it is given: exact k
// nearest neighbours (the search t-SNE uses), the fuzzy graph of umap_graph.h, a spectral start
// (umap_init.h), then stochastic gradient descent on the fuzzy cross-entropy: each edge is sampled in
// proportion to its weight, pulls its two ends together, and pushes its head away from 5 random points.
//
// Unlike umap-learn's parallel Hogwild, each epoch here moves every point from the positions the epoch
// started with (a point's own moves accumulate in order), and each point's negative samples come from a
// generator seeded by (seed, epoch, point): the layout depends on the seed alone, not on the thread count or
// on which thread ran first. As in t-SNE, layouts stream to a callback while it runs, and a cancel returns
// the layout of that moment.
#include "core/analysis/analysis_control.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <string>

namespace latentlab {

enum class UmapMetric { Euclidean, Cosine };
std::string toString(UmapMetric metric);
// "euclidean" or "cosine"; BadInputError naming both otherwise.
UmapMetric umapMetricFromString(const std::string& name);

struct UmapOptions {
    int neighbours = 15;            // n_neighbors, the point itself counted as umap-learn counts it
    double minDist = 0.1;           // how tightly points may pack, in layout units
    double spread = 1.0;
    UmapMetric metric = UmapMetric::Euclidean;
    int epochs = 0;                 // 0: 500 up to 10,000 points, 200 above (umap-learn's choice)
    int negativeSamples = 5;        // per sampled edge
    double learningRate = 1.0;      // decays linearly to 0 over the epochs
    double repulsion = 1.0;         // gamma: the weight of the negative samples
    std::uint64_t seed = 0;
    int threads = 0;                // > 0: threads for this call (restored after); 0: the caller's LibTorch count
    int streamEvery = 5;            // epochs between layouts sent to the callback; 0: none
};

struct UmapSnapshot {
    int epoch = 0, epochs = 0; // done so far, asked for
    torch::Tensor layout;      // [N, 2] float32, a copy the receiver may keep
};
using UmapCallback = std::function<void(const UmapSnapshot&)>;

struct UmapResult {
    torch::Tensor layout;        // [N, 2] float32, row i for input row i
    int epochs = 0;              // epochs done
    int requestedEpochs = 0;     // as used (after the default)
    bool stoppedEarly = false;
    std::int64_t neighbours = 0; // as used, the point itself counted: at most N
    double a = 0.0, b = 0.0;     // the fitted kernel 1 / (1 + a d^2b)
    std::string init;            // "spectral", or "pca" when the graph is in pieces or the eigensolver failed
    std::int64_t edges = 0;      // entries of the symmetric graph (each pair twice)
};

// x: [N, d] float. Throws BadInputError for fewer than 3 points, non-finite values, or options out of range
// (neighbours < 2, min_dist outside [0, spread], epochs or negative samples < 0).
UmapResult runUmap(const torch::Tensor& x, const UmapOptions& options = {}, AnalysisControl* control = nullptr,
                   const UmapCallback& onLayout = {});

} // namespace latentlab
