#pragma once
// The "Training" tab: the model form on the left with Train / Pause / Stop / Save; on the right the live loss
// plot, the KL of each latent dimension and fixed validation inputs beside their current reconstructions;
// a progress line with epoch, step, samples/s and ETA. The run itself belongs to a TrainingController.
#include "core/models/model_config.h"
#include "core/training/training_config.h"
#include "ui/common/dataset_ptr.h"
#include "ui/training/training_reports.h"

#include <QElapsedTimer>
#include <QVector>
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QTimer;

namespace latentlab::ui {

class KlChart;
class LossChart;
class ModelForm;
class TrainingController;

class TrainingView : public QWidget {
    Q_OBJECT
public:
    explicit TrainingView(QWidget* parent = nullptr);
    ~TrainingView() override;

    void setDataset(const DatasetPtr& data, const QString& path);
    // Asks before dropping a trained, unsaved model; tests replace the dialog.
    void setConfirmDiscard(std::function<bool()> confirm) { confirmDiscard_ = std::move(confirm); }

    TrainingController* controller() const { return controller_; }
    ModelForm* form() const { return form_; }
    LossChart* lossChart() const { return loss_; }
    KlChart* klChart() const { return kl_; }
    QLabel* previewLabel() const { return preview_; }
    QPushButton* trainButton() const { return train_; }
    QPushButton* moreButton() const { return more_; }
    QPushButton* pauseButton() const { return pause_; }
    QPushButton* stopButton() const { return stop_; }
    QPushButton* saveButton() const { return save_; }
    QString progressText() const;
    // The checkpoint that holds the current model as it is now (saved or opened, not trained since); "" if none.
    QString modelPath() const;

    void startTraining();
    void trainMore();
    void saveModelAs(const QString& path);
    // Opens a checkpoint: its loss history, KL and settings show; it trains more if the open data fits it.
    void openModel(const QString& path);
    // File > Save Model: asks where, then saves.
    void chooseSavePath();

    // Whether the KL chart and the reconstructions are on screen: not before anything fills them, so that the
    // loss chart has the whole height.
    bool showsRunPanels() const;

protected:
    void showEvent(QShowEvent* event) override;

Q_SIGNALS:
    // A short line for the window's status bar.
    void statusMessage(const QString& text);

private:
    void updateButtons();
    void fitFormWidth();
    void restoreLastConfigs();
    void rememberConfigs(const ModelConfig& model, const TrainingConfig& training);
    void onSteps(const StepBatch& batch);
    void onProgress(const TrainingProgressInfo& info);
    void onEpoch(const EpochInfo& info);
    void onPreview(const ReconstructionPreview& preview);
    void onFinished(latentlab::TrainingStatus status, const QString& message);
    void onOpened(const OpenedModelInfo& info);
    void showMessage(bool error, const QString& title, const QString& text);
    // What the KL panel says before a run has values, for the family in the form (or of the run).
    void updateKlPlaceholder(ModelKind kind);

    TrainingController* controller_;
    ModelForm* form_;
    LossChart* loss_;
    KlChart* kl_;
    // Epochs of a small set end many times a second, and a KL chart of thousands of dimensions takes tens of
    // milliseconds to redraw: the latest values are drawn at most every kKlEveryMs.
    static constexpr int kKlEveryMs = 250;
    QVector<double> pendingKl_;
    QTimer* klTimer_ = nullptr;
    QElapsedTimer sinceKl_;
    void drawKl();
    QLabel* preview_;
    QWidget* bottom_ = nullptr; // the KL chart and the reconstructions: shown once a run or a model fills them
    QScrollArea* formScroll_ = nullptr;
    QLabel* progressLabel_;
    QProgressBar* progress_;
    QPushButton *train_, *more_, *pause_, *stop_, *save_;
    DatasetPtr data_;
    QString dataPath_;
    QString lastProgress_;
    QString modelPath_;
    std::function<bool()> confirmDiscard_;
};

} // namespace latentlab::ui
