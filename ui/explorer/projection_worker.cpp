#include "ui/explorer/projection_worker.h"

#include "core/analysis/analysis_control.h"
#include "core/analysis/encode_all.h"
#include "core/analysis/layout_import.h"
#include "core/analysis/projector_export.h"
#include "core/models/latent_model.h"
#include "core/models/model_snapshot.h"
#include "core/training/model_file.h"
#include "core/util/errors.h"
#include "ui/explorer/explorer_space.h"
#include "ui/explorer/projection_text.h"

#include <QFileInfo>

#include <numeric>

namespace latentlab::ui {

// The last encoding, kept so that switching projection (PCA -> t-SNE -> dims) does not re-encode 70,000
// samples: only a new model or new data does.
struct ProjectionWorker::Cache {
    ModelPtr model; // the snapshot it was encoded with (identity only)
    DatasetPtr data;
    torch::Tensor latents, codes;
    torch::Tensor mean; // of the latents: the point the dims layout varies around, once per encoding
    QVector<double> codeUsage;
    std::string what;   // what the rows are ("mu", "z"): the Projector export names its tensor by it
    // The last imported layout, read once for the data it was checked against.
    QString layoutFile;
    DatasetPtr layoutData;
    torch::Tensor layout;
};

ProjectionWorker::ProjectionWorker(QObject* parent) : QObject(parent), cache_(std::make_unique<Cache>()) {}

ProjectionWorker::~ProjectionWorker() = default;

namespace {

std::vector<float> toVector(const torch::Tensor& xy)
{
    const torch::Tensor c = xy.to(torch::kFloat32).contiguous();
    const float* p = c.data_ptr<float>();
    return {p, p + c.numel()};
}

QVector<double> usageOf(const torch::Tensor& codes, std::int64_t codebookSize)
{
    QVector<double> usage;
    if (!codes.defined() || codes.numel() == 0 || codebookSize <= 0)
        return usage;
    const torch::Tensor counts = torch::bincount(codes.reshape({-1}), {}, codebookSize).to(torch::kFloat64);
    const torch::Tensor share = counts / static_cast<double>(codes.numel());
    const double* p = share.data_ptr<double>();
    usage = QVector<double>(p, p + share.numel());
    return usage;
}

LatentSet latentSetOf(const SetChoice& c)
{
    return {c.label.toStdString(), std::vector<std::int64_t>(c.rows.begin(), c.rows.end())};
}

} // namespace

void ProjectionWorker::encode(const ModelPtr& model, const DatasetPtr& data, const AnalysisControl* control)
{
    if (cache_->model == model && cache_->data == data)
        return;
    cache_->model.reset();
    // Our own copy: InferenceScope flips the module's training flag, which another thread reading the
    // shared snapshot must not see change under it.
    auto mine = snapshotModel(model);
    std::vector<std::int64_t> all(static_cast<std::size_t>(data->size()));
    std::iota(all.begin(), all.end(), std::int64_t{0});
    EncodedSet encoded = encodeDataset(*mine, *data, all, {}, control);
    cache_->latents = encoded.latents.to(torch::kCPU).contiguous();
    cache_->mean = cache_->latents.mean(0);
    cache_->codes = encoded.codes;
    cache_->codeUsage = usageOf(encoded.codes, model->config().codebookSize);
    cache_->what = encoded.what;
    cache_->model = model;
    cache_->data = data;
}

torch::Tensor ProjectionWorker::layoutOf(const QString& path, const DatasetPtr& data)
{
    if (cache_->layoutFile != path || cache_->layoutData != data) {
        cache_->layout = readLayout(path.toStdString(), data->size());
        cache_->layoutFile = path;
        cache_->layoutData = data;
    }
    return cache_->layout;
}

void ProjectionWorker::run(ModelPtr model, DatasetPtr data, const ProjectionSettings& settings, RequestTag tag,
                           qint64 modelStep, std::shared_ptr<AnalysisControl> control)
{
    // Every request is answered, also one stopped before it started: the controller's Stop button and progress
    // bar wait for it.
    if (!model || !data || control->cancelled()) {
        Q_EMIT cancelled(tag);
        return;
    }
    try {
        encode(model, data, control.get());

        ProjectionRequest request;
        request.method = settings.method;
        request.dims = {settings.dimX, settings.dimY};
        request.tsne.perplexity = settings.perplexity;
        request.tsne.iterations = settings.iterations;
        request.umap.neighbours = settings.neighbours;
        request.umap.minDist = settings.minDist;
        if (request.method == ProjectionMethod::Imported) {
            request.layout = layoutOf(settings.layoutFile, data);
            request.layoutName = QFileInfo(settings.layoutFile).fileName().toStdString();
        }
        if (settings.method == ProjectionMethod::Axes) {
            // The view resolved each set to its samples; every sample is a row of the latents, in order.
            AxesRequest axes;
            axes.xFrom = latentSetOf(settings.axes.xFrom);
            axes.xTo = latentSetOf(settings.axes.xTo);
            if (settings.axes.yFromSets()) {
                axes.yFrom = latentSetOf(settings.axes.yFrom);
                axes.yTo = latentSetOf(settings.axes.yTo);
            }
            request.axes = std::move(axes);
        }

        auto makeSpace = [&](const torch::Tensor& xy) {
            auto space = std::make_shared<ExplorerSpace>();
            space->method = request.method;
            space->latents = cache_->latents;
            space->codes = cache_->codes;
            space->xy = xy.to(torch::kFloat32).contiguous();
            space->dims = request.dims;
            space->base = cache_->mean;
            return space;
        };
        auto makeFrame = [&](const torch::Tensor& xy) {
            ProjectionFrame frame;
            frame.tag = tag;
            frame.xy = toVector(xy);
            frame.method = settings.method;
            frame.invertible = hasInverse(request.method);
            frame.modelStep = modelStep;
            frame.latentDim = static_cast<int>(cache_->latents.size(1));
            frame.codeUsage = cache_->codeUsage;
            return frame;
        };

        // A t-SNE or UMAP of a small set streams faster than anyone can watch: at most one frame per ~50 ms.
        const bool iterative = request.method == ProjectionMethod::Tsne || request.method == ProjectionMethod::Umap;
        QElapsedTimer sinceFrame;
        const Projection projection = project(cache_->latents, request, control.get(), [&](const LayoutSnapshot& s) {
            if (control->cancelled() || (sinceFrame.isValid() && sinceFrame.elapsed() < 50))
                return;
            sinceFrame.start();
            ProjectionFrame frame = makeFrame(s.layout);
            frame.final = false;
            frame.iteration = s.step;
            frame.iterations = s.steps;
            frame.description = request.method == ProjectionMethod::Umap
                                    ? tr("UMAP, epoch %1 of %2").arg(s.step).arg(s.steps)
                                    : tr("t-SNE, iteration %1 of %2").arg(s.step).arg(s.steps);
            Q_EMIT frameReady(frame, makeSpace(s.layout));
        });
        if (control->cancelled() && !iterative) {
            // PCA and the others do not look at the control while they run: their result came too late.
            Q_EMIT cancelled(tag);
            return;
        }
        auto space = makeSpace(projection.xy);
        space->pca = projection.pca;
        space->axes = projection.axes;
        ProjectionFrame frame = makeFrame(projection.xy);
        frame.description = projectionText(projection);
        if (projection.tsne) {
            frame.iteration = projection.tsne->iterations;
            frame.iterations = projection.tsne->requestedIterations;
        }
        if (projection.umap) {
            frame.iteration = projection.umap->epochs;
            frame.iterations = projection.umap->requestedEpochs;
        }
        Q_EMIT frameReady(frame, space);
    } catch (const AnalysisCancelled&) {
        // Stopped, or replaced by a newer request (whose answer the controller waits for instead).
        Q_EMIT cancelled(tag);
    } catch (const std::exception& e) {
        Q_EMIT failed(tag, QString::fromStdString(e.what()));
    }
}

void ProjectionWorker::openModel(const QString& path, DatasetPtr data)
{
    try {
        OpenedModel opened = openModelFile(path.toStdString(), data ? data->sampleShape() : std::vector<std::int64_t>{});
        if (data && opened.model->config().inputShape != data->sampleShape())
            throw BadInputError(path.toStdString() + ": the model takes samples of another shape than the open data");
        Q_EMIT modelOpened(path, snapshotModel(opened.model));
    } catch (const std::exception& e) {
        Q_EMIT openFailed(path, QString::fromStdString(e.what()));
    }
}

void ProjectionWorker::importLayout(RequestTag tag, const QString& path, DatasetPtr data)
{
    try {
        if (!data)
            throw BadInputError(QFileInfo(path).fileName().toStdString() + ": open a dataset before its layout");
        // Read again even when it is the file read last: it may have been written anew since.
        cache_->layoutFile.clear();
        layoutOf(path, data);
        Q_EMIT layoutImported(tag, path);
    } catch (const std::exception& e) {
        Q_EMIT layoutImportFailed(tag, path, QString::fromStdString(e.what()));
    }
}

void ProjectionWorker::exportForProjector(RequestTag tag, ModelPtr model, DatasetPtr data, const QString& directory,
                                          const std::vector<float>& scores)
{
    try {
        if (!model || !data)
            throw BadInputError("there is no model to export: train or open one first");
        const std::string dir = directory.toStdString();
        checkProjectorFolder(dir); // before encoding every sample, which a new model needs
        encode(model, data, nullptr);
        const bool withScores = static_cast<std::int64_t>(scores.size()) == data->size();
        const std::string source = QFileInfo(QString::fromStdString(data->source)).fileName().toStdString();
        const ProjectorExport written = writeProjectorExport(dir, cache_->latents, *data, {},
                                                             withScores ? scores : std::vector<float>{},
                                                             (source.empty() ? "latents" : source) + " " + cache_->what);
        QStringList files;
        for (const auto& f : written.files)
            files << QString::fromStdString(f);
        Q_EMIT projectorExported(tag, directory,
                                 tr("Wrote %1 latents of %2 dimensions%3 for the Embedding Projector to %4 (%5)")
                                     .arg(written.rows)
                                     .arg(written.dims)
                                     .arg(written.scores ? tr(" with their anomaly scores") : QString())
                                     .arg(directory, files.join(QStringLiteral(", "))));
    } catch (const std::exception& e) {
        Q_EMIT projectorExportFailed(tag, directory, QString::fromStdString(e.what()));
    }
}

} // namespace latentlab::ui
