#include "ui/anomaly/anomaly_controller.h"

#include "core/analysis/analysis_control.h"

namespace latentlab::ui {

AnomalyController::AnomalyController(QObject* parent) : QObject(parent), thread_(QStringLiteral("Anomaly scores"))
{
    qRegisterMetaType<AnomalyRequest>();
    qRegisterMetaType<AnomalyScores>();
    qRegisterMetaType<AnomalyItem>();
    qRegisterMetaType<RowDetail>();
    qRegisterMetaType<QVector<AnomalyItem>>();
    qRegisterMetaType<RequestTag>("latentlab::ui::RequestTag");
    thread_.setCancel([this] {
        if (control_)
            control_->cancel();
    });
    AnomalyWorker* worker = thread_.worker();
    connect(worker, &AnomalyWorker::progress, this, [this](RequestTag tag, double f, const QString& what) {
        if (scores_.isCurrent(tag))
            Q_EMIT progress(f, what);
    });
    connect(worker, &AnomalyWorker::scored, this, [this](const AnomalyScores& scores) {
        if (!scores_.isCurrent(scores.tag))
            return;
        setScoring(false);
        Q_EMIT scored(scores);
    });
    connect(worker, &AnomalyWorker::failed, this, [this](RequestTag tag, const QString& message) {
        if (!scores_.isCurrent(tag))
            return;
        setScoring(false);
        if (!message.isEmpty())
            Q_EMIT failed(message);
    });
    connect(worker, &AnomalyWorker::pageReady, this, [this](RequestTag tag, const QVector<AnomalyItem>& items) {
        if (pages_.isCurrent(tag))
            Q_EMIT pageReady(tag, items);
    });
    connect(worker, &AnomalyWorker::rowReady, this, [this](RequestTag tag, const RowDetail& row) {
        if (rows_.isCurrent(tag))
            Q_EMIT rowReady(row);
    });
}

AnomalyController::~AnomalyController() = default;

void AnomalyController::setData(DatasetPtr data)
{
    data_ = std::move(data);
    model_.reset();
    if (control_)
        control_->cancel();
    scores_.invalidate();
    pages_.invalidate();
    rows_.invalidate();
    setScoring(false);
}

void AnomalyController::setModel(ModelPtr model)
{
    model_ = std::move(model);
}

RequestTag AnomalyController::score(const AnomalyRequest& request)
{
    if (!model_ || !data_)
        return 0;
    if (control_)
        control_->cancel();
    const RequestTag tag = scores_.next();
    AnomalyWorker* worker = thread_.worker();
    control_ = std::make_shared<AnalysisControl>([worker, tag](double fraction, const std::string& what) {
        Q_EMIT worker->progress(tag, fraction, QString::fromStdString(what));
    });
    thread_.setTorchThreads(trainingActive_ ? 1 : 0);
    setScoring(true);
    thread_.post([model = model_, data = data_, request, tag, control = control_](AnomalyWorker& w) {
        w.score(model, data, request, tag, control);
    });
    return tag;
}

RequestTag AnomalyController::requestPage(const QVector<qint64>& indices, const QVector<double>& scores)
{
    const RequestTag tag = pages_.next();
    thread_.post([indices, scores, tag](AnomalyWorker& w) { w.page(indices, scores, tag); });
    return tag;
}

RequestTag AnomalyController::requestRow(qint64 index)
{
    const RequestTag tag = rows_.next();
    thread_.post([tag, index](AnomalyWorker& w) { w.row(tag, index); });
    return tag;
}

void AnomalyController::setScoring(bool scoring)
{
    if (scoring_ == scoring)
        return;
    scoring_ = scoring;
    Q_EMIT scoringChanged(scoring);
}

} // namespace latentlab::ui
