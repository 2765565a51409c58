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
}

namespace latentlab::ui {

class DuplicatesWorker : public QObject {
    Q_OBJECT
public:
    explicit DuplicatesWorker(QObject* parent = nullptr);

    void scan(latentlab::ui::ModelPtr model, latentlab::ui::DatasetPtr data,
              const latentlab::ui::DuplicateRequest& request, latentlab::ui::RequestTag tag,
              std::shared_ptr<latentlab::AnalysisControl> control);

Q_SIGNALS:
    void progress(latentlab::ui::RequestTag tag, double fraction, const QString& what);
    void scanned(const latentlab::ui::DuplicateResult& result);
    // An empty message: cancelled.
    void failed(latentlab::ui::RequestTag tag, const QString& message);
};

} // namespace latentlab::ui
