#pragma once
// Runs the latent explorer's work off the GUI thread, on two WorkerThreads so neither waits for the other: a
// projection thread (encode every sample, lay the latents out, stream a t-SNE) and a decode thread (the probe
// under the mouse, the selected sample, sample grids, interpolations, traversals). Probe requests are latest-
// wins: a drag never builds a queue. Every request returns its tag and every answer carries it; answers of a
// replaced request are dropped here (RequestTags), so a view only ever sees answers it still wants. A new
// projection cancels the one running, and every projection is answered: a frame, a failure or cancelled().
// Destroying the controller cancels everything and joins both threads.
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/common/request_tag.h"
#include "ui/common/worker_thread.h"
#include "ui/explorer/decode_worker.h"
#include "ui/explorer/projection_worker.h"
#include "ui/explorer/explorer_reports.h"

#include <QObject>
#include <QPointF>

#include <memory>
#include <vector>

namespace latentlab {
class AnalysisControl;
}

namespace latentlab::ui {

class ExplorerController : public QObject {
    Q_OBJECT
public:
    explicit ExplorerController(QObject* parent = nullptr);
    ~ExplorerController() override;

    // The samples to explore (all of them). Drops the model: its latents belong to other data.
    void setData(DatasetPtr data);
    // A model snapshot to explore: every sample is encoded again and projected as the settings say. A later
    // snapshot of a model that trains replaces it the same way (the view keeps the user's zoom). While the
    // model trains, the layout runs on one thread: OpenMP pools that share cores slow each other many times over.
    void setModel(ModelPtr model, qint64 step = -1, bool training = false);
    // A model trains on another thread (not necessarily the one explored): layouts started from now on take
    // one thread.
    void setTrainingActive(bool active) { trainingActive_ = active; }
    // Opens a checkpoint or a TorchScript module (exploration only) on the projection thread; answered by
    // modelOpened (then explored as setModel does) or openFailed.
    void openModelFile(const QString& path);
    bool hasModel() const { return model_ != nullptr; }
    ModelPtr model() const { return model_; }
    DatasetPtr data() const { return data_; }

    void setProjection(const ProjectionSettings& settings);
    const ProjectionSettings& projection() const { return settings_; }
    // Stops a running t-SNE where it is (its current layout stays) or an encode.
    void stopProjection();
    bool isProjecting() const { return projecting_; }
    // The tag of the newest projection request (frames carry it).
    RequestTag projectionTag() const { return projections_.latest(); }
    // The tag of the newest request of that kind (its answer is the only one still passed on).
    RequestTag latestTag(DecodeJob job) const { return decodeTags_[static_cast<int>(job)].latest(); }
    // The thread that lays the latents out (tests watch it end).
    QThread* projectionThread() { return projection_.thread(); }

    // Reads a layout made elsewhere (File > Import Layout) on the projection thread, stopping a layout that
    // runs, and checks it against the data; answered by layoutImported (then shown with setProjection, method
    // Imported) or layoutImportFailed. Only the newest import is answered.
    RequestTag importLayout(const QString& path);
    // Writes the explored model's latents of every sample, with labels, thumbnails and `scores` (one per
    // sample, or none) into `directory` for TensorBoard's Embedding Projector, on the projection thread after
    // the layout in progress (the latents are there). `model`: another model to export instead (one that
    // waits to be explored). Every export is answered: projectorExported or projectorExportFailed.
    RequestTag exportForProjector(const QString& directory, const std::vector<float>& scores = {},
                                  ModelPtr model = {});

    // Writes the explored model for PyTorch or ONNX into `directory` (core's exportModel), on the projection
    // thread. Every export is answered: modelExported or modelExportFailed.
    RequestTag exportModel(const QString& directory, const ModelExportChoice& choice);

    // Latest wins: only the newest position waiting is decoded. Answered by probeDecoded().
    RequestTag probe(QPointF position);
    RequestTag probeInterpolation(const InterpolationRequest& path, double t);
    // Answered by sampleDescribed() or decodeFailed() with the returned tag (imagesReady() for the rest).
    RequestTag describeSample(qint64 index);
    RequestTag sampleGrid(const GridRequest& request);
    RequestTag interpolate(const InterpolationRequest& request);
    RequestTag traverse(qint64 index, double lo = -3.0, double hi = 3.0, int steps = 9);
    RequestTag resampleBottom(qint64 index, int count = 8, quint64 seed = 0);
    // Answered by attributeReady() or decodeFailed(AttributeStrip, ...).
    RequestTag attributeStrip(const AttributeRequest& request);
    // The selected sample's latent + amount * v, latest wins like the probe. Answered by attributeDecoded().
    RequestTag probeAttribute(const AttributeRequest& request, double amount);
    // Answered by neighboursFound() or decodeFailed() with the returned tag.
    RequestTag neighbours(qint64 index, int k, NeighbourMetric metric);

Q_SIGNALS:
    void modelOpened(const QString& path, latentlab::ui::ModelPtr model);
    void openFailed(const QString& path, const QString& message);
    void projectionStarted();
    void projectionProgress(double fraction, const QString& what);
    // Frames of the current request only: an older request's late frames are dropped here.
    void frameReady(const latentlab::ui::ProjectionFrame& frame);
    void projectionFailed(const QString& message);
    // Stopped, or given nothing to work on, before a layout came out: the layout shown stays.
    void projectionCancelled();
    void projectingChanged(bool projecting);
    void probeDecoded(const latentlab::ui::ProbeImage& image);
    void sampleDescribed(const latentlab::ui::SampleDetail& detail);
    void imagesReady(const latentlab::ui::ImageSet& images);
    void attributeReady(const latentlab::ui::AttributeReport& report);
    void attributeDecoded(const latentlab::ui::AttributeFrame& frame);
    void neighboursFound(const latentlab::ui::NeighbourList& neighbours);
    void decodeFailed(latentlab::ui::DecodeJob job, latentlab::ui::RequestTag tag, const QString& message);
    void layoutImported(latentlab::ui::RequestTag tag, const QString& path);
    void layoutImportFailed(latentlab::ui::RequestTag tag, const QString& path, const QString& message);
    void projectorExported(latentlab::ui::RequestTag tag, const QString& directory, const QString& summary);
    void projectorExportFailed(latentlab::ui::RequestTag tag, const QString& directory, const QString& message);
    void modelExported(latentlab::ui::RequestTag tag, const QString& directory, const QString& summary);
    void modelExportFailed(latentlab::ui::RequestTag tag, const QString& directory, const QString& message);

private:
    void startProjection();
    void setProjecting(bool projecting);
    RequestTag postProbe(ProbeRequest request);
    // Drops every decode answer in flight: the model or the data it was decoded with is gone.
    void invalidateDecodes();
    RequestTags& tagsOf(DecodeJob job);

    std::shared_ptr<ProbeMailbox> mailbox_;
    std::shared_ptr<AttributeMailbox> attributeMailbox_;
    std::shared_ptr<AnalysisControl> control_;
    DatasetPtr data_;
    ModelPtr model_;
    qint64 modelStep_ = -1;
    bool modelTraining_ = false;
    bool trainingActive_ = false;
    ProjectionSettings settings_;
    RequestTags projections_;
    RequestTags decodeTags_[kDecodeJobCount]; // one per DecodeJob
    RequestTags imports_;       // a newer import, or other data, makes an import's answer stale
    RequestTags exports_;       // every export is answered: the files were written either way
    bool projecting_ = false;
    // Last, so they are destroyed first: their cancel hook stops a projection through control_.
    WorkerThread<ProjectionWorker> projection_;
    WorkerThread<DecodeWorker> decode_;
};

} // namespace latentlab::ui
