#pragma once
// Runs the labels view's work on its own WorkerThread: scoring (a new request cancels the one running) and
// rendering gallery pages. Answers of replaced requests are dropped here, so the view sees only the newest
// scores and page. While a model trains, scoring takes one thread. Destroying it cancels and joins.
#include "ui/common/cancellable_job.h"
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/common/request_tag.h"
#include "ui/common/worker_thread.h"
#include "ui/labels/labels_reports.h"
#include "ui/labels/labels_worker.h"

#include <QObject>

#include <memory>

namespace latentlab::ui {

class LabelsController : public QObject {
    Q_OBJECT
public:
    explicit LabelsController(QObject* parent = nullptr);
    ~LabelsController() override;

    void setData(DatasetPtr data);
    void setModel(ModelPtr model);
    bool hasModel() const { return model_ != nullptr; }
    // The model's kind as core names it ("cvae", "vae", ...), empty without a model: which methods fit.
    QString modelKind() const;
    void setTrainingActive(bool active) { trainingActive_ = active; }
    // Answered by scored(), failed() or (cancelled) scoringChanged(false) alone.
    RequestTag score(const LabelRequest& request);
    void cancel();
    bool isScoring() const { return scoring_; }
    // Answered by pageReady(tag, ...) unless a newer page was asked for first.
    RequestTag requestPage(const QVector<LabelSuspectRow>& rows);
    // Answered by exported().
    RequestTag exportSuspects(const QString& path, const std::vector<LabelSuspectRow>& suspects,
                              const std::vector<LabelDecisionRecord>& decisions);
    RequestTag exportRelabelled(const QString& path, const std::map<qint64, int>& relabels);

Q_SIGNALS:
    void progress(double fraction, const QString& what);
    void scored(const latentlab::ui::LabelScores& scores);
    void failed(const QString& message);
    void scoringChanged(bool scoring);
    void pageReady(latentlab::ui::RequestTag tag, const QVector<latentlab::ui::LabelItem>& items);
    void exported(latentlab::ui::RequestTag tag, const QString& done, const QString& error);

private:
    void setScoring(bool scoring);

    CancellableJob job_;
    DatasetPtr data_;
    ModelPtr model_;
    RequestTags pages_, exports_;
    bool scoring_ = false;
    bool trainingActive_ = false;
    // Last, so it is destroyed first: its cancel hook stops scoring through job_ before the thread joins.
    WorkerThread<LabelsWorker> thread_;
};

} // namespace latentlab::ui
