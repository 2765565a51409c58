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
    Axes,   // custom axes: from one set's mean latent to another's (core/analysis/custom_axes.h)
};

std::string toString(ProjectionMethod m);
// "latent", "dims", "pca", "tsne", "axes"; BadInputError naming the choices otherwise.
ProjectionMethod projectionMethodFromString(const std::string& name);

} // namespace latentlab
