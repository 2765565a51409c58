#include "ui/labels/labels_controller.h"

#include "core/models/model_config.h"

namespace latentlab::ui {

LabelsController::LabelsController(QObject* parent) : QObject(parent), thread_(QStringLiteral("Label scores"))
{
    qRegisterMetaType<LabelRequest>();
    qRegisterMetaType<LabelScores>();
    qRegisterMetaType<LabelItem>();
    qRegisterMetaType<QVector<LabelItem>>();
    qRegisterMetaType<QVector<LabelSuspectRow>>();
    qRegisterMetaType<RequestTag>("latentlab::ui::RequestTag");
    thread_.setCancel([this] { job_.cancelRunning(); });
    LabelsWorker* worker = thread_.worker();
    connect(worker, &LabelsWorker::progress, this, [this](RequestTag tag, double f, const QString& what) {
        if (job_.isCurrent(tag))
            Q_EMIT progress(f, what);
    });
    connect(worker, &LabelsWorker::scored, this, [this](const LabelScores& scores) {
        if (!job_.isCurrent(scores.tag))
            return;
        setScoring(false);
        Q_EMIT scored(scores);
    });
    connect(worker, &LabelsWorker::failed, this, [this](RequestTag tag, const QString& message) {
        if (!job_.isCurrent(tag))
            return;
        setScoring(false);
        if (!message.isEmpty())
            Q_EMIT failed(message);
    });
    connect(worker, &LabelsWorker::exported, this, &LabelsController::exported);
    connect(worker, &LabelsWorker::pageReady, this, [this](RequestTag tag, const QVector<LabelItem>& items) {
        if (pages_.isCurrent(tag))
            Q_EMIT pageReady(tag, items);
    });
}

LabelsController::~LabelsController() = default;

void LabelsController::setData(DatasetPtr data)
{
    data_ = std::move(data);
    model_.reset();
    cancel();
    pages_.invalidate();
}

void LabelsController::setModel(ModelPtr model)
{
    model_ = std::move(model);
}

QString LabelsController::modelKind() const
{
    return model_ ? QString::fromStdString(toString(configOf(model_).kind)) : QString();
}

RequestTag LabelsController::score(const LabelRequest& request)
{
    if (!model_ || !data_)
        return 0;
    const auto [tag, control] = job_.start(thread_.worker());
    thread_.setTorchThreads(trainingActive_ ? 1 : 0);
    setScoring(true);
    thread_.post([model = model_, data = data_, request, tag = tag, control = control](LabelsWorker& w) {
        w.score(model, data, request, tag, control);
    });
    return tag;
}

void LabelsController::cancel()
{
    job_.drop();
    setScoring(false);
}

RequestTag LabelsController::requestPage(const QVector<LabelSuspectRow>& rows)
{
    const RequestTag tag = pages_.next();
    thread_.post([rows, tag](LabelsWorker& w) { w.page(rows, tag); });
    return tag;
}

RequestTag LabelsController::exportSuspects(const QString& path, const std::vector<LabelSuspectRow>& suspects,
                                           const std::vector<LabelDecisionRecord>& decisions)
{
    const RequestTag tag = exports_.next();
    thread_.post([path, suspects, decisions, tag](LabelsWorker& w) { w.exportSuspects(path, suspects, decisions, tag); });
    return tag;
}

RequestTag LabelsController::exportRelabelled(const QString& path, const std::map<qint64, int>& relabels)
{
    const RequestTag tag = exports_.next();
    thread_.post([path, relabels, tag](LabelsWorker& w) { w.exportRelabelled(path, relabels, tag); });
    return tag;
}

void LabelsController::setScoring(bool scoring)
{
    if (scoring_ == scoring)
        return;
    scoring_ = scoring;
    Q_EMIT scoringChanged(scoring);
}

} // namespace latentlab::ui
