#pragma once
// The latent space as the scatter shows it: every sample's latent, its position on the plot, and the maps
// between the two. Built by the projection worker, then frozen and shared with the decode worker, which
// reads it to turn a plot position into a latent to decode. Only worker .cpp files include this (torch).
#include "core/analysis/custom_axes.h"
#include "core/analysis/pca.h"
#include "core/analysis/projection.h"
#include "ui/explorer/space_ptr.h"

#include <torch/torch.h>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace latentlab::ui {

struct ExplorerSpace {
    ProjectionMethod method = ProjectionMethod::Pca;
    torch::Tensor latents;  // [N, d] float32, row i for dataset sample i
    torch::Tensor xy;       // [N, 2] float32, the plot position of each row
    torch::Tensor codes;    // VQ-VAE: [N, P] code indices; undefined otherwise
    std::array<std::int64_t, 2> dims{0, 1};
    std::optional<PcaMap> pca;
    std::optional<AxesMap> axes; // custom axes: the map both ways
    torch::Tensor base;     // [d] the point the dims view varies around: the latents' mean
    int neighbourCount = 8; // samples shown beside a probe, and averaged for t-SNE

    bool invertible() const { return hasInverse(method); }

    // The k samples nearest to plot point (x, y), nearest first.
    std::vector<std::int64_t> nearest(double x, double y, int k) const;
    // The latent [d] at plot point (x, y): exact where the projection has an inverse; for t-SNE, UMAP and an
    // imported layout the inverse-distance-weighted mean latent of the neighbourCount nearest samples.
    torch::Tensor latentAt(double x, double y) const;
    // Plot positions [M, 2] of latents [M, d]: exact for PCA, custom axes, dims and a 2-D latent; for t-SNE,
    // UMAP and an imported layout the inverse-distance-weighted mean position of each latent's neighbourCount
    // nearest samples in latent space.
    torch::Tensor positionsOf(const torch::Tensor& latents) const;
};

} // namespace latentlab::ui
