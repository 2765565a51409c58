#pragma once
// Lives on the anomaly view's thread: scores every sample with a model snapshot (cancellable, with
// progress) and renders gallery pages (input, reconstruction, error heat map) for the samples asked.
#include "ui/anomaly/anomaly_reports.h"
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/common/request_tag.h"

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
               const latentlab::ui::AnomalyRequest& request, latentlab::ui::RequestTag tag,
               std::shared_ptr<latentlab::AnalysisControl> control);
    // The items of these samples, in this order, with the scores given (from the last score()).
    void page(const QVector<qint64>& indices, const QVector<double>& scores, latentlab::ui::RequestTag tag);

    // A table row and its reconstruction in original units (answered by rowReady).
    void row(latentlab::ui::RequestTag tag, qint64 index);

Q_SIGNALS:
    void rowReady(latentlab::ui::RequestTag tag, const latentlab::ui::RowDetail& row);
    void progress(latentlab::ui::RequestTag tag, double fraction, const QString& what);
    void scored(const latentlab::ui::AnomalyScores& scores);
    // An empty message: cancelled.
    void failed(latentlab::ui::RequestTag tag, const QString& message);
    void pageReady(latentlab::ui::RequestTag tag, const QVector<latentlab::ui::AnomalyItem>& items);

private:
    std::shared_ptr<LatentModel> model_; // this thread's own copy
    DatasetPtr data_;
};

} // namespace latentlab::ui
