#include "ui/shell/workspace.h"

#include "ui/anomaly/anomaly_controller.h"
#include "ui/anomaly/anomaly_view.h"
#include "ui/common/model_ptr.h"
#include "ui/dataset/dataset_table_model.h"
#include "ui/compare/models_view.h"
#include "ui/compare/unsaved_copies.h"
#include "ui/dataset/gallery_view.h"
#include "ui/duplicates/duplicates_controller.h"
#include "ui/duplicates/duplicates_view.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_view.h"
#include "ui/labels/labels_controller.h"
#include "ui/labels/labels_view.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include "core/training/model_fit.h"

#include <QFile>
#include <QHeaderView>
#include <QStackedWidget>
#include <QTableView>

#include <array>
#include <utility>

namespace latentlab::ui {
namespace {

// How many rows a table column's width is measured on (see the constructor).
constexpr int kColumnWidthRows = 50;

struct NamedView {
    View view;
    const char* name;
};

// Written into session files: a name, once shipped, stays.
constexpr std::array<NamedView, 7> kViewNames{{{View::Samples, "samples"},
                                               {View::Training, "training"},
                                               {View::Explorer, "explorer"},
                                               {View::Anomalies, "anomalies"},
                                               {View::Labels, "labels"},
                                               {View::Duplicates, "duplicates"},
                                               {View::Models, "models"}}};

} // namespace

QString viewName(View view)
{
    for (const NamedView& v : kViewNames)
        if (v.view == view)
            return QString::fromLatin1(v.name);
    return {};
}

std::optional<View> viewFromName(const QString& name)
{
    for (const NamedView& v : kViewNames)
        if (name == QLatin1String(v.name))
            return v.view;
    return std::nullopt;
}

Workspace::Workspace(QWidget* parent) : QTabWidget(parent)
{
    setDocumentMode(true);
    gallery_ = new GalleryView;
    tableModel_ = new DatasetTableModel(this);
    table_ = new QTableView;
    table_->setModel(tableModel_);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    // Column widths from the first rows only: Qt measures 1000 rows per column by default, which for a wide
    // table kept the GUI thread ~400 ms on opening it (the monkey test's longest stall).
    table_->horizontalHeader()->setResizeContentsPrecision(kColumnWidthRows);
    samples_ = new QStackedWidget;
    samples_->addWidget(gallery_);
    samples_->addWidget(table_);
    training_ = new TrainingView;
    explorer_ = new ExplorerView;
    anomalies_ = new AnomalyView;
    labels_ = new LabelsView;
    duplicates_ = new DuplicatesView;
    models_ = new ModelsView;
    // In the enum's order, which promises the tab order.
    addTab(samples_, tr("Samples"));
    addTab(training_, tr("Training"));
    addTab(explorer_, tr("Explorer"));
    addTab(anomalies_, tr("Anomalies"));
    addTab(labels_, tr("Labels"));
    addTab(duplicates_, tr("Duplicates"));
    addTab(models_, tr("Models"));
    connectViews();
}

void Workspace::connectViews()
{
    connect(training_, &TrainingView::statusMessage, this, &Workspace::statusMessage);
    connect(explorer_, &ExplorerView::statusMessage, this, &Workspace::statusMessage);
    connect(anomalies_, &AnomalyView::statusMessage, this, &Workspace::statusMessage);
    connect(labels_, &LabelsView::statusMessage, this, &Workspace::statusMessage);
    connect(duplicates_, &DuplicatesView::statusMessage, this, &Workspace::statusMessage);
    connect(models_, &ModelsView::statusMessage, this, &Workspace::statusMessage);
    connect(gallery_->grid(), &SampleGrid::sampleRequested, this, &Workspace::showSample);

    TrainingController* training = training_->controller();
    // Every model the training tab trains or opens is explored too; mid-run snapshots only when the explorer
    // follows training (it asks for them).
    // A run that finishes after other data was opened does not reach the views that encode the open data.
    connect(training, &TrainingController::modelSnapshot, explorer_, [this](ModelPtr model, qint64 step, bool midRun) {
        if (fitsOpenData(model, midRun))
            explorer_->setModel(std::move(model), step, midRun);
    });
    connect(explorer_, &ExplorerView::snapshotIntervalChanged, training, &TrainingController::setSnapshotEvery);
    // A finished or opened model is scored when the tab is next in front; mid-run snapshots are not.
    connect(training, &TrainingController::modelSnapshot, anomalies_, [this](ModelPtr model, qint64, bool midRun) {
        if (midRun || !fitsOpenData(model, true))
            return;
        // The run's normal classes: the others are its known anomalies.
        const auto& normal = training_->controller()->trainingConfig().normalClasses;
        anomalies_->setNormalClasses(QVector<int>(normal.begin(), normal.end()));
        anomalies_->setModel(model);
        labels_->setModel(model);
        duplicates_->setModel(std::move(model));
    });
    connect(explorer_->controller(), &ExplorerController::modelOpened, anomalies_,
            [this](const QString&, ModelPtr model) {
                anomalies_->setModel(model);
                labels_->setModel(model);
                duplicates_->setModel(std::move(model));
            });
    // While a model trains, the explorer's layouts and the anomaly scores take one thread each.
    connect(training, &TrainingController::stateChanged, this, [this](TrainingController::State state) {
        const bool active = state != TrainingController::State::Idle;
        explorer_->controller()->setTrainingActive(active);
        anomalies_->controller()->setTrainingActive(active);
        labels_->controller()->setTrainingActive(active);
        duplicates_->controller()->setTrainingActive(active);
        models_->setTrainingActive(active);
    });
    // Every model file the window trains (once saved) or opens becomes a row of the models table; a row's
    // double-click opens it as File > Open Model does.
    // A run the user has not saved is kept as a copy in the window's own folder and listed as "unsaved"; saving
    // the model puts the saved file in the copy's place.
    connect(training, &TrainingController::finished, this, [this, training](TrainingStatus, const QString&) {
        if (training->hasModel() && training->isModified())
            training->keepCopy(newUnsavedCopyPath(QString::fromStdString(toString(training->modelConfig().kind))));
    });
    connect(training, &TrainingController::copyKept, models_, [this, training](const QString& path) {
        for (const QString& gone : pruneUnsavedCopies())
            models_->removeModel(gone);
        lastCopy_ = path;
        models_->addModel(path, tr("unsaved %1, %n epoch(s)", nullptr, static_cast<int>(training->epochsDone()))
                                    .arg(QString::fromStdString(toString(training->modelConfig().kind))));
    });
    connect(training, &TrainingController::saved, models_, [this](const QString& path) {
        if (!lastCopy_.isEmpty()) {
            models_->removeModel(lastCopy_);
            QFile::remove(lastCopy_);
            lastCopy_.clear();
        }
        models_->addModel(path);
    });
    connect(training, &TrainingController::opened, models_, [this](const OpenedModelInfo& info) {
        lastCopy_.clear(); // the current model is a file now
        models_->addModel(info.path);
    });
    connect(explorer_->controller(), &ExplorerController::modelOpened, models_,
            [this](const QString& path, const ModelPtr&) { models_->addModel(path); });
    connect(models_, &ModelsView::modelActivated, this, &Workspace::openModel);
    // The two views share scores, flags and the selection.
    connect(anomalies_, &AnomalyView::scoresChanged, explorer_, &ExplorerView::setAnomalyScores);
    connect(anomalies_, &AnomalyView::flaggedChanged, explorer_, &ExplorerView::setFlagged);
    connect(anomalies_, &AnomalyView::sampleChosen, explorer_, &ExplorerView::selectSample);
    connect(explorer_, &ExplorerView::sampleSelected, anomalies_, &AnomalyView::selectSample);
    connect(explorer_, &ExplorerView::regionSelected, anomalies_, &AnomalyView::setRegionFilter);
    // And the labels view: its suspicion colours the scatter, and the selection goes both ways.
    connect(labels_, &LabelsView::scoresChanged, explorer_, &ExplorerView::setLabelScores);
    connect(labels_, &LabelsView::sampleChosen, explorer_, &ExplorerView::selectSample);
    connect(explorer_, &ExplorerView::sampleSelected, labels_, &LabelsView::selectSample);
    connect(duplicates_, &DuplicatesView::distancesChanged, explorer_, &ExplorerView::setDuplicateDistances);
    connect(duplicates_, &DuplicatesView::sampleChosen, explorer_, &ExplorerView::selectSample);
    connect(explorer_, &ExplorerView::sampleSelected, duplicates_, &DuplicatesView::selectSample);
}

bool Workspace::fitsOpenData(const ModelPtr& model, bool quiet)
{
    if (!model || !dataset_)
        return true;
    const ModelFit fit = checkModelFits(configOf(model), *dataset_);
    if (!fit.fits() && !quiet)
        Q_EMIT statusMessage(tr("The trained model is not explored: %1. Open the data it was trained on to explore it.")
                                 .arg(QString::fromStdString(fit.why)));
    return fit.fits();
}

void Workspace::setDataset(DatasetPtr dataset, const QString& path)
{
    dataset_ = std::move(dataset);
    datasetPath_ = path;
    gallery_->setDataset(dataset_);
    training_->setDataset(dataset_, path);
    explorer_->setDataset(dataset_);
    anomalies_->setDataset(dataset_);
    labels_->setDataset(dataset_);
    duplicates_->setDataset(dataset_);
    models_->setDataset(dataset_, path);
    tableModel_->setDataset(dataset_);
    const bool images = dataset_ && dataset_->isImage();
    samples_->setCurrentWidget(images ? static_cast<QWidget*>(gallery_) : table_);
    if (dataset_ && !images)
        table_->resizeColumnsToContents();
}

QWidget* Workspace::page(View view) const
{
    switch (view) {
    case View::Samples: return samples_;
    case View::Training: return training_;
    case View::Explorer: return explorer_;
    case View::Anomalies: return anomalies_;
    case View::Labels: return labels_;
    case View::Duplicates: return duplicates_;
    case View::Models: return models_;
    }
    return nullptr;
}

void Workspace::showView(View view)
{
    setCurrentWidget(page(view));
}

View Workspace::currentView() const
{
    for (const NamedView& v : kViewNames)
        if (currentWidget() == page(v.view))
            return v.view;
    return View::Samples;
}

void Workspace::openModel(const QString& path)
{
    if (isTorchScriptModelFile(path)) {
        showView(View::Explorer);
        explorer_->openModelFile(path);
        return;
    }
    showView(View::Training);
    training_->openModel(path);
}

void Workspace::showSample(qint64 index, SampleGrid::Request request)
{
    showView(View::Explorer);
    switch (request) {
    case SampleGrid::Request::Select: explorer_->selectSample(index); break;
    case SampleGrid::Request::InterpolateFrom: explorer_->interpolateFrom(index); break;
    case SampleGrid::Request::InterpolateTo: explorer_->interpolateTo(index); break;
    }
}

} // namespace latentlab::ui
