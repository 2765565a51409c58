#include "ui/training/training_controller.h"

#include "ui/training/training_job.h"

#include <algorithm>


namespace latentlab::ui {

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), thread_(QStringLiteral("Training"), WorkerThreadBase::Grad::On)
{
    qRegisterMetaType<TrainingStatus>();
    qRegisterMetaType<StepBatch>();
    qRegisterMetaType<TrainingProgressInfo>();
    qRegisterMetaType<EpochInfo>();
    qRegisterMetaType<ReconstructionPreview>();
    qRegisterMetaType<OpenedModelInfo>();
    qRegisterMetaType<ModelPtr>();
    TrainingWorker* worker_ = thread_.worker();
    // Queued (the worker lives on thread_): every handler runs here, on the GUI thread.
    connect(worker_, &TrainingWorker::started, this, &TrainingController::started);
    connect(worker_, &TrainingWorker::stepsReady, this, &TrainingController::stepsReady);
    connect(worker_, &TrainingWorker::progressed, this, &TrainingController::progressed);
    connect(worker_, &TrainingWorker::paused, this, &TrainingController::pausedAt);
    connect(worker_, &TrainingWorker::epochDone, this, [this](const EpochInfo& info) {
        epochsDone_ = info.epoch;
        Q_EMIT epochDone(info);
    });
    connect(worker_, &TrainingWorker::previewReady, this, &TrainingController::previewReady);
    connect(worker_, &TrainingWorker::snapshotReady, this, &TrainingController::modelSnapshot);
    connect(worker_, &TrainingWorker::finished, this, &TrainingController::onFinished);
    connect(worker_, &TrainingWorker::failed, this, &TrainingController::onFailed);
    connect(worker_, &TrainingWorker::saved, this, [this](const QString& path) {
        saving_ = false;
        modified_ = false;
        Q_EMIT saved(path);
    });
    connect(worker_, &TrainingWorker::opened, this, [this](const OpenedModelInfo& info) {
        saving_ = false;
        hasModel_ = true;
        canTrain_ = info.canTrain;
        modified_ = false;
        epochsDone_ = info.epochsDone;
        Q_EMIT opened(info);
    });
    connect(worker_, &TrainingWorker::openFailed, this, [this](const QString& path, const QString& message) {
        saving_ = false;
        Q_EMIT openFailed(path, message);
    });
    connect(worker_, &TrainingWorker::copyKept, this, &TrainingController::copyKept);
    connect(worker_, &TrainingWorker::saveFailed, this, [this](const QString& path, const QString& message) {
        saving_ = false;
        Q_EMIT saveFailed(path, message);
    });
    // Closing the window mid-run: the run stops at its next batch (a paused one wakes), then the thread joins.
    thread_.setCancel([this] {
        if (control_)
            control_->requestStop();
    });
}

TrainingController::~TrainingController() = default;

QString TrainingController::train(const ModelConfig& model, const TrainingConfig& training, DatasetPtr data,
                                   const QString& dataPath)
{
    if (isRunning() || saving_)
        return tr("A model is still training; stop it first.");
    if (!data)
        return tr("Open a dataset first.");
    try {
        model.validate();
        training.validate();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    auto job = std::make_shared<TrainingJob>();
    job->modelConfig = model;
    job->training = training;
    job->source = std::move(data);
    job->dataPath = dataPath.toStdString();
    job_ = std::move(job);
    hasModel_ = false;
    modified_ = false;
    epochsDone_ = 0;
    return startRun();
}

QString TrainingController::open(const QString& path, DatasetPtr data, const QString& dataPath)
{
    if (isRunning() || saving_)
        return tr("A model is still training; stop it first.");
    auto job = std::make_shared<TrainingJob>();
    job->source = std::move(data);
    job->dataPath = dataPath.toStdString();
    job_ = job;
    hasModel_ = false;
    canTrain_ = false;
    modified_ = false;
    epochsDone_ = 0;
    saving_ = true;
    thread_.post([job, path](TrainingWorker& worker) { worker.open(job, path); });
    return {};
}

void TrainingController::setSnapshotEvery(qint64 steps)
{
    snapshotEvery_ = std::max<qint64>(0, steps);
    if (job_)
        job_->snapshotEvery = snapshotEvery_;
}

QString TrainingController::trainMore(qint64 totalEpochs)
{
    if (isRunning() || saving_)
        return tr("A model is still training; stop it first.");
    if (!job_ || !hasModel_)
        return tr("There is no model to continue; start a new one.");
    if (!canTrain_)
        return tr("This model cannot train on the open data; open the data it was trained on.");
    if (totalEpochs <= epochsDone_)
        return tr("The model has already trained %1 epochs; ask for more than that.").arg(epochsDone_);
    job_->training.epochs = totalEpochs;
    return startRun();
}

QString TrainingController::startRun()
{
    control_ = std::make_shared<TrainingControl>();
    job_->control = control_;
    job_->snapshotEvery = snapshotEvery_;
    setState(State::Training);
    std::shared_ptr<TrainingJob> job = job_;
    thread_.post([job](TrainingWorker& worker) { worker.run(job); });
    return {};
}

void TrainingController::pause()
{
    if (state_ != State::Training || !control_)
        return;
    control_->pause();
    setState(State::Paused);
}

void TrainingController::resume()
{
    if (state_ != State::Paused || !control_)
        return;
    control_->resume();
    setState(State::Training);
}

void TrainingController::stop()
{
    if (isRunning() && control_)
        control_->requestStop();
}

void TrainingController::setLearningRate(double lr)
{
    if (isRunning() && control_)
        control_->setLearningRate(lr);
}

void TrainingController::setBeta(double beta)
{
    if (isRunning() && control_)
        control_->setBeta(beta);
}

QString TrainingController::save(const QString& path)
{
    if (isRunning())
        return tr("Stop or finish training before saving.");
    if (!hasModel_)
        return tr("There is no trained model to save yet.");
    if (saving_)
        return tr("A save is already in progress.");
    saving_ = true;
    std::shared_ptr<TrainingJob> job = job_;
    thread_.post([job, path](TrainingWorker& worker) { worker.save(job, path); });
    return {};
}

void TrainingController::keepCopy(const QString& path)
{
    if (isRunning() || !hasModel_)
        return;
    std::shared_ptr<TrainingJob> job = job_;
    thread_.post([job, path](TrainingWorker& worker) { worker.save(job, path, true); });
}

const ModelConfig& TrainingController::modelConfig() const
{
    static const ModelConfig none;
    return job_ ? job_->modelConfig : none;
}

const TrainingConfig& TrainingController::trainingConfig() const
{
    static const TrainingConfig none;
    return job_ ? job_->training : none;
}

void TrainingController::setState(State state)
{
    if (state_ == state)
        return;
    state_ = state;
    Q_EMIT stateChanged(state);
}

void TrainingController::onFinished(TrainingStatus status, const QString& message, qint64 epoch, qint64)
{
    hasModel_ = true;
    canTrain_ = true;
    modified_ = true;
    epochsDone_ = epoch;
    setState(State::Idle);
    Q_EMIT finished(status, message);
}

void TrainingController::onFailed(const QString& message)
{
    setState(State::Idle);
    Q_EMIT failed(message);
}

} // namespace latentlab::ui
