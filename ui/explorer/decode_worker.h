#pragma once
// Lives on the explorer's decode thread: everything that turns latents into images while the user watches
// (the probe under the mouse, the selected sample, prior samples, interpolations, traversals). Works on its
// own copy of the model snapshot and on the latest frozen space from the projection worker, so it never waits
// for a t-SNE or an encode running on the other thread.
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/explorer/attribute_reports.h"
#include "ui/explorer/explorer_reports.h"
#include "ui/explorer/latest_request.h"
#include "ui/explorer/space_ptr.h"

#include <QObject>

#include <memory>

namespace latentlab::ui {

// One position to decode: a probe on the scatter, or the interpolation slider at t along `path`.
struct ProbeRequest {
    RequestTag tag = 0;
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
    // Each answers with one signal carrying `tag`: the result, or failed().
    void describeSample(latentlab::ui::RequestTag tag, qint64 index);
    void sampleGrid(latentlab::ui::RequestTag tag, const latentlab::ui::GridRequest& request);
    void interpolate(latentlab::ui::RequestTag tag, const latentlab::ui::InterpolationRequest& request);
    void traverse(latentlab::ui::RequestTag tag, qint64 index, double lo, double hi, int steps);
    // Hierarchical VAE: the selected sample's top code kept, the bottom layer drawn afresh `count` times.
    void resampleBottom(latentlab::ui::RequestTag tag, qint64 index, int count, quint64 seed);
    // The attribute vector between two sets, their separation along it, and the selected sample's strip.
    void attributeStrip(latentlab::ui::RequestTag tag, const latentlab::ui::AttributeRequest& request);
    // The newest slider position waiting, then the next newest, until the mailbox is empty.
    void drainAttributes(const std::shared_ptr<latentlab::ui::AttributeMailbox>& mailbox);
    // The k samples nearest to sample `index` among the latents of the current space.
    void neighbours(latentlab::ui::RequestTag tag, qint64 index, int k, latentlab::NeighbourMetric metric);

Q_SIGNALS:
    void probeDecoded(const latentlab::ui::ProbeImage& image);
    void sampleDescribed(const latentlab::ui::SampleDetail& detail);
    void imagesReady(const latentlab::ui::ImageSet& images);
    void attributeReady(const latentlab::ui::AttributeReport& report);
    void attributeDecoded(const latentlab::ui::AttributeFrame& frame);
    void neighboursFound(const latentlab::ui::NeighbourList& neighbours);
    // message: core's sentence.
    void failed(latentlab::ui::DecodeJob job, latentlab::ui::RequestTag tag, const QString& message);

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::GridRequest)
Q_DECLARE_METATYPE(latentlab::ui::InterpolationRequest)
