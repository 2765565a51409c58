#pragma once
// Runs the anomaly view's work on its own WorkerThread: scoring every sample (a new request cancels the one
// running) and rendering gallery pages and table rows. Answers of replaced requests are dropped here, so the
// view sees only the newest scores, page and row. While a model trains, scoring takes one thread (two OpenMP
// pools on the same cores slow each other many times over). Destroying it cancels and joins.
#include "ui/anomaly/anomaly_reports.h"
#include "ui/anomaly/anomaly_worker.h"
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/common/request_tag.h"
#include "ui/common/worker_thread.h"

#include <QObject>

#include <memory>

namespace latentlab {
class AnalysisControl;
}

namespace latentlab::ui {

class AnomalyController : public QObject {
    Q_OBJECT
public:
    explicit AnomalyController(QObject* parent = nullptr);
    ~AnomalyController() override;

    void setData(DatasetPtr data);
    void setModel(ModelPtr model);
    bool hasModel() const { return model_ != nullptr; }
    // A model trains on another thread: scoring started from now on takes one thread.
    void setTrainingActive(bool active) { trainingActive_ = active; }
    // Scores every sample; answered by scored(), failed() or (stopped) scoringChanged(false) alone.
    RequestTag score(const AnomalyRequest& request);
    bool isScoring() const { return scoring_; }
    // Answered by pageReady(tag, ...) unless a newer page was asked for first.
    RequestTag requestPage(const QVector<qint64>& indices, const QVector<double>& scores);
    // Tables only: answered by rowReady.
    RequestTag requestRow(qint64 index);

Q_SIGNALS:
    void progress(double fraction, const QString& what);
    void scored(const latentlab::ui::AnomalyScores& scores);
    void failed(const QString& message);
    void scoringChanged(bool scoring);
    void pageReady(latentlab::ui::RequestTag tag, const QVector<latentlab::ui::AnomalyItem>& items);
    void rowReady(const latentlab::ui::RowDetail& row);

private:
    void setScoring(bool scoring);

    std::shared_ptr<AnalysisControl> control_;
    DatasetPtr data_;
    ModelPtr model_;
    RequestTags scores_, pages_, rows_;
    bool scoring_ = false;
    bool trainingActive_ = false;
    // Last, so it is destroyed first: its cancel hook stops scoring through control_ before the thread joins.
    WorkerThread<AnomalyWorker> thread_;
};

} // namespace latentlab::ui
