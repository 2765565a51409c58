#pragma once
// Lives on the anomaly view's thread: scores every sample with a model snapshot (cancellable, with
// progress) and renders gallery pages (input, reconstruction, error heat map) for the samples asked.
#include "anomaly/anomaly_reports.h"
#include "dataset_ptr.h"
#include "model_ptr.h"

#include <QObject>

#include <memory>

namespace latentlab {
class AnalysisControl;
}

namespace latentlab::ui {

class AnomalyWorker : public QObject {
    Q_OBJECT
public:
    explicit AnomalyWorker(QObject* parent = nullptr);
    ~AnomalyWorker() override;

    void score(latentlab::ui::ModelPtr model, latentlab::ui::DatasetPtr data,
               const latentlab::ui::AnomalyRequest& request, qint64 generation,
               std::shared_ptr<latentlab::AnalysisControl> control);
    // The items of these samples, in this order, with the scores given (from the last score()).
    void page(const QVector<qint64>& indices, const QVector<double>& scores, qint64 pageId);

    // A table row and its reconstruction in original units (answered by rowReady).
    void row(qint64 index);

Q_SIGNALS:
    void rowReady(const latentlab::ui::RowDetail& row);
    void progress(qint64 generation, double fraction, const QString& what);
    void scored(const latentlab::ui::AnomalyScores& scores);
    // An empty message: cancelled.
    void failed(qint64 generation, const QString& message);
    void pageReady(qint64 pageId, const QVector<latentlab::ui::AnomalyItem>& items);

private:
    std::shared_ptr<LatentModel> model_; // this thread's own copy
    DatasetPtr data_;
};

} // namespace latentlab::ui
