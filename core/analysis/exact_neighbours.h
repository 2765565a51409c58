#pragma once
// The exact k nearest neighbours of every row of a matrix, the search t-SNE, UMAP, the label-error and the
// duplicate scores share.
#include "core/analysis/parallel_chunks.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>

namespace latentlab::tsne {

struct Neighbours {
    torch::Tensor indices;   // [N, k] int64, nearest first (ties by index), never the point itself
    torch::Tensor distances; // [N, k] float64 squared Euclidean distances, exact
};

// Exact, tile by tile: each thread takes 64 rows at a time and walks every column tile of 1024 points, one
// small matrix product into a tile that stays in its core's cache, then checks each row's entries against the
// row's current k-th smallest, 16 at a time (almost all fail). The chosen k get their distances recomputed
// exactly. The work is split over the threads LibTorch's thread count gives the calling thread (runner.threads()
// at most). `progress(fraction)` is called on the calling thread as rows finish and may throw to stop the
// search; the exception comes out of this call.
Neighbours nearestNeighbours(const torch::Tensor& x, std::int64_t k, ChunkRunner& runner,
                             const std::function<void(double)>& progress = {});

} // namespace latentlab::tsne
