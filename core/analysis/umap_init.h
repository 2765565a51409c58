#pragma once
// Where UMAP's optimisation starts: the spectral layout of its graph (the eigenvectors of the normalised
// Laplacian I - D^-1/2 W D^-1/2 for the second and third smallest eigenvalues, as umap-learn's
// spectral_layout), or, when that fails (a graph in several pieces, an eigensolver that does not converge),
// the data's first two principal components. Either way scaled as umap-learn 0.5 does: largest coordinate 10,
// a little Gaussian noise (sd 1e-4), then each axis stretched to [0, 10].
#include "core/analysis/umap_graph.h"

#include <torch/torch.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace latentlab::umap {

// [N, 2] of the spectral layout, or nothing when the graph is not connected or the eigenvectors do not
// converge. Dense eigendecomposition for small graphs; above that, Lanczos with full reorthogonalisation on
// D^-1/2 W D^-1/2 with its known top eigenvector (sqrt of the degrees) projected out; seeded start vector.
std::optional<torch::Tensor> spectralLayout(const FuzzyGraph& graph, std::uint64_t seed);

// The number of connected pieces of the graph.
std::int64_t connectedComponents(const FuzzyGraph& graph);

struct InitialLayout {
    std::vector<float> xy; // 2 * N interleaved
    std::string method;    // "spectral" or "pca"
};

// The first two principal components of x, scaled the same way: the fallback, and what a run stopped before
// its graph existed shows.
InitialLayout pcaLayout(const torch::Tensor& x, std::uint64_t seed);

// x: the data the graph was built from (for the PCA fallback).
InitialLayout initialLayout(const torch::Tensor& x, const FuzzyGraph& graph, std::uint64_t seed);

} // namespace latentlab::umap
