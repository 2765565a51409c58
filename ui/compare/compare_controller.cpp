#include "ui/compare/compare_controller.h"

#include <QFileInfo>

namespace latentlab::ui {

CompareController::CompareController(QObject* parent) : QObject(parent), thread_(QStringLiteral("Compare"))
{
    qRegisterMetaType<SummaryAnswer>();
    qRegisterMetaType<ComparisonResult>();
    qRegisterMetaType<ModelSummary>();
    qRegisterMetaType<RequestTag>("latentlab::ui::RequestTag");
    thread_.setCancel([this] { job_.cancelRunning(); });
    CompareWorker* worker = thread_.worker();
    connect(worker, &CompareWorker::summarized, this, [this](const SummaryAnswer& a) {
        inFlight_.remove(a.cacheKey);
        if (!dataTags_.isFresh(a.tag))
            return;
        if (!a.error.isEmpty()) {
            Q_EMIT evaluationFailed(a.path, a.error);
            return;
        }
        cache_.insert(a.cacheKey, a.summary);
        Q_EMIT summarized(a.path, a.summary);
    });
    connect(worker, &CompareWorker::progress, this, [this](RequestTag tag, double f, const QString& what) {
        if (job_.isCurrent(tag))
            Q_EMIT progress(f, what);
    });
    connect(worker, &CompareWorker::compared, this, [this](const ComparisonResult& r) {
        if (!job_.isCurrent(r.tag))
            return;
        setComparing(false);
        Q_EMIT compared(r);
    });
    connect(worker, &CompareWorker::exported, this, [this](RequestTag tag, const QString& path) {
        if (!job_.isCurrent(tag))
            return;
        setComparing(false);
        Q_EMIT exported(path);
    });
    connect(worker, &CompareWorker::failed, this, [this](RequestTag tag, const QString& message) {
        if (!job_.isCurrent(tag))
            return;
        setComparing(false);
        if (!message.isEmpty())
            Q_EMIT failed(message);
    });
}

CompareController::~CompareController() = default;

void CompareController::setData(DatasetPtr data, const QString& path)
{
    data_ = std::move(data);
    dataPath_ = path;
    dataTags_.invalidate();
    inFlight_.clear();
    job_.drop();
    setComparing(false);
}

QString CompareController::cacheKey(const QString& path) const
{
    const QFileInfo info(path);
    return info.absoluteFilePath() + QLatin1Char('|') + QString::number(info.size()) + QLatin1Char('|')
           + QString::number(info.lastModified().toMSecsSinceEpoch()) + QLatin1Char('|') + dataPath_;
}

void CompareController::evaluate(const QString& path, const QString& name)
{
    if (!data_)
        return;
    const QString key = cacheKey(path);
    if (const auto hit = cache_.constFind(key); hit != cache_.constEnd()) {
        ModelSummary s = *hit;
        s.name = name.toStdString();
        Q_EMIT summarized(path, s);
        return;
    }
    if (inFlight_.contains(key))
        return;
    inFlight_.insert(key);
    const RequestTag tag = dataTags_.next();
    thread_.setTorchThreads(trainingActive_ ? 1 : 0);
    thread_.post([tag, path, name, data = data_, key](CompareWorker& w) { w.summarize(tag, path, name, data, key); });
}

void CompareController::compare(const QStringList& paths, const QStringList& names, qint64 from, qint64 to)
{
    if (!data_ || paths.size() < 2 || paths.size() > 4)
        return;
    const auto [tag, control] = job_.start(thread_.worker());
    thread_.setTorchThreads(trainingActive_ ? 1 : 0);
    setComparing(true);
    thread_.post([tag = tag, control = control, paths, names, data = data_, from, to](CompareWorker& w) {
        w.compare(tag, paths, names, data, from, to, control);
    });
}

void CompareController::exportReport(const QStringList& paths, const QStringList& names, const QString& htmlPath,
                                     const QString& term)
{
    if (!data_ || paths.size() < 2 || paths.size() > 4)
        return;
    const auto [tag, control] = job_.start(thread_.worker());
    thread_.setTorchThreads(trainingActive_ ? 1 : 0);
    setComparing(true);
    thread_.post([tag = tag, control = control, paths, names, data = data_, htmlPath, term](CompareWorker& w) {
        w.exportReport(tag, paths, names, data, htmlPath, term, control);
    });
}

void CompareController::setComparing(bool comparing)
{
    if (comparing_ == comparing)
        return;
    comparing_ = comparing;
    Q_EMIT comparingChanged(comparing);
}

} // namespace latentlab::ui
