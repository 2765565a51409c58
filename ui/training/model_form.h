#pragma once
// The "what to train" form: model family and backbone, sizes, the family's own knobs (fields a family does
// not use are hidden), the training schedule, the validation split and, for one-class anomaly work, which
// classes count as normal. read() checks everything core would refuse and puts each reason next to its
// field, so a bad value never reaches the worker. Defaults follow the loaded data (the classic VAE
// 784-512-512-32 for 28x28 images).
#include "core/models/model_config.h"
#include "core/training/training_config.h"
#include "ui/common/dataset_ptr.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace latentlab::ui {

class ModelForm : public QWidget {
    Q_OBJECT
public:
    explicit ModelForm(QWidget* parent = nullptr);

    // Defaults for this data: its shape, conv only for images that allow it, the conditional VAE only with
    // labels, the normal-class list from its classes. Keeps the user's schedule (epochs, batch, rate, seed).
    void setDataset(const DatasetPtr& data);
    // Fills the form from saved settings (or a checkpoint); values the data cannot take are left as they are.
    void setConfigs(const ModelConfig& model, const TrainingConfig& training);
    // Only the schedule and split (epochs, batch, rate, seed, threads, validation, normal classes).
    void setTraining(const TrainingConfig& training);
    // The configs as the form says, or false with the reasons shown beside their fields.
    bool read(ModelConfig* model, TrainingConfig* training);
    // While a run goes, only the learning rate and beta stay editable: they act at the next step.
    void setRunning(bool running);

    QComboBox* familyBox() const { return family_; }
    QComboBox* backboneBox() const { return backbone_; }
    QSpinBox* latentBox() const { return latent_; }
    QLineEdit* hiddenEdit() const { return hidden_; }
    QDoubleSpinBox* betaBox() const { return beta_; }
    QDoubleSpinBox* learningRateBox() const { return learningRate_; }
    QSpinBox* epochsBox() const { return epochs_; }
    QSpinBox* batchBox() const { return batch_; }
    QSpinBox* codebookBox() const { return codebook_; }
    QListWidget* normalClassesList() const { return normal_; }
    // The reason shown next to a field ("" when none): keys are core's field names (latent_dim, hidden, ...).
    QString errorFor(const QString& field) const;
    bool isFieldVisible(QWidget* field) const;

Q_SIGNALS:
    void learningRateChanged(double lr);
    void betaChanged(double beta);

private:
    void addRow(QFormLayout* form, const QString& key, const QString& label, QWidget* field);
    void updateVisibleFields();
    void clearErrors();
    void showError(const QString& key, const QString& reason);
    void showCoreError(const QString& message);
    ModelKind kind() const;

    DatasetPtr data_;
    QComboBox *family_, *backbone_;
    QSpinBox *latent_, *warmup_, *codebook_, *codeDim_, *bottom_, *epochs_, *batch_, *seed_, *threads_;
    QLineEdit* hidden_;
    QDoubleSpinBox *beta_, *learningRate_, *validation_;
    QCheckBox* ownSplit_;
    QListWidget* normal_;
    QLabel* generalError_;
    struct Row {
        QWidget* label;
        QWidget* field;
        QLabel* error;
    };
    QHash<QString, Row> rows_;
    bool running_ = false;
};

} // namespace latentlab::ui
