#include "core/analysis/projection_method.h"

#include "core/util/errors.h"

namespace latentlab {

std::string toString(ProjectionMethod m)
{
    switch (m) {
    case ProjectionMethod::Latent: return "latent";
    case ProjectionMethod::Dims: return "dims";
    case ProjectionMethod::Pca: return "pca";
    case ProjectionMethod::Tsne: return "tsne";
    case ProjectionMethod::Umap: return "umap";
    case ProjectionMethod::Imported: return "imported";
    case ProjectionMethod::Axes: return "axes";
    }
    return "?";
}

ProjectionMethod projectionMethodFromString(const std::string& name)
{
    for (auto m : {ProjectionMethod::Latent, ProjectionMethod::Dims, ProjectionMethod::Pca, ProjectionMethod::Tsne,
                   ProjectionMethod::Umap, ProjectionMethod::Imported, ProjectionMethod::Axes})
        if (name == toString(m))
            return m;
    throw BadInputError("unknown projection '" + name + "' (choose pca, tsne, umap, dims, latent or axes)");
}

bool hasInverse(ProjectionMethod m)
{
    switch (m) {
    case ProjectionMethod::Latent:
    case ProjectionMethod::Dims:
    case ProjectionMethod::Pca:
    case ProjectionMethod::Axes: return true;
    case ProjectionMethod::Tsne:
    case ProjectionMethod::Umap:
    case ProjectionMethod::Imported: return false;
    }
    return false;
}

} // namespace latentlab
