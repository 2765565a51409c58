#include "ui/explorer/projection_worker.h"

#include "core/analysis/analysis_control.h"
#include "core/analysis/encode_all.h"
#include "core/models/latent_model.h"
#include "core/models/model_snapshot.h"
#include "core/training/model_file.h"
#include "core/util/errors.h"
#include "ui/explorer/explorer_space.h"

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

} // namespace

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
        if (cache_->model != model || cache_->data != data) {
            cache_->model.reset();
            // Our own copy: InferenceScope flips the module's training flag, which another thread reading the
            // shared snapshot must not see change under it.
            auto mine = snapshotModel(model);
            std::vector<std::int64_t> all(static_cast<std::size_t>(data->size()));
            std::iota(all.begin(), all.end(), std::int64_t{0});
            EncodedSet encoded = encodeDataset(*mine, *data, all, {}, control.get());
            cache_->latents = encoded.latents.to(torch::kCPU).contiguous();
            cache_->mean = cache_->latents.mean(0);
            cache_->codes = encoded.codes;
            cache_->codeUsage = usageOf(encoded.codes, model->config().codebookSize);
            cache_->model = model;
            cache_->data = data;
        }

        ProjectionRequest request;
        request.method = settings.method;
        request.dims = {settings.dimX, settings.dimY};
        request.tsne.perplexity = settings.perplexity;
        request.tsne.iterations = settings.iterations;
        request.umap.neighbours = settings.neighbours;
        request.umap.minDist = settings.minDist;

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
        ProjectionFrame frame = makeFrame(projection.xy);
        frame.description = QString::fromStdString(projection.describe());
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

} // namespace latentlab::ui
