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
    }
    return "?";
}

bool hasInverse(ProjectionMethod m) { return m != ProjectionMethod::Tsne && m != ProjectionMethod::Umap; }

ProjectionMethod projectionMethodFromString(const std::string& name)
{
    for (auto m : {ProjectionMethod::Latent, ProjectionMethod::Dims, ProjectionMethod::Pca, ProjectionMethod::Tsne,
                   ProjectionMethod::Umap})
        if (name == toString(m))
            return m;
    throw BadInputError("unknown projection '" + name + "' (choose pca, tsne, umap, dims or latent)");
}

} // namespace latentlab
