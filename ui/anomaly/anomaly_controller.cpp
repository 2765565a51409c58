#include "anomaly/anomaly_controller.h"

#include "analysis/analysis_control.h"
#include "anomaly/anomaly_worker.h"

namespace latentlab::ui {

AnomalyController::AnomalyController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<AnomalyRequest>();
    qRegisterMetaType<AnomalyScores>();
    qRegisterMetaType<AnomalyItem>();
    qRegisterMetaType<RowDetail>();
    qRegisterMetaType<QVector<AnomalyItem>>();
    thread_.setObjectName(QStringLiteral("Anomaly scores"));
    worker_ = new AnomalyWorker; // lives on thread_, deleted there
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &AnomalyWorker::progress, this, [this](qint64 generation, double f, const QString& what) {
        if (generation == generation_)
            Q_EMIT progress(f, what);
    });
    connect(worker_, &AnomalyWorker::scored, this, [this](const AnomalyScores& scores) {
        if (scores.generation != generation_)
            return;
        setScoring(false);
        Q_EMIT scored(scores);
    });
    connect(worker_, &AnomalyWorker::failed, this, [this](qint64 generation, const QString& message) {
        if (generation != generation_)
            return;
        setScoring(false);
        if (!message.isEmpty())
            Q_EMIT failed(message);
    });
    connect(worker_, &AnomalyWorker::pageReady, this, &AnomalyController::pageReady);
    connect(worker_, &AnomalyWorker::rowReady, this, &AnomalyController::rowReady);
    thread_.start();
}

AnomalyController::~AnomalyController()
{
    if (control_)
        control_->cancel();
    thread_.quit();
    thread_.wait();
}

void AnomalyController::setData(DatasetPtr data)
{
    data_ = std::move(data);
    model_.reset();
    if (control_)
        control_->cancel();
    ++generation_;
    setScoring(false);
}

void AnomalyController::setModel(ModelPtr model)
{
    model_ = std::move(model);
}

void AnomalyController::score(const AnomalyRequest& request)
{
    if (!model_ || !data_)
        return;
    if (control_)
        control_->cancel();
    const qint64 generation = ++generation_;
    AnomalyWorker* worker = worker_;
    control_ = std::make_shared<AnalysisControl>([worker, generation](double fraction, const std::string& what) {
        Q_EMIT worker->progress(generation, fraction, QString::fromStdString(what));
    });
    auto control = control_;
    ModelPtr model = model_;
    DatasetPtr data = data_;
    setScoring(true);
    QMetaObject::invokeMethod(
        worker_, [=] { worker->score(model, data, request, generation, control); }, Qt::QueuedConnection);
}

qint64 AnomalyController::requestPage(const QVector<qint64>& indices, const QVector<double>& scores)
{
    const qint64 id = ++pageId_;
    AnomalyWorker* worker = worker_;
    QMetaObject::invokeMethod(worker_, [=] { worker->page(indices, scores, id); }, Qt::QueuedConnection);
    return id;
}

void AnomalyController::requestRow(qint64 index)
{
    AnomalyWorker* worker = worker_;
    QMetaObject::invokeMethod(worker_, [worker, index] { worker->row(index); }, Qt::QueuedConnection);
}

void AnomalyController::setScoring(bool scoring)
{
    if (scoring_ == scoring)
        return;
    scoring_ = scoring;
    Q_EMIT scoringChanged(scoring);
}

} // namespace latentlab::ui
