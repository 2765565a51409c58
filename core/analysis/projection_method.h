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
    Imported, // a layout computed elsewhere and read from a file (layout_import.h); only the window shows it
    Axes,     // custom axes: from one set's mean latent to another's (core/analysis/custom_axes.h)
};

std::string toString(ProjectionMethod m);
// "latent", "dims", "pca", "tsne", "umap", "imported", "axes"; BadInputError naming the choices otherwise.
ProjectionMethod projectionMethodFromString(const std::string& name);
// Whether a point of the plane maps back to exactly one latent (Latent, Dims, Pca, Axes). The others place samples
// by where they fell, so a probe there decodes a weighted mean of the nearest samples' latents instead.
bool hasInverse(ProjectionMethod m);

} // namespace latentlab
