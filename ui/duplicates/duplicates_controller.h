#pragma once
// Runs the duplicates view's scans on their own WorkerThread: a new scan cancels the one running, answers of
// replaced scans are dropped, and while a model trains a scan takes one thread. Destroying it cancels and joins.
#include "ui/common/cancellable_job.h"
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/common/worker_thread.h"
#include "ui/duplicates/duplicates_reports.h"
#include "ui/duplicates/duplicates_worker.h"

#include <QObject>

namespace latentlab::ui {

class DuplicatesController : public QObject {
    Q_OBJECT
public:
    explicit DuplicatesController(QObject* parent = nullptr);
    ~DuplicatesController() override;

    void setData(DatasetPtr data);
    void setModel(ModelPtr model);
    bool hasModel() const { return model_ != nullptr; }
    void setTrainingActive(bool active) { trainingActive_ = active; }
    // Answered by scanned(), failed() or (cancelled) scanningChanged(false) alone.
    RequestTag scan(const DuplicateRequest& request);
    bool isScanning() const { return scanning_; }
    // Answered by exported().
    void exportGroups(const QString& path);

Q_SIGNALS:
    void progress(double fraction, const QString& what);
    void scanned(const latentlab::ui::DuplicateResult& result);
    void failed(const QString& message);
    void scanningChanged(bool scanning);
    void exported(const QString& done, const QString& error);

private:
    void setScanning(bool scanning);

    CancellableJob job_;
    DatasetPtr data_;
    ModelPtr model_;
    bool scanning_ = false;
    bool trainingActive_ = false;
    // Last, so it is destroyed first: its cancel hook stops the scan through job_ before the thread joins.
    WorkerThread<DuplicatesWorker> thread_;
};

} // namespace latentlab::ui
