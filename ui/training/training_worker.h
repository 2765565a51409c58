#pragma once
// Lives on the training controller's WorkerThread and runs core's Trainer there. Every call arrives as a queued
// invocation; every answer leaves as a queued signal with plain values. Exceptions stop here and leave as a
// message: nothing is thrown across threads. No torch header here (the job is only forward-declared).
#include "ui/common/model_ptr.h"
#include "ui/training/training_reports.h"

#include <QObject>
#include <QString>

#include <memory>

namespace latentlab::ui {

struct TrainingJob;

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~TrainingWorker() override;

    // A new model (job->model empty: built from job->modelConfig) or more epochs for the current one.
    void run(std::shared_ptr<latentlab::ui::TrainingJob> job);
    // Saves the job's model, optimizer state, progress and data fingerprint in one checkpoint file.
    // asCopy: a copy the window keeps of an unsaved model (answered by copyKept, the model stays unsaved).
    void save(std::shared_ptr<latentlab::ui::TrainingJob> job, const QString& path, bool asCopy = false);
    // Loads a checkpoint into the job; when job->source fits it, also the trainer, so it can train more.
    void open(std::shared_ptr<latentlab::ui::TrainingJob> job, const QString& path);

Q_SIGNALS:
    void started(qint64 totalEpochs);
    void stepsReady(const latentlab::ui::StepBatch& batch);
    void progressed(const latentlab::ui::TrainingProgressInfo& info);
    void epochDone(const latentlab::ui::EpochInfo& info);
    // The run is waiting at a batch boundary after `step` steps (every step before it already reported).
    void paused(qint64 step);
    void previewReady(const latentlab::ui::ReconstructionPreview& preview);
    // message: one sentence saying how the run ended.
    void finished(latentlab::TrainingStatus status, const QString& message, qint64 epoch, qint64 step);
    void failed(const QString& message);
    void opened(const latentlab::ui::OpenedModelInfo& info);
    void openFailed(const QString& path, const QString& message);
    void saved(const QString& path);
    void saveFailed(const QString& path, const QString& message);
    void copyKept(const QString& path);
    // A frozen copy of the model for the explorer: after every run and open, at step 0 of a new run and every
    // job->snapshotEvery steps while training (taken between two steps, on this thread, the only one that
    // writes the weights).
    void snapshotReady(latentlab::ui::ModelPtr model, qint64 step, bool training);
};

} // namespace latentlab::ui
