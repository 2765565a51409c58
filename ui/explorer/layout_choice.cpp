#include "ui/explorer/layout_choice.h"

#include <algorithm>

namespace latentlab::ui {

ProjectionSettings layoutForModel(const std::optional<ProjectionSettings>& wanted, int latentDim,
                                  const ProjectionSettings& fallback)
{
    const int dim = std::max(1, latentDim);
    if (wanted) {
        const bool fits = (wanted->method != ProjectionMethod::Latent || dim == 2) &&
                          (wanted->method != ProjectionMethod::Axes || dim >= 2) &&
                          (wanted->method != ProjectionMethod::Dims ||
                           (std::max(wanted->dimX, wanted->dimY) < dim && std::min(wanted->dimX, wanted->dimY) >= 0));
        if (fits)
            return *wanted;
    }
    ProjectionSettings s = fallback;
    s.method = dim == 2 ? ProjectionMethod::Latent : ProjectionMethod::Pca;
    s.dimX = 0;
    s.dimY = std::min(1, dim - 1);
    if (wanted) {
        s.perplexity = wanted->perplexity;
        s.iterations = wanted->iterations;
        s.neighbours = wanted->neighbours;
        s.minDist = wanted->minDist;
        s.axes = wanted->axes;
    }
    return s;
}

} // namespace latentlab::ui
