#pragma once
// Writes a selection out (core's exportSelection: selection.csv and a PNG per image) on a thread of its own:
// 70,000 PNGs take a while, and the window stays usable meanwhile. One export at a time; it reports progress,
// can be stopped between two images, and every start is answered by exactly one of finished, failed or
// stopped. Destroying the exporter stops a running export and joins its thread.
#include "ui/common/dataset_ptr.h"
#include "ui/common/request_tag.h"
#include "ui/common/worker_thread.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace latentlab {
class AnalysisControl;
}

namespace latentlab::ui {

// Lives on the export thread.
class SelectionExportWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    void run(latentlab::ui::RequestTag tag, latentlab::ui::DatasetPtr data, std::vector<int> indices, QString folder,
             std::shared_ptr<latentlab::AnalysisControl> control);

Q_SIGNALS:
    void progress(latentlab::ui::RequestTag tag, double fraction);
    void finished(latentlab::ui::RequestTag tag, const QString& csvPath, qint64 rows, qint64 images);
    void failed(latentlab::ui::RequestTag tag, const QString& message);
    void stopped(latentlab::ui::RequestTag tag);
};

class SelectionExporter : public QObject {
    Q_OBJECT
public:
    explicit SelectionExporter(QObject* parent = nullptr);
    ~SelectionExporter() override;

    // False, and nothing starts, while another export runs.
    bool start(DatasetPtr data, std::vector<int> indices, const QString& folder);
    void stop();
    bool isRunning() const { return running_; }

Q_SIGNALS:
    void progress(double fraction);
    // csvPath: the CSV written; images: the PNGs beside it.
    void finished(const QString& csvPath, qint64 rows, qint64 images);
    void failed(const QString& message);
    void stopped();

private:
    void done();

    RequestTags tags_;
    bool running_ = false;
    std::shared_ptr<AnalysisControl> control_;
    WorkerThread<SelectionExportWorker> thread_; // last: destroyed (stopped and joined) first
};

} // namespace latentlab::ui
