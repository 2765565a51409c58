#pragma once
// The window's tabs once a dataset is open: the samples (a gallery of images or a table of rows), training,
// the latent explorer and the anomalies, and the wiring between them, so every model the training tab
// trains or opens reaches the explorer and the anomaly scores, and the explorer and the anomalies share
// scores, flags and the selection. The views are named by one enum; the names that session files and the
// command line use are converted here and nowhere else.
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/dataset/sample_grid.h"

#include <QString>
#include <QTabWidget>

#include <optional>

class QStackedWidget;
class QTableView;

namespace latentlab::ui {

class AnomalyView;
class LabelsView;
class ModelsView;
class DuplicatesView;
class DatasetTableModel;
class ExplorerView;
class GalleryView;
class TrainingView;

// In tab order.
enum class View { Samples, Training, Explorer, Anomalies, Labels, Duplicates, Models };

// "samples", "training", "explorer", "anomalies", "labels", "duplicates", "models".
QString viewName(View view);
// None for a name no view has: a session written by a later version, a typo on the command line.
std::optional<View> viewFromName(const QString& name);

class Workspace : public QTabWidget {
    Q_OBJECT
public:
    explicit Workspace(QWidget* parent = nullptr);

    // path: where the dataset came from; the training tab keeps it with the model it trains.
    void setDataset(DatasetPtr dataset, const QString& path);
    const DatasetPtr& dataset() const { return dataset_; }
    QString datasetPath() const { return datasetPath_; }

    void showView(View view);
    View currentView() const;
    QWidget* page(View view) const;

    // A TorchScript module from PyTorch cannot train, so it goes straight to the explorer; a checkpoint opens
    // in the training tab, to be trained further.
    void openModel(const QString& path);
    // A thumbnail's request (the gallery's or the dataset dock's), answered in the explorer, brought to the front.
    void showSample(qint64 index, SampleGrid::Request request);

    GalleryView* gallery() const { return gallery_; }
    TrainingView* trainingView() const { return training_; }
    ExplorerView* explorerView() const { return explorer_; }
    AnomalyView* anomalyView() const { return anomalies_; }
    LabelsView* labelsView() const { return labels_; }
    DuplicatesView* duplicatesView() const { return duplicates_; }
    ModelsView* modelsView() const { return models_; }

Q_SIGNALS:
    // A view's message for the status bar.
    void statusMessage(const QString& text);

private:
    void connectViews();
    // Whether a model can read the open data (true without either); says why not in the status bar unless quiet.
    bool fitsOpenData(const ModelPtr& model, bool quiet);

    DatasetPtr dataset_;
    QString datasetPath_;
    QString lastCopy_; // the models table's copy of the current model, while it is unsaved
    QStackedWidget* samples_ = nullptr; // gallery for images / table for rows
    GalleryView* gallery_ = nullptr;
    QTableView* table_ = nullptr;
    DatasetTableModel* tableModel_ = nullptr;
    TrainingView* training_ = nullptr;
    ExplorerView* explorer_ = nullptr;
    AnomalyView* anomalies_ = nullptr;
    LabelsView* labels_ = nullptr;
    DuplicatesView* duplicates_ = nullptr;
    ModelsView* models_ = nullptr;
};

} // namespace latentlab::ui
