#pragma once
// Runs the models tab's work on its own WorkerThread: evaluations for the table one after another (each model
// once per file version and dataset: answers are cached), and one comparison or report at a time (a new one
// cancels the one running). While a model trains the work takes one thread. Destroying it cancels and joins.
#include "ui/common/cancellable_job.h"
#include "ui/common/dataset_ptr.h"
#include "ui/common/worker_thread.h"
#include "ui/compare/compare_reports.h"
#include "ui/compare/compare_worker.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace latentlab::ui {

class CompareController : public QObject {
    Q_OBJECT
public:
    explicit CompareController(QObject* parent = nullptr);
    ~CompareController() override;

    // The data every model is evaluated and compared on; answers for other data are dropped.
    void setData(DatasetPtr data, const QString& path);
    bool hasData() const { return data_ != nullptr; }
    void setTrainingActive(bool active) { trainingActive_ = active; }
    // Answered by summarized() or evaluationFailed() for that path; at once from the cache when the file has
    // not changed since it was evaluated on this data.
    void evaluate(const QString& path, const QString& name);
    // 2 to 4 model files; answered by compared(), failed() or (cancelled) comparingChanged(false) alone. from,
    // to: the interpolation's ends (dataset indices), -1 for two held-out samples of different classes.
    void compare(const QStringList& paths, const QStringList& names, qint64 from = -1, qint64 to = -1);
    // The comparison page for these models at htmlPath; answered by exported() or failed().
    void exportReport(const QStringList& paths, const QStringList& names, const QString& htmlPath, const QString& term);
    bool isComparing() const { return comparing_; }
    // The key the cache files an evaluation under: the file's path, size and time, and the data's path.
    QString cacheKey(const QString& path) const;

Q_SIGNALS:
    void summarized(const QString& path, const latentlab::ModelSummary& summary);
    void evaluationFailed(const QString& path, const QString& message);
    void compared(const latentlab::ui::ComparisonResult& result);
    void exported(const QString& path);
    void progress(double fraction, const QString& what);
    void failed(const QString& message);
    void comparingChanged(bool comparing);

private:
    void setComparing(bool comparing);

    DatasetPtr data_;
    QString dataPath_;
    RequestTags dataTags_;              // one per dataset: evaluations of an older one are dropped
    QHash<QString, ModelSummary> cache_;
    QSet<QString> inFlight_;            // cache keys being evaluated
    CancellableJob job_;
    bool comparing_ = false;
    bool trainingActive_ = false;
    // Last, so it is destroyed first: its cancel hook stops a comparison through job_ before the thread joins.
    WorkerThread<CompareWorker> thread_;
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ModelSummary)
