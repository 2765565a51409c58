#pragma once
// Orthogonal Procrustes: the rotation (or reflection), uniform scale and shift that best carry one layout onto
// another in the least-squares sense, found on the samples both layouts hold. The comparison view lays out
// several models' latents of the same samples; each model's picture is an arbitrary rotation, reflection and
// scale of the others', so without this the same class sits in a different corner of every scatter.
// Schoenemann 1966, "A generalized solution of the orthogonal Procrustes problem": with both centred, the
// rotation is U V^T from the SVD U S V^T of moving^T reference, the scale trace(S) / |moving|^2.
#include <torch/types.h>

namespace latentlab {

struct ProcrustesFit {
    torch::Tensor rotation;     // [k, k] orthogonal (det -1 where a reflection fits better), float64
    double scale = 1.0;
    torch::Tensor shift;        // [k]: aligned = scale * (x - movingMean) @ rotation + referenceMean, float64
    torch::Tensor movingMean;   // [k]
    // Mean squared distance between the aligned shared points and the reference, over the reference's spread
    // (mean squared distance to its centre): 0 for an exact fit, 1 for no relation at all.
    double residual = 0.0;

    // Applies the fit to any points of the moving layout [M, k] (not only the shared ones); float32 out.
    torch::Tensor apply(const torch::Tensor& moving) const;
};

// reference, moving: [N, k] with row i the same sample in both. N >= 1; a layout with no spread (one point, or
// all points equal) gets the rotation I and scale 1, only shifted. BadInputError for mismatched shapes or
// non-finite values.
ProcrustesFit fitProcrustes(const torch::Tensor& reference, const torch::Tensor& moving);

} // namespace latentlab
