#pragma once
// A 2-D layout of the samples computed elsewhere (UMAP in Python, a t-SNE from another tool, coordinates
// a colleague sent), read so the explorer can show it beside its own layouts (tensorflow/tensorboard #1192
// asks the Embedding Projector for the same). Two formats:
//   CSV/TSV with a header naming at least the columns index, x and y (any order, other columns ignored),
//   one row per sample in any order, every index 0..N-1 exactly once: what `latentlab-cli project` writes;
//   NumPy .npy of shape (N, 2), float32 or float64, row i for sample i.
#include <torch/types.h>

#include <cstdint>
#include <string>

namespace latentlab {

// [samples, 2] float32, row i the x, y of dataset sample i. Refuses, with one sentence naming the file, a
// file that does not hold exactly one finite x, y for each of the `samples` samples: a wrong row count or
// shape, an index out of range or given twice, a missing column, a cell that is not a finite number.
torch::Tensor readLayout(const std::string& path, std::int64_t samples);

} // namespace latentlab
