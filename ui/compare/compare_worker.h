#pragma once
// Lives on the models tab's thread: evaluates one model file for the table (core's summarizeModel), compares
// 2 to 4 of them (core's compareModels, turned into images and point lists) and writes the comparison report
// (the page `latentlab-cli compare` writes). Each model is opened from its file here, so the table and the
// comparison never touch a model another thread trains.
#include "ui/common/dataset_ptr.h"
#include "ui/common/request_tag.h"
#include "ui/compare/compare_reports.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace latentlab {
class AnalysisControl;
}

namespace latentlab::ui {

class CompareWorker : public QObject {
    Q_OBJECT
public:
    explicit CompareWorker(QObject* parent = nullptr);

    void summarize(latentlab::ui::RequestTag tag, const QString& path, const QString& name,
                   latentlab::ui::DatasetPtr data, const QString& cacheKey);
    void compare(latentlab::ui::RequestTag tag, const QStringList& paths, const QStringList& names,
                 latentlab::ui::DatasetPtr data, qint64 from, qint64 to,
                 std::shared_ptr<latentlab::AnalysisControl> control);
    // The report for these models, written to htmlPath; the curves show `term`.
    void exportReport(latentlab::ui::RequestTag tag, const QStringList& paths, const QStringList& names,
                      latentlab::ui::DatasetPtr data, const QString& htmlPath, const QString& term,
                      std::shared_ptr<latentlab::AnalysisControl> control);

Q_SIGNALS:
    void summarized(const latentlab::ui::SummaryAnswer& answer);
    void compared(const latentlab::ui::ComparisonResult& result);
    void exported(latentlab::ui::RequestTag tag, const QString& path);
    void progress(latentlab::ui::RequestTag tag, double fraction, const QString& what);
    // An empty message: cancelled.
    void failed(latentlab::ui::RequestTag tag, const QString& message);
};

} // namespace latentlab::ui
