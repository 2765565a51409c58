#pragma once
// The input side of UMAP (McInnes, Healy & Melville 2018, arXiv 1802.03426, section 3 and appendix C, read
// alongside umap-learn 0.5's umap_.py): the output kernel's a and b fitted to (spread, min_dist), each point's
// fuzzy set over its nearest neighbours (rho = distance to the nearest, sigma by binary search so the
// memberships sum to log2 k), and their fuzzy union, a symmetric weighted graph.
#include "core/analysis/parallel_chunks.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace latentlab::umap {

// The layout's similarity 1 / (1 + a d^(2b)), least-squares fitted (Levenberg-Marquardt, from a = b = 1 as
// scipy's curve_fit starts) to 1 for d < minDist and exp(-(d - minDist) / spread) beyond, on 300 points of
// [0, 3 spread]: umap-learn's find_ab_params. spread 1, minDist 0.1 give a = 1.577, b = 0.895.
struct Curve {
    double a = 1.0, b = 1.0;
};
Curve fitCurve(double spread, double minDist);

// A symmetric graph in compressed rows: row i's neighbours are cols[rowStart[i]..rowStart[i+1]) by increasing
// column, never i itself, each with its weight in (0, 1].
struct FuzzyGraph {
    std::vector<std::int64_t> rowStart;
    std::vector<std::int32_t> cols;
    std::vector<float> weights;
    std::int64_t rows() const { return static_cast<std::int64_t>(rowStart.size()) - 1; }
    std::int64_t entries() const { return static_cast<std::int64_t>(cols.size()); }
};

// One point's smooth-kNN calibration: rho, the distance to its nearest neighbour at a distance above 0, and
// sigma, found by binary search (64 halvings, tolerance 1e-5) so that sum_j exp(-max(0, d_j - rho) / sigma)
// over its neighbours is log2(k + 1) (k neighbours and the point itself, as umap-learn counts n_neighbors),
// floored at 1e-3 times its mean neighbour distance (or the whole set's, when all its neighbours coincide
// with it) so duplicates cannot make it 0.
struct Calibration {
    double rho = 0.0, sigma = 1.0;
};
// distances: ascending metric (not squared) distances to the k neighbours; meanOfAll: the mean over every
// point's neighbour distances.
Calibration calibrate(const double* distances, std::int64_t k, double meanOfAll);

// indices/distances: [N, k] nearest first, never the point itself; distances are metric (not squared).
// Memberships exp(-max(0, d - rho) / sigma), then the fuzzy union w_ij + w_ji - w_ij w_ji. Weights below
// max / epochs are dropped, as umap-learn does: the optimiser would never sample them.
FuzzyGraph fuzzySimplicialSet(const torch::Tensor& indices, const torch::Tensor& distances, int epochs,
                              tsne::ChunkRunner& runner);

} // namespace latentlab::umap
