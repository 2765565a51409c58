#include "ui/explorer/selection_exporter.h"

#include "core/analysis/analysis_control.h"
#include "core/data/selection_export.h"

#include <exception>

namespace latentlab::ui {

void SelectionExportWorker::run(RequestTag tag, DatasetPtr data, std::vector<int> indices, QString folder,
                                std::shared_ptr<AnalysisControl> control)
{
    try {
        const std::vector<std::int64_t> rows(indices.begin(), indices.end());
        const SelectionExport result = exportSelection(*data, rows, folder.toStdString(), control.get());
        Q_EMIT finished(tag, QString::fromStdString(result.csvPath), result.rows, result.images);
    } catch (const AnalysisCancelled&) {
        Q_EMIT stopped(tag);
    } catch (const std::exception& e) {
        Q_EMIT failed(tag, QString::fromStdString(e.what()));
    }
}

SelectionExporter::SelectionExporter(QObject* parent) : QObject(parent), thread_(QStringLiteral("Selection export"))
{
    qRegisterMetaType<RequestTag>("latentlab::ui::RequestTag");
    thread_.setCancel([this] {
        if (control_)
            control_->cancel();
    });
    SelectionExportWorker* worker = thread_.worker();
    connect(worker, &SelectionExportWorker::progress, this, [this](RequestTag tag, double f) {
        if (tags_.isCurrent(tag))
            Q_EMIT progress(f);
    });
    connect(worker, &SelectionExportWorker::finished, this,
            [this](RequestTag tag, const QString& csv, qint64 rows, qint64 images) {
                if (!tags_.isCurrent(tag))
                    return;
                done();
                Q_EMIT finished(csv, rows, images);
            });
    connect(worker, &SelectionExportWorker::failed, this, [this](RequestTag tag, const QString& message) {
        if (!tags_.isCurrent(tag))
            return;
        done();
        Q_EMIT failed(message);
    });
    connect(worker, &SelectionExportWorker::stopped, this, [this](RequestTag tag) {
        if (!tags_.isCurrent(tag))
            return;
        done();
        Q_EMIT stopped();
    });
}

SelectionExporter::~SelectionExporter() = default;

bool SelectionExporter::start(DatasetPtr data, std::vector<int> indices, const QString& folder)
{
    if (running_ || !data)
        return false;
    running_ = true;
    const RequestTag tag = tags_.next();
    SelectionExportWorker* worker = thread_.worker();
    // The callback runs on the export thread; the worker's queued signal carries it here.
    control_ = std::make_shared<AnalysisControl>(
        [worker, tag](double fraction, const std::string&) { Q_EMIT worker->progress(tag, fraction); });
    thread_.post([tag, data = std::move(data), indices = std::move(indices), folder,
                  control = control_](SelectionExportWorker& w) mutable {
        w.run(tag, std::move(data), std::move(indices), folder, control);
    });
    return true;
}

void SelectionExporter::stop()
{
    if (control_)
        control_->cancel();
}

void SelectionExporter::done()
{
    running_ = false;
    control_.reset();
}

} // namespace latentlab::ui
