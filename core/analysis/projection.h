#pragma once
// 2-D pictures of a latent set, and a result that says exactly what it shows: the method, which dimensions
// or components, how many of the input rows and which. Nothing here subsamples on its own: a caller that
// wants fewer points asks for them (rows), and the result records it.
#include "core/analysis/analysis_control.h"
#include "core/analysis/custom_axes.h"
#include "core/analysis/pca.h"
#include "core/analysis/projection_method.h"
#include "core/analysis/tsne.h"
#include "core/analysis/umap.h"

#include <torch/torch.h>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace latentlab {

struct ProjectionRequest {
    ProjectionMethod method = ProjectionMethod::Pca;
    std::array<std::int64_t, 2> dims{0, 1}; // Dims: the columns for x and y
    // Rows of the latent matrix to project, in the order wanted; empty: all of them.
    std::vector<std::int64_t> rows;
    TsneOptions tsne;
    // Axes: the sets at the ends of each axis. Their rows index the whole latent matrix, and the axes are
    // fitted on all of it whatever `rows` shows.
    std::optional<AxesRequest> axes;
    UmapOptions umap;
    // Imported: the layout read from a file (readLayout), [N, 2] with row i for latent row i, and the file's
    // name for describe().
    torch::Tensor layout;
    std::string layoutName;
};

// One intermediate layout of a method that iterates (t-SNE's iterations, UMAP's epochs), streamed while it runs.
struct LayoutSnapshot {
    int step = 0, steps = 0; // done so far, asked for
    torch::Tensor layout;    // [N, 2] float32, a copy the receiver may keep
};
using LayoutCallback = std::function<void(const LayoutSnapshot&)>;

struct Projection {
    ProjectionMethod method = ProjectionMethod::Pca;
    torch::Tensor xy;                // [M, 2] float32, row r for input row rows[r] (or r when !subset)
    std::int64_t inputRows = 0;      // rows in the latent matrix given
    std::int64_t latentDims = 0;     // its width
    bool subset = false;             // the caller asked for some rows only
    std::vector<std::int64_t> rows;  // those rows, when subset
    std::array<std::int64_t, 2> dims{0, 1}; // Latent and Dims: the columns shown
    std::optional<PcaMap> pca;       // Pca: the map both ways (a point of the plane -> a latent to decode)
    std::optional<TsneResult> tsne;  // Tsne: iterations done, whether it stopped early, KL, ...
    std::optional<UmapResult> umap;  // Umap: epochs done, whether it stopped early, the start it took
    UmapOptions umapOptions;         // Umap: as asked (neighbours, min_dist, metric)

    // t-SNE or UMAP stopped before its last iteration (through the control).
    bool stoppedEarly() const { return (tsne && tsne->stoppedEarly) || (umap && umap->stoppedEarly); }
    std::string layoutName;          // Imported: the file it came from
    std::optional<AxesMap> axes;     // Axes: the map both ways
    std::string axesText;            // Axes: what the axes run between, for describe()

    std::int64_t points() const { return xy.defined() ? xy.size(0) : 0; }
    // One line for a title bar or a log: "PCA of 32-d latents (41.2% of variance), all 70000 points".
    std::string describe() const;
};

// latents: [N, d]. Throws BadInputError for a request the data cannot meet (a 2-D "latent" view of a 32-d
// latent, a dimension out of range, a row out of range, an imported layout of another size). For t-SNE and
// UMAP, `control` and `onLayout` go to runTsne / runUmap (stopping keeps the current layout); for the others
// the work is one pass and `control` only gets reports.
Projection project(const torch::Tensor& latents, const ProjectionRequest& request, AnalysisControl* control = nullptr,
                   const LayoutCallback& onLayout = {});

} // namespace latentlab
