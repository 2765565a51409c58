#pragma once
// The samples nearest to one sample in latent space: what the explorer's Neighbours tab lists for the selected
// sample, and what a later CLI can print. Exact: one pass over every latent with a bounded heap, which takes a
// few milliseconds at 70,000 x 32, so no approximate index is worth its build time or its misses. Raw floats
// rather than a tensor, so the GUI's headers that carry the metric stay free of torch.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

enum class NeighbourMetric {
    Euclidean, // |a - b|
    Cosine,    // 1 - cos(a, b), from 0 (same direction) to 2 (opposite); a zero latent is at 1 from every other
};

// "euclidean", "cosine"; the reverse throws BadInputError naming the two.
std::string toString(NeighbourMetric metric);
NeighbourMetric neighbourMetricFromString(const std::string& name);

struct Neighbour {
    std::int64_t index = -1;
    double distance = 0.0;
};

// The k samples nearest to row `index` of latents (rows x dim floats, row-major), the row itself excluded,
// nearest first, equal distances by ascending index. k is capped at rows - 1. Distances are accumulated in
// double. BadInputError for k < 1, an index outside 0..rows-1, or a shape with no room for the data.
std::vector<Neighbour> nearestNeighbours(const float* latents, std::int64_t rows, std::int64_t dim, std::int64_t index,
                                         int k, NeighbourMetric metric = NeighbourMetric::Euclidean);

} // namespace latentlab
