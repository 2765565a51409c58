#pragma once
// Loads datasets off the GUI thread, on a WorkerThread running a LoadWorker; load() queues a request and
// returns at once, and the answer comes back as a queued signal on the GUI thread.
// Only the newest request is answered: a result for a path the user has since replaced is dropped, so
// dropping two folders in a row never ends with the first one on screen.
#include "ui/common/dataset_ptr.h"
#include "ui/common/request_tag.h"
#include "ui/common/worker_thread.h"
#include "ui/dataset/load_worker.h"

#include <QObject>
#include <QString>

namespace latentlab::ui {

class DatasetLoader : public QObject {
    Q_OBJECT
public:
    explicit DatasetLoader(QObject* parent = nullptr);
    // Waits for a load in progress to finish (a file read cannot be interrupted), then stops the thread.
    ~DatasetLoader() override;

    void load(const QString& path);
    bool isBusy() const { return pending_ > 0; }
    // The path of the newest request, while it is pending.
    QString pendingPath() const { return isBusy() ? latestPath_ : QString(); }

Q_SIGNALS:
    void started(const QString& path);
    void loaded(const QString& path, latentlab::ui::DatasetPtr dataset);
    void failed(const QString& path, const QString& message);
    void busyChanged(bool busy);

private:
    void finishRequest();

    WorkerThread<LoadWorker> thread_;
    RequestTags requests_;
    QString latestPath_;
    int pending_ = 0;
};

} // namespace latentlab::ui
