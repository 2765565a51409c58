#include "core/analysis/projection.h"

#include "core/util/errors.h"

#include <cstdio>

namespace latentlab {
namespace {

std::string dimsText(const std::array<std::int64_t, 2>& d)
{
    return "dims " + std::to_string(d[0]) + "," + std::to_string(d[1]);
}

void checkDims(const std::array<std::int64_t, 2>& d, std::int64_t width)
{
    for (const auto v : d)
        if (v < 0 || v >= width)
            throw BadInputError(dimsText(d) + ": dimension " + std::to_string(v) + " does not exist; the latent has "
                                + std::to_string(width) + " dimensions, numbered 0.." + std::to_string(width - 1));
    if (d[0] == d[1])
        throw BadInputError(dimsText(d) + ": choose two different dimensions");
}

} // namespace

std::string Projection::describe() const
{
    std::string what;
    const std::string latent = std::to_string(latentDims) + "-d latents";
    char buf[64];
    switch (method) {
    case ProjectionMethod::Latent: what = "the 2-d latent itself"; break;
    case ProjectionMethod::Dims: what = dimsText(dims) + " of " + latent; break;
    case ProjectionMethod::Pca: {
        const torch::Tensor ratio = pca->explainedVarianceRatio();
        std::snprintf(buf, sizeof buf, " (%.1f%% of variance)", 100.0 * ratio.sum().item<double>());
        what = "PCA of " + latent + buf;
        break;
    }
    case ProjectionMethod::Tsne:
        std::snprintf(buf, sizeof buf, "perplexity %g, ", tsne->perplexity);
        what = "t-SNE of " + latent + " (" + buf
               + (tsne->stoppedEarly ? "stopped at iteration " + std::to_string(tsne->iterations) + " of "
                                     : std::to_string(tsne->iterations) + "/")
               + std::to_string(tsne->requestedIterations) + " iterations)";
        break;
    case ProjectionMethod::Umap:
        std::snprintf(buf, sizeof buf, "%lld neighbours, min_dist %g, ", static_cast<long long>(umap->neighbours),
                      umapOptions.minDist);
        what = "UMAP of " + latent + " (" + buf + toString(umapOptions.metric) + ", "
               + (umap->stoppedEarly ? "stopped at epoch " + std::to_string(umap->epochs) + " of "
                                     : std::to_string(umap->epochs) + "/")
               + std::to_string(umap->requestedEpochs) + " epochs)";
        break;
    case ProjectionMethod::Imported: what = "the layout imported from " + layoutName; break;
    case ProjectionMethod::Axes: what = "custom axes of " + latent + " (" + axesText + ")"; break;
    }
    const std::string count = std::to_string(points());
    const std::string how =
        subset ? count + " of " + std::to_string(inputRows) + " points (a subset)" : "all " + count + " points";
    return what + ", " + how;
}

Projection project(const torch::Tensor& latents, const ProjectionRequest& request, AnalysisControl* control,
                   const LayoutCallback& onLayout)
{
    if (latents.dim() != 2 || latents.size(0) < 1)
        throw BadInputError("nothing to project: expected a matrix of latents with one row per sample");
    Projection out;
    out.method = request.method;
    out.inputRows = latents.size(0);
    out.latentDims = latents.size(1);
    torch::Tensor x = latents.to(torch::kFloat32);
    if (!request.rows.empty()) {
        for (const auto r : request.rows)
            if (r < 0 || r >= out.inputRows)
                throw BadInputError("row " + std::to_string(r) + " does not exist among "
                                    + std::to_string(out.inputRows) + " latents");
        out.subset = true;
        out.rows = request.rows;
        x = x.index_select(0, torch::tensor(request.rows, torch::kInt64));
    }
    torch::NoGradGuard noGrad;
    switch (request.method) {
    case ProjectionMethod::Latent:
        if (out.latentDims != 2)
            throw BadInputError("the latent has " + std::to_string(out.latentDims)
                                + " dimensions, so it cannot be shown as it is; choose pca, tsne or two dims");
        out.xy = x.clone();
        break;
    case ProjectionMethod::Dims:
        checkDims(request.dims, out.latentDims);
        out.dims = request.dims;
        out.xy = x.index_select(1, torch::tensor({request.dims[0], request.dims[1]}, torch::kInt64));
        break;
    case ProjectionMethod::Pca:
        if (out.latentDims < 2)
            throw BadInputError("PCA to 2-D needs a latent of at least 2 dimensions");
        out.pca = fitPca(x, 2);
        out.xy = out.pca->project(x);
        break;
    case ProjectionMethod::Axes: {
        if (!request.axes)
            throw BadInputError("custom axes need a set at each end of the x axis");
        const AxesRequest& a = *request.axes;
        out.axes = fitAxes(latents, a);
        out.xy = out.axes->project(x);
        out.axesText = "x from " + a.xFrom.name + " to " + a.xTo.name + ", y "
                       + (a.yFrom ? "from " + a.yFrom->name + " to " + a.yTo->name : "the main spread across x");
        break;
    }
    case ProjectionMethod::Tsne: {
        TsneCallback stream;
        if (onLayout)
            stream = [&](const TsneSnapshot& s) { onLayout({s.iteration, s.iterations, s.layout}); };
        out.tsne = runTsne(x, request.tsne, control, stream);
        out.xy = out.tsne->layout;
        return out;
    }
    case ProjectionMethod::Imported:
        // The file was checked against the dataset when it was read; this is the same check for a caller
        // that hands over a layout of its own.
        if (!request.layout.defined() || request.layout.dim() != 2 || request.layout.size(0) != out.inputRows
            || request.layout.size(1) != 2)
            throw BadInputError("an imported layout needs one x, y row for each of the " + std::to_string(out.inputRows)
                                + " latents");
        out.layoutName = request.layoutName.empty() ? std::string("a file") : request.layoutName;
        out.xy = request.layout.to(torch::kFloat32);
        out.xy = out.subset ? out.xy.index_select(0, torch::tensor(request.rows, torch::kInt64)) : out.xy.clone();
        break;
    case ProjectionMethod::Umap: {
        UmapCallback stream;
        if (onLayout)
            stream = [&](const UmapSnapshot& s) { onLayout({s.epoch, s.epochs, s.layout}); };
        out.umapOptions = request.umap;
        out.umap = runUmap(x, request.umap, control, stream);
        out.xy = out.umap->layout;
        return out;
    }
    }
    if (control)
        control->report(1.0, toString(request.method));
    return out;
}

} // namespace latentlab
