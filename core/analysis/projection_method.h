#pragma once
// The kinds of 2-D layout, apart from the projections themselves (projection.h needs torch; the window's
// settings and reports name a method without it).
#include <string>

namespace latentlab {

enum class ProjectionMethod {
    Latent, // the latent itself; only for a 2-D latent
    Dims,   // two chosen dimensions
    Pca,    // the first two principal components
    Tsne,
    Umap,
};

std::string toString(ProjectionMethod m);
// Whether a point of the plane maps back to exactly one latent (the probe then decodes it exactly); t-SNE
// and UMAP have no inverse.
bool hasInverse(ProjectionMethod m);
// "latent", "dims", "pca", "tsne", "umap"; BadInputError naming the choices otherwise.
ProjectionMethod projectionMethodFromString(const std::string& name);

} // namespace latentlab
