#pragma once
// Runs the anomaly view's work on its own thread: scoring every sample (a new request cancels the one
// running) and rendering gallery pages. Destroying it cancels and joins.
#include "anomaly/anomaly_reports.h"
#include "dataset_ptr.h"
#include "model_ptr.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace latentlab {
class AnalysisControl;
}

namespace latentlab::ui {

class AnomalyWorker;

class AnomalyController : public QObject {
    Q_OBJECT
public:
    explicit AnomalyController(QObject* parent = nullptr);
    ~AnomalyController() override;

    void setData(DatasetPtr data);
    void setModel(ModelPtr model);
    bool hasModel() const { return model_ != nullptr; }
    // Scores every sample; answered by scored() or failed().
    void score(const AnomalyRequest& request);
    bool isScoring() const { return scoring_; }
    // Answered by pageReady(pageId, ...).
    qint64 requestPage(const QVector<qint64>& indices, const QVector<double>& scores);
    // Tables only: answered by rowReady.
    void requestRow(qint64 index);

Q_SIGNALS:
    void progress(double fraction, const QString& what);
    void scored(const latentlab::ui::AnomalyScores& scores);
    void failed(const QString& message);
    void scoringChanged(bool scoring);
    void pageReady(qint64 pageId, const QVector<latentlab::ui::AnomalyItem>& items);
    void rowReady(const latentlab::ui::RowDetail& row);

private:
    void setScoring(bool scoring);

    QThread thread_;
    AnomalyWorker* worker_ = nullptr;
    std::shared_ptr<AnalysisControl> control_;
    DatasetPtr data_;
    ModelPtr model_;
    qint64 generation_ = 0;
    qint64 pageId_ = 0;
    bool scoring_ = false;
};

} // namespace latentlab::ui
