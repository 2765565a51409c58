#pragma once
// Lives on the duplicates view's thread: finds exact and near duplicates and the test samples that leak into
// training (core/analysis/duplicates.h) with a model snapshot, cancellable with progress. (The gallery's
// thumbnails are the dataset's own pixels: the view draws them itself.)
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/common/request_tag.h"
#include "ui/duplicates/duplicates_reports.h"

#include <QObject>

#include <memory>

namespace latentlab {
class AnalysisControl;
struct DuplicateReport;
}

namespace latentlab::ui {

class DuplicatesWorker : public QObject {
    Q_OBJECT
public:
    explicit DuplicatesWorker(QObject* parent = nullptr);
    ~DuplicatesWorker() override;

    void scan(latentlab::ui::ModelPtr model, latentlab::ui::DatasetPtr data,
              const latentlab::ui::DuplicateRequest& request, latentlab::ui::RequestTag tag,
              std::shared_ptr<latentlab::AnalysisControl> control);
    // The last scan's groups in core's groups CSV (as `latentlab-cli duplicates` writes it), at the path chosen.
    void exportGroups(const QString& path, latentlab::ui::RequestTag tag);

Q_SIGNALS:
    void progress(latentlab::ui::RequestTag tag, double fraction, const QString& what);
    void scanned(const latentlab::ui::DuplicateResult& result);
    // An empty message: cancelled.
    void failed(latentlab::ui::RequestTag tag, const QString& message);
    // error empty: written; done says what.
    void exported(latentlab::ui::RequestTag tag, const QString& done, const QString& error);

private:
    DatasetPtr data_;
    std::unique_ptr<DuplicateReport> report_; // the last scan's
};

} // namespace latentlab::ui
