#pragma once
// Trains one model at a time off the GUI thread, on a WorkerThread running a TrainingWorker; commands go in
// as posted calls, progress comes out as queued signals. Pause,
// resume, stop, learning rate and beta go straight to the run's TrainingControl (atomics), so they act at the
// next batch even while the worker's thread is busy inside a step. Destroying the controller stops a run at
// its next batch and joins the thread: closing the window mid-run leaves no thread behind.
#include "core/models/model_config.h"
#include "core/training/training_config.h"
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/common/worker_thread.h"
#include "ui/training/training_reports.h"
#include "ui/training/training_worker.h"

#include <QObject>
#include <QString>

#include <memory>

namespace latentlab {
class TrainingControl;
}

namespace latentlab::ui {

struct TrainingJob;

class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Training, Paused };
    Q_ENUM(State)

    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    // Starts a new model on a copy of `data` (the current model, if any, is dropped: ask the user first).
    // Configs are checked here, so a bad value is refused at once (returns the reason; empty when started).
    QString train(const ModelConfig& model, const TrainingConfig& training, DatasetPtr data, const QString& dataPath);
    // Continues the current model up to `totalEpochs` epochs (counted from its first).
    QString trainMore(qint64 totalEpochs);
    void pause();
    void resume();
    void stop();
    // Take effect at the next step of a run (and stay for later runs of this model).
    void setLearningRate(double lr);
    void setBeta(double beta);
    // While a run goes, a model snapshot every `steps` steps (0: only when a run ends), so the explorer can
    // follow the latent space as it forms. Takes effect at once, also mid-run.
    void setSnapshotEvery(qint64 steps);
    qint64 snapshotEvery() const { return snapshotEvery_; }
    // Opens a checkpoint on the worker (replacing the current model: ask the user first); answered by
    // opened() or openFailed(). With `data` that fits it, the model can train more.
    QString open(const QString& path, DatasetPtr data, const QString& dataPath);
    // Saved on the worker thread; answered by saved() or saveFailed(). Refused while a run is going.
    QString save(const QString& path);
    // A copy of the current model kept at `path` (the window's own folder) while the user has not saved it, so
    // the models table can list and compare it; answered by copyKept(). The model stays unsaved.
    void keepCopy(const QString& path);

    State state() const { return state_; }
    bool isRunning() const { return state_ != State::Idle; }
    bool hasModel() const { return hasModel_; }
    // The current model can train more epochs (false for a checkpoint opened without fitting data).
    bool canTrainMore() const { return hasModel_ && canTrain_; }
    // A model trained since it was last saved.
    bool isModified() const { return modified_; }
    qint64 epochsDone() const { return epochsDone_; }
    const ModelConfig& modelConfig() const;
    const TrainingConfig& trainingConfig() const;

Q_SIGNALS:
    void stateChanged(latentlab::ui::TrainingController::State state);
    void started(qint64 totalEpochs);
    void stepsReady(const latentlab::ui::StepBatch& batch);
    void progressed(const latentlab::ui::TrainingProgressInfo& info);
    void epochDone(const latentlab::ui::EpochInfo& info);
    // A pause took effect: the run waits after `step` steps, all of them already sent by stepsReady().
    void pausedAt(qint64 step);
    void previewReady(const latentlab::ui::ReconstructionPreview& preview);
    // The message says how the run ended and where.
    void finished(latentlab::TrainingStatus status, const QString& message);
    // Something core refused (a model that does not fit the data, say): the run did not happen.
    void failed(const QString& message);
    void opened(const latentlab::ui::OpenedModelInfo& info);
    void openFailed(const QString& path, const QString& message);
    void saved(const QString& path);
    void saveFailed(const QString& path, const QString& message);
    void copyKept(const QString& path);
    // A frozen copy of the current model: after each run and open, and during runs as setSnapshotEvery asks.
    // training: taken mid-run (more will follow).
    void modelSnapshot(latentlab::ui::ModelPtr model, qint64 step, bool training);

private:
    QString startRun();
    void setState(State state);
    void onFinished(latentlab::TrainingStatus status, const QString& message, qint64 epoch, qint64 step);
    void onFailed(const QString& message);

    std::shared_ptr<TrainingJob> job_;
    std::shared_ptr<TrainingControl> control_;
    State state_ = State::Idle;
    bool hasModel_ = false;
    bool modified_ = false;
    bool saving_ = false; // a save or an open is in flight on the worker
    bool canTrain_ = false;
    qint64 epochsDone_ = 0;
    qint64 snapshotEvery_ = 0;
    // Last, so it is destroyed first: its cancel hook stops a run through control_ before the thread joins.
    WorkerThread<TrainingWorker> thread_;
};

} // namespace latentlab::ui
