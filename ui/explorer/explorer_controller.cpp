#include "explorer/explorer_controller.h"

#include "analysis/analysis_control.h"
#include "explorer/decode_worker.h"
#include "explorer/projection_worker.h"

#include <algorithm>

namespace latentlab::ui {

ExplorerController::ExplorerController(QObject* parent)
    : QObject(parent), mailbox_(std::make_shared<ProbeMailbox>())
{
    qRegisterMetaType<ProjectionSettings>();
    qRegisterMetaType<ProjectionFrame>();
    qRegisterMetaType<ProbeImage>();
    qRegisterMetaType<SampleDetail>();
    qRegisterMetaType<ImageSet>();
    qRegisterMetaType<SpacePtr>();
    qRegisterMetaType<ModelPtr>();

    projectionThread_.setObjectName(QStringLiteral("Explorer projection"));
    decodeThread_.setObjectName(QStringLiteral("Explorer decode"));
    projector_ = new ProjectionWorker; // no parents: each lives on its thread and is deleted there
    decoder_ = new DecodeWorker;
    projector_->moveToThread(&projectionThread_);
    decoder_->moveToThread(&decodeThread_);
    connect(&projectionThread_, &QThread::finished, projector_, &QObject::deleteLater);
    connect(&decodeThread_, &QThread::finished, decoder_, &QObject::deleteLater);

    connect(projector_, &ProjectionWorker::progress, this, [this](qint64 generation, double f, const QString& what) {
        if (generation == generation_)
            Q_EMIT projectionProgress(f, what);
    });
    connect(projector_, &ProjectionWorker::frameReady, this,
            [this](const ProjectionFrame& frame, SpacePtr space) {
                if (frame.generation != generation_)
                    return;
                // Before any probe sent after this frame: the decoder maps positions through this layout.
                DecodeWorker* decoder = decoder_;
                QMetaObject::invokeMethod(decoder_, [decoder, space] { decoder->setSpace(space); },
                                          Qt::QueuedConnection);
                Q_EMIT frameReady(frame);
                if (frame.final)
                    setProjecting(false);
            });
    connect(projector_, &ProjectionWorker::failed, this, [this](qint64 generation, const QString& message) {
        if (generation != generation_)
            return;
        setProjecting(false);
        if (!message.isEmpty())
            Q_EMIT projectionFailed(message);
    });
    connect(projector_, &ProjectionWorker::modelOpened, this, &ExplorerController::modelOpened);
    connect(projector_, &ProjectionWorker::openFailed, this, &ExplorerController::openFailed);
    connect(decoder_, &DecodeWorker::probeDecoded, this, &ExplorerController::probeDecoded);
    connect(decoder_, &DecodeWorker::sampleDescribed, this, &ExplorerController::sampleDescribed);
    connect(decoder_, &DecodeWorker::imagesReady, this, &ExplorerController::imagesReady);
    connect(decoder_, &DecodeWorker::failed, this, &ExplorerController::decodeFailed);
    projectionThread_.start();
    decodeThread_.start();
}

ExplorerController::~ExplorerController()
{
    if (control_)
        control_->cancel();
    projectionThread_.quit();
    decodeThread_.quit();
    projectionThread_.wait();
    decodeThread_.wait();
}

void ExplorerController::setData(DatasetPtr data)
{
    data_ = std::move(data);
    model_.reset();
    DecodeWorker* decoder = decoder_;
    DatasetPtr d = data_;
    QMetaObject::invokeMethod(decoder_, [decoder, d] { decoder->setModel(nullptr, d); }, Qt::QueuedConnection);
    if (control_)
        control_->cancel();
    ++generation_; // late frames of the old data are dropped
    setProjecting(false);
}

void ExplorerController::setModel(ModelPtr model, qint64 step, bool training)
{
    model_ = std::move(model);
    modelStep_ = step;
    modelTraining_ = training;
    if (!model_ || !data_)
        return;
    DecodeWorker* decoder = decoder_;
    ModelPtr m = model_;
    DatasetPtr d = data_;
    QMetaObject::invokeMethod(decoder_, [decoder, m, d] { decoder->setModel(m, d); }, Qt::QueuedConnection);
    startProjection();
}

void ExplorerController::openModelFile(const QString& path)
{
    ProjectionWorker* projector = projector_;
    DatasetPtr data = data_;
    QMetaObject::invokeMethod(projector_, [projector, path, data] { projector->openModel(path, data); },
                              Qt::QueuedConnection);
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
    const qint64 generation = ++generation_;
    ProjectionWorker* projector = projector_;
    // The callback runs on the projection thread; the worker's signal carries it to this one.
    control_ = std::make_shared<AnalysisControl>([projector, generation](double fraction, const std::string& what) {
        Q_EMIT projector->progress(generation, fraction, QString::fromStdString(what));
    });
    auto control = control_;
    ModelPtr model = model_;
    DatasetPtr data = data_;
    const ProjectionSettings settings = settings_;
    const qint64 step = modelStep_;
    const int threads = modelTraining_ ? 1 : std::max(1, QThread::idealThreadCount());
    setProjecting(true);
    Q_EMIT projectionStarted();
    QMetaObject::invokeMethod(
        projector_, [=] { projector->run(model, data, settings, generation, step, threads, control); }, Qt::QueuedConnection);
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

void ExplorerController::postProbe(const ProbeRequest& request)
{
    if (!mailbox_->put(request))
        return; // the worker is already due to take it
    DecodeWorker* decoder = decoder_;
    auto mailbox = mailbox_;
    QMetaObject::invokeMethod(decoder_, [decoder, mailbox] { decoder->drainProbes(mailbox); }, Qt::QueuedConnection);
}

void ExplorerController::probe(QPointF position)
{
    ProbeRequest r;
    r.id = ++probeId_;
    r.position = position;
    postProbe(r);
}

void ExplorerController::probeInterpolation(const InterpolationRequest& path, double t)
{
    ProbeRequest r;
    r.id = ++probeId_;
    r.t = std::clamp(t, 0.0, 1.0);
    r.path = path;
    postProbe(r);
}

void ExplorerController::describeSample(qint64 index)
{
    DecodeWorker* decoder = decoder_;
    QMetaObject::invokeMethod(decoder_, [decoder, index] { decoder->describeSample(index); }, Qt::QueuedConnection);
}

void ExplorerController::sampleGrid(const GridRequest& request)
{
    DecodeWorker* decoder = decoder_;
    QMetaObject::invokeMethod(decoder_, [decoder, request] { decoder->sampleGrid(request); }, Qt::QueuedConnection);
}

void ExplorerController::interpolate(const InterpolationRequest& request)
{
    DecodeWorker* decoder = decoder_;
    QMetaObject::invokeMethod(decoder_, [decoder, request] { decoder->interpolate(request); }, Qt::QueuedConnection);
}

void ExplorerController::traverse(qint64 index, double lo, double hi, int steps)
{
    DecodeWorker* decoder = decoder_;
    QMetaObject::invokeMethod(
        decoder_, [=] { decoder->traverse(index, lo, hi, steps); }, Qt::QueuedConnection);
}

void ExplorerController::resampleBottom(qint64 index, int count, quint64 seed)
{
    DecodeWorker* decoder = decoder_;
    QMetaObject::invokeMethod(
        decoder_, [=] { decoder->resampleBottom(index, count, seed); }, Qt::QueuedConnection);
}

} // namespace latentlab::ui
