#pragma once
// Lives on the labels view's thread: scores every sample of a part of the data for a wrong label with a model
// snapshot (cancellable, with progress) and renders gallery pages (the sample; for a conditional VAE its
// reconstruction under the given and the suggested label).
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/common/request_tag.h"
#include "ui/labels/label_decisions.h"
#include "ui/labels/labels_reports.h"

#include <QObject>

#include <memory>

namespace latentlab {
class AnalysisControl;
class LatentModel;
}

namespace latentlab::ui {

class LabelsWorker : public QObject {
    Q_OBJECT
public:
    explicit LabelsWorker(QObject* parent = nullptr);
    ~LabelsWorker() override;

    void score(latentlab::ui::ModelPtr model, latentlab::ui::DatasetPtr data,
               const latentlab::ui::LabelRequest& request, latentlab::ui::RequestTag tag,
               std::shared_ptr<latentlab::AnalysisControl> control);
    // The items of these suspects, in this order (from the last score()).
    void page(const QVector<latentlab::ui::LabelSuspectRow>& rows, latentlab::ui::RequestTag tag);
    // core's suspects CSV (with the decisions) and relabelled labels file, each at the path the person chose.
    void exportSuspects(const QString& path, const std::vector<latentlab::ui::LabelSuspectRow>& suspects,
                        const std::vector<latentlab::ui::LabelDecisionRecord>& decisions, latentlab::ui::RequestTag tag);
    void exportRelabelled(const QString& path, const std::map<qint64, int>& relabels, latentlab::ui::RequestTag tag);

Q_SIGNALS:
    void progress(latentlab::ui::RequestTag tag, double fraction, const QString& what);
    void scored(const latentlab::ui::LabelScores& scores);
    // An empty message: cancelled.
    void failed(latentlab::ui::RequestTag tag, const QString& message);
    void pageReady(latentlab::ui::RequestTag tag, const QVector<latentlab::ui::LabelItem>& items);
    // error empty: written; done says what.
    void exported(latentlab::ui::RequestTag tag, const QString& done, const QString& error);

private:
    std::shared_ptr<LatentModel> model_; // this thread's own copy
    DatasetPtr data_;
};

} // namespace latentlab::ui
