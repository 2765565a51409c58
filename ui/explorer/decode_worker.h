#pragma once
// Lives on the explorer's decode thread: everything that turns latents into images while the user watches
// (the probe under the mouse, the selected sample, prior samples, interpolations, traversals). Works on its
// own copy of the model snapshot and on the latest frozen space from the projection worker, so it never waits
// for a t-SNE or an encode running on the other thread.
#include "dataset_ptr.h"
#include "explorer/explorer_reports.h"
#include "explorer/latest_request.h"
#include "explorer/space_ptr.h"
#include "model_ptr.h"

#include <QObject>

#include <memory>

namespace latentlab::ui {

// One position to decode: a probe on the scatter, or the interpolation slider at t along `path`.
struct ProbeRequest {
    qint64 id = 0;
    QPointF position;
    double t = -1.0; // >= 0: the slider, `position` unused
    InterpolationRequest path;
};
using ProbeMailbox = LatestRequest<ProbeRequest>;

class DecodeWorker : public QObject {
    Q_OBJECT
public:
    explicit DecodeWorker(QObject* parent = nullptr);
    ~DecodeWorker() override;

    void setModel(latentlab::ui::ModelPtr model, latentlab::ui::DatasetPtr data);
    void setSpace(latentlab::ui::SpacePtr space);
    // Decodes the newest request in the mailbox, then the next newest, until it is empty.
    void drainProbes(const std::shared_ptr<latentlab::ui::ProbeMailbox>& mailbox);
    void describeSample(qint64 index);
    void sampleGrid(const latentlab::ui::GridRequest& request);
    void interpolate(const latentlab::ui::InterpolationRequest& request);
    void traverse(qint64 index, double lo, double hi, int steps);
    // Hierarchical VAE: the selected sample's top code kept, the bottom layer drawn afresh `count` times.
    void resampleBottom(qint64 index, int count, quint64 seed);

Q_SIGNALS:
    void probeDecoded(const latentlab::ui::ProbeImage& image);
    void sampleDescribed(const latentlab::ui::SampleDetail& detail);
    void imagesReady(const latentlab::ui::ImageSet& images);
    // what: the job that failed ("samples", "interpolation", ...); message: core's sentence.
    void failed(const QString& what, const QString& message);

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::GridRequest)
Q_DECLARE_METATYPE(latentlab::ui::InterpolationRequest)
