#include "ui/explorer/explorer_controller.h"

#include "core/analysis/analysis_control.h"

#include <algorithm>

namespace latentlab::ui {

ExplorerController::ExplorerController(QObject* parent)
    : QObject(parent),
      mailbox_(std::make_shared<ProbeMailbox>()),
      attributeMailbox_(std::make_shared<AttributeMailbox>()),
      projection_(QStringLiteral("Explorer projection")),
      decode_(QStringLiteral("Explorer decode"))
{
    qRegisterMetaType<ProjectionSettings>();
    qRegisterMetaType<ProjectionFrame>();
    qRegisterMetaType<ProbeImage>();
    qRegisterMetaType<SampleDetail>();
    qRegisterMetaType<ImageSet>();
    qRegisterMetaType<DecodeJob>();
    qRegisterMetaType<AttributeReport>();
    qRegisterMetaType<AttributeFrame>();
    qRegisterMetaType<NeighbourList>();
    qRegisterMetaType<RequestTag>("latentlab::ui::RequestTag");
    qRegisterMetaType<SpacePtr>();
    qRegisterMetaType<ModelPtr>();
    // One thread is plenty for single latents, and leaves the other cores to the projection and training.
    decode_.setTorchThreads(1);
    projection_.setCancel([this] {
        if (control_)
            control_->cancel();
    });

    ProjectionWorker* projector = projection_.worker();
    connect(projector, &ProjectionWorker::progress, this, [this](RequestTag tag, double f, const QString& what) {
        if (projections_.isCurrent(tag))
            Q_EMIT projectionProgress(f, what);
    });
    connect(projector, &ProjectionWorker::frameReady, this, [this](const ProjectionFrame& frame, SpacePtr space) {
        if (!projections_.isCurrent(frame.tag))
            return;
        // Before any probe sent after this frame: the decoder maps positions through this layout.
        decode_.post([space](DecodeWorker& decoder) { decoder.setSpace(space); });
        Q_EMIT frameReady(frame);
        if (frame.final)
            setProjecting(false);
    });
    connect(projector, &ProjectionWorker::failed, this, [this](RequestTag tag, const QString& message) {
        if (!projections_.isCurrent(tag))
            return;
        setProjecting(false);
        Q_EMIT projectionFailed(message);
    });
    connect(projector, &ProjectionWorker::cancelled, this, [this](RequestTag tag) {
        if (!projections_.isCurrent(tag))
            return;
        setProjecting(false);
        Q_EMIT projectionCancelled();
    });
    connect(projector, &ProjectionWorker::layoutImported, this, [this](RequestTag tag, const QString& path) {
        if (imports_.isCurrent(tag))
            Q_EMIT layoutImported(tag, path);
    });
    connect(projector, &ProjectionWorker::layoutImportFailed, this,
            [this](RequestTag tag, const QString& path, const QString& message) {
                if (imports_.isCurrent(tag))
                    Q_EMIT layoutImportFailed(tag, path, message);
            });
    connect(projector, &ProjectionWorker::projectorExported, this, &ExplorerController::projectorExported);
    connect(projector, &ProjectionWorker::projectorExportFailed, this, &ExplorerController::projectorExportFailed);
    connect(projector, &ProjectionWorker::modelExported, this, &ExplorerController::modelExported);
    connect(projector, &ProjectionWorker::modelExportFailed, this, &ExplorerController::modelExportFailed);
    connect(projector, &ProjectionWorker::modelOpened, this, &ExplorerController::modelOpened);
    connect(projector, &ProjectionWorker::openFailed, this, &ExplorerController::openFailed);

    DecodeWorker* decoder = decode_.worker();
    connect(decoder, &DecodeWorker::probeDecoded, this, [this](const ProbeImage& image) {
        if (tagsOf(DecodeJob::Probe).isFresh(image.tag))
            Q_EMIT probeDecoded(image);
    });
    connect(decoder, &DecodeWorker::sampleDescribed, this, [this](const SampleDetail& detail) {
        if (tagsOf(DecodeJob::Sample).isCurrent(detail.tag))
            Q_EMIT sampleDescribed(detail);
    });
    connect(decoder, &DecodeWorker::imagesReady, this, [this](const ImageSet& images) {
        if (tagsOf(images.job).isCurrent(images.tag))
            Q_EMIT imagesReady(images);
    });
    connect(decoder, &DecodeWorker::attributeReady, this, [this](const AttributeReport& report) {
        if (tagsOf(DecodeJob::AttributeStrip).isCurrent(report.tag))
            Q_EMIT attributeReady(report);
    });
    connect(decoder, &DecodeWorker::attributeDecoded, this, [this](const AttributeFrame& frame) {
        if (tagsOf(DecodeJob::Attribute).isFresh(frame.tag))
            Q_EMIT attributeDecoded(frame);
    });
    connect(decoder, &DecodeWorker::neighboursFound, this, [this](const NeighbourList& found) {
        if (tagsOf(DecodeJob::Neighbours).isCurrent(found.tag))
            Q_EMIT neighboursFound(found);
    });
    connect(decoder, &DecodeWorker::failed, this, [this](DecodeJob job, RequestTag tag, const QString& message) {
        RequestTags& tags = tagsOf(job);
        const bool latestWins = job == DecodeJob::Probe || job == DecodeJob::Attribute;
        if (latestWins ? tags.isFresh(tag) : tags.isCurrent(tag))
            Q_EMIT decodeFailed(job, tag, message);
    });
}

ExplorerController::~ExplorerController() = default;

RequestTags& ExplorerController::tagsOf(DecodeJob job)
{
    return decodeTags_[static_cast<int>(job)];
}

void ExplorerController::invalidateDecodes()
{
    for (RequestTags& tags : decodeTags_)
        tags.invalidate();
}

void ExplorerController::setData(DatasetPtr data)
{
    data_ = std::move(data);
    model_.reset();
    invalidateDecodes();
    decode_.post([d = data_](DecodeWorker& decoder) { decoder.setModel(nullptr, d); });
    if (control_)
        control_->cancel();
    projections_.invalidate(); // late frames of the old data are dropped
    imports_.invalidate();     // a layout checked against the old data does not fit the new
    setProjecting(false);
}

void ExplorerController::setModel(ModelPtr model, qint64 step, bool training)
{
    model_ = std::move(model);
    modelStep_ = step;
    modelTraining_ = training;
    if (!model_ || !data_)
        return;
    invalidateDecodes();
    decode_.post([m = model_, d = data_](DecodeWorker& decoder) { decoder.setModel(m, d); });
    startProjection();
}

void ExplorerController::openModelFile(const QString& path)
{
    projection_.post([path, data = data_](ProjectionWorker& projector) { projector.openModel(path, data); });
}

void ExplorerController::setProjection(const ProjectionSettings& settings)
{
    settings_ = settings;
    if (model_ && data_)
        startProjection();
}

void ExplorerController::startProjection()
{
    if (control_)
        control_->cancel();
    const RequestTag tag = projections_.next();
    ProjectionWorker* projector = projection_.worker();
    // The callback runs on the projection thread; the worker's signal carries it to this one.
    control_ = std::make_shared<AnalysisControl>([projector, tag](double fraction, const std::string& what) {
        Q_EMIT projector->progress(tag, fraction, QString::fromStdString(what));
    });
    // While the model trains, one thread: OpenMP pools that share cores slow each other many times over.
    projection_.setTorchThreads(modelTraining_ || trainingActive_ ? 1 : 0);
    setProjecting(true);
    Q_EMIT projectionStarted();
    projection_.post([model = model_, data = data_, settings = settings_, tag, step = modelStep_,
                      control = control_](ProjectionWorker& worker) {
        worker.run(model, data, settings, tag, step, control);
    });
}

RequestTag ExplorerController::importLayout(const QString& path)
{
    const RequestTag tag = imports_.next();
    // A new layout was asked for: the one running gives way, as it would to any other choice.
    stopProjection();
    projection_.post([tag, path, data = data_](ProjectionWorker& projector) { projector.importLayout(tag, path, data); });
    return tag;
}

RequestTag ExplorerController::exportForProjector(const QString& directory, const std::vector<float>& scores,
                                                  ModelPtr model)
{
    const RequestTag tag = exports_.next();
    projection_.post([tag, directory, scores, model = model ? model : model_, data = data_](ProjectionWorker& projector) {
        projector.exportForProjector(tag, model, data, directory, scores);
    });
    return tag;
}

RequestTag ExplorerController::exportModel(const QString& directory, const ModelExportChoice& choice)
{
    const RequestTag tag = exports_.next();
    projection_.post([tag, directory, choice, model = model_, data = data_](ProjectionWorker& projector) {
        projector.exportModel(tag, model, data, directory, choice);
    });
    return tag;
}

void ExplorerController::stopProjection()
{
    if (control_)
        control_->cancel();
}

void ExplorerController::setProjecting(bool projecting)
{
    if (projecting_ == projecting)
        return;
    projecting_ = projecting;
    Q_EMIT projectingChanged(projecting);
}

RequestTag ExplorerController::postProbe(ProbeRequest request)
{
    request.tag = tagsOf(DecodeJob::Probe).next();
    if (mailbox_->put(request)) // else the worker is already due to take it
        decode_.post([mailbox = mailbox_](DecodeWorker& decoder) { decoder.drainProbes(mailbox); });
    return request.tag;
}

RequestTag ExplorerController::probe(QPointF position)
{
    ProbeRequest r;
    r.position = position;
    return postProbe(r);
}

RequestTag ExplorerController::probeInterpolation(const InterpolationRequest& path, double t)
{
    ProbeRequest r;
    r.t = std::clamp(t, 0.0, 1.0);
    r.path = path;
    return postProbe(r);
}

RequestTag ExplorerController::describeSample(qint64 index)
{
    const RequestTag tag = tagsOf(DecodeJob::Sample).next();
    decode_.post([tag, index](DecodeWorker& decoder) { decoder.describeSample(tag, index); });
    return tag;
}

RequestTag ExplorerController::sampleGrid(const GridRequest& request)
{
    const RequestTag tag = tagsOf(DecodeJob::Grid).next();
    decode_.post([tag, request](DecodeWorker& decoder) { decoder.sampleGrid(tag, request); });
    return tag;
}

RequestTag ExplorerController::interpolate(const InterpolationRequest& request)
{
    const RequestTag tag = tagsOf(DecodeJob::Interpolation).next();
    decode_.post([tag, request](DecodeWorker& decoder) { decoder.interpolate(tag, request); });
    return tag;
}

RequestTag ExplorerController::traverse(qint64 index, double lo, double hi, int steps)
{
    const RequestTag tag = tagsOf(DecodeJob::Traversal).next();
    decode_.post([=](DecodeWorker& decoder) { decoder.traverse(tag, index, lo, hi, steps); });
    return tag;
}

RequestTag ExplorerController::resampleBottom(qint64 index, int count, quint64 seed)
{
    const RequestTag tag = tagsOf(DecodeJob::Bottom).next();
    decode_.post([=](DecodeWorker& decoder) { decoder.resampleBottom(tag, index, count, seed); });
    return tag;
}

RequestTag ExplorerController::attributeStrip(const AttributeRequest& request)
{
    const RequestTag tag = tagsOf(DecodeJob::AttributeStrip).next();
    decode_.post([tag, request](DecodeWorker& decoder) { decoder.attributeStrip(tag, request); });
    return tag;
}

RequestTag ExplorerController::probeAttribute(const AttributeRequest& request, double amount)
{
    AttributeProbe probe;
    probe.tag = tagsOf(DecodeJob::Attribute).next();
    probe.request = request;
    probe.amount = amount;
    const RequestTag tag = probe.tag;
    if (attributeMailbox_->put(std::move(probe))) // else the worker is already due to take it
        decode_.post([mailbox = attributeMailbox_](DecodeWorker& decoder) { decoder.drainAttributes(mailbox); });
    return tag;
}

RequestTag ExplorerController::neighbours(qint64 index, int k, NeighbourMetric metric)
{
    const RequestTag tag = tagsOf(DecodeJob::Neighbours).next();
    decode_.post([=](DecodeWorker& decoder) { decoder.neighbours(tag, index, k, metric); });
    return tag;
}

} // namespace latentlab::ui
