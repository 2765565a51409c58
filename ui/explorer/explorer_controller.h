#pragma once
// Runs the latent explorer's work off the GUI thread, on two threads so neither waits for the other: a
// projection thread (encode every sample, lay the latents out, stream a t-SNE) and a decode thread (the probe
// under the mouse, the selected sample, sample grids, interpolations, traversals). Probe requests are latest-
// wins: a drag never builds a queue. A new projection cancels the one running; destroying the controller
// cancels everything and joins both threads.
#include "dataset_ptr.h"
#include "explorer/explorer_reports.h"
#include "model_ptr.h"

#include <QObject>
#include <QPointF>
#include <QThread>

#include <memory>

namespace latentlab {
class AnalysisControl;
}

namespace latentlab::ui {

class DecodeWorker;
class ProjectionWorker;
template <typename Request>
class LatestRequest;
struct ProbeRequest;

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
    qint64 generation() const { return generation_; }

    // Latest wins: only the newest position waiting is decoded. Answered by probeDecoded().
    void probe(QPointF position);
    void probeInterpolation(const InterpolationRequest& path, double t);
    void describeSample(qint64 index);
    void sampleGrid(const GridRequest& request);
    void interpolate(const InterpolationRequest& request);
    void traverse(qint64 index, double lo = -3.0, double hi = 3.0, int steps = 9);
    void resampleBottom(qint64 index, int count = 8, quint64 seed = 0);

Q_SIGNALS:
    void modelOpened(const QString& path, latentlab::ui::ModelPtr model);
    void openFailed(const QString& path, const QString& message);
    void projectionStarted();
    void projectionProgress(double fraction, const QString& what);
    // Frames of the current request only: an older request's late frames are dropped here.
    void frameReady(const latentlab::ui::ProjectionFrame& frame);
    void projectionFailed(const QString& message);
    void projectingChanged(bool projecting);
    void probeDecoded(const latentlab::ui::ProbeImage& image);
    void sampleDescribed(const latentlab::ui::SampleDetail& detail);
    void imagesReady(const latentlab::ui::ImageSet& images);
    void decodeFailed(const QString& what, const QString& message);

private:
    void startProjection();
    void setProjecting(bool projecting);
    void postProbe(const ProbeRequest& request);

    QThread projectionThread_, decodeThread_;
    ProjectionWorker* projector_ = nullptr;
    DecodeWorker* decoder_ = nullptr;
    std::shared_ptr<LatestRequest<ProbeRequest>> mailbox_;
    std::shared_ptr<AnalysisControl> control_;
    DatasetPtr data_;
    ModelPtr model_;
    qint64 modelStep_ = -1;
    bool modelTraining_ = false;
    ProjectionSettings settings_;
    qint64 generation_ = 0;
    qint64 probeId_ = 0;
    bool projecting_ = false;
};

} // namespace latentlab::ui
