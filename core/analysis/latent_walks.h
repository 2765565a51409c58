#pragma once
// Walks through a trained latent space, decoded: interpolation between two inputs, traversal of each
// dimension around a base point, and a regular grid over a plane (the manifold figure). Positions come from
// latent_geometry.h; decoding from generation.h. Inputs are encoded with mu (z for the autoencoder, the
// pre-quantization vectors for a VQ-VAE, the top layer for the hierarchical VAE), never a posterior draw.
#include "core/analysis/analysis_control.h"
#include "core/analysis/latent_geometry.h"
#include "core/data/dataset.h"
#include "core/models/latent_model.h"

#include <cstdint>
#include <vector>

namespace latentlab {

struct DecodedLatents {
    torch::Tensor latents; // [N, latentDim()] float32 on the CPU
    torch::Tensor images;  // [N, ...input shape] float32 on the CPU
};

// The mean encodings [B, latentDim()] of inputs x [B, ...input shape]; y: labels for the conditional VAE.
torch::Tensor encodeMean(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y = {});

// `steps` latents from the encoding of x[0] to that of x[1] (both ends included), decoded. x: [2, ...input
// shape]; y: their labels, needed by the conditional VAE, which decodes the whole path under y[0]'s class.
DecodedLatents interpolateInputs(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y, std::int64_t steps,
                                 Interpolation how);
// The same between samples `from` and `to` of a dataset (indices into it).
DecodedLatents interpolateSamples(LatentModel& model, const Dataset& data, std::int64_t from, std::int64_t to,
                                  std::int64_t steps, Interpolation how);

struct TraversalOptions {
    std::vector<std::int64_t> dims; // which dimensions, one grid row each, in this order; empty: all of them
    double lo = -3.0;               // values the varied dimension takes (absolute, not offsets from the base:
    double hi = 3.0;                // +-3 spans the prior's +-3 standard deviations)
    std::int64_t steps = 9;
};

struct Traversal {
    DecodedLatents decoded;        // [dims.size() * values.size()] row-major: row k varies dims[k]
    std::vector<std::int64_t> dims;
    std::vector<double> values;
};

// Each chosen dimension in turn set to each value, the others held at base [latentDim()] (a sample's mean
// encoding, or zeros: the prior's centre). y: the conditional VAE's class to decode under.
Traversal traverse(LatentModel& model, const torch::Tensor& base, const TraversalOptions& options,
                   const torch::Tensor& y = {}, const AnalysisControl* control = nullptr);

// Decodes planeGrid(origin, u, v, uCoords, vCoords): vCoords.size() rows of uCoords.size() images. The
// plane may come from PCA (its inverse map gives origin and directions) or from two chosen dims (axis()).
DecodedLatents decodePlane(LatentModel& model, const torch::Tensor& origin, const torch::Tensor& u,
                           const torch::Tensor& v, const std::vector<double>& uCoords,
                           const std::vector<double>& vCoords, const torch::Tensor& y = {},
                           const AnalysisControl* control = nullptr);
// Kingma & Welling's manifold figure: a side x side grid over the Gaussian quantiles of dimensions dimU
// (across) and dimV (up), the other dimensions at 0. Exactly the classic figure for a 2-D latent.
DecodedLatents gaussianManifold(LatentModel& model, std::int64_t side, std::int64_t dimU = 0, std::int64_t dimV = 1,
                                const torch::Tensor& y = {}, const AnalysisControl* control = nullptr);

struct DimensionKl {
    std::int64_t dim = 0;
    double kl = 0.0; // mean KL(q(z_d|x) || p(z_d)) over the samples, in nats
};
// Latent dimensions by the KL the model spends on them over these samples, largest first: in a beta-VAE the
// few informative dimensions lead and collapsed ones (KL near 0) trail, so a traversal can show those first.
// Empty for models without a per-dimension KL (autoencoder, VQ-VAE).
std::vector<DimensionKl> dimensionsByKl(LatentModel& model, const Dataset& data,
                                        const std::vector<std::int64_t>& indices);

} // namespace latentlab
