#pragma once
// The input side of t-SNE: exact k nearest neighbours, a Gaussian per point whose width gives the asked
// perplexity over its neighbours, and the symmetric joint probabilities P as a sparse matrix.
#include "core/analysis/exact_neighbours.h"
#include "core/analysis/parallel_chunks.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace latentlab::tsne {

// P in compressed rows: row i's entries are cols[rowStart[i]..rowStart[i+1]), by increasing column.
struct SparseAffinities {
    std::vector<std::int64_t> rowStart;
    std::vector<std::int32_t> cols;
    std::vector<double> values;
    std::int64_t rows() const { return static_cast<std::int64_t>(rowStart.size()) - 1; }
};

// p(j|i) over each point's neighbours, [N, k] float64 in the order of nn: a Gaussian whose precision is
// found by binary search until the entropy is log(perplexity) (within 1e-5 nats, at most 100 steps).
torch::Tensor conditionalProbabilities(const Neighbours& nn, double perplexity, ChunkRunner& runner);

// P = (C + C^T) normalised to sum 1, for C the conditional probabilities above.
SparseAffinities jointProbabilities(const Neighbours& nn, double perplexity, ChunkRunner& runner);

} // namespace latentlab::tsne
