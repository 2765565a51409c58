#pragma once
// The application window: menus, the "Dataset" dock, and a central area that shows a welcome page until a
// dataset is loaded and then the workspace tabs (only "Samples" for now; training and the latent explorer
// come as more tabs). Datasets arrive from File > Open, the recent list, a drop, or the command line, and
// all go through one DatasetLoader, so every path gets the same off-thread load and the same error dialog.
#include "ui/common/dataset_ptr.h"
#include "ui/dataset/sample_grid.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QStringList>

#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QDockWidget;

namespace latentlab::ui {

class DatasetLoader;
class DatasetPanel;
class AnomalyView;
class DatasetTableModel;
class ExplorerView;
class GalleryView;
class RecentFilesMenu;
class TrainingView;
struct Session;
class WelcomeView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts loading; the current dataset stays until the new one has loaded.
    void openDataset(const QString& path);
    // Opens a checkpoint in the training tab; while a dataset is loading, once it has loaded (so the model
    // can train more on it).
    void openModel(const QString& path);
    // A session: the dataset, the model checkpoint, the settings and the view, reopened together. Errors show
    // in a dialog (and are returned, for tests); "" on success.
    QString openSession(const QString& path);
    QString saveSession(const QString& path);
    // A message for the status bar that must not be lost under "Loading …" (e.g. about command-line
    // options): shown now when idle, otherwise once the load in progress has finished.
    void addNote(const QString& note);

    const DatasetPtr& dataset() const { return dataset_; }
    QString datasetPath() const { return datasetPath_; }
    DatasetLoader* loader() const { return loader_; }
    DatasetPanel* datasetPanel() const { return panel_; }
    GalleryView* gallery() const { return gallery_; }
    TrainingView* trainingView() const { return training_; }
    ExplorerView* explorerView() const { return explorer_; }
    AnomalyView* anomalyView() const { return anomalies_; }
    QTabWidget* workspace() const { return workspace_; }
    // Asked before closing over a running or unsaved model; tests replace the dialog.
    void setConfirmClose(std::function<bool()> confirm) { confirmClose_ = std::move(confirm); }
    QDockWidget* datasetDock() const { return dock_; }
    RecentFilesMenu* recentFiles() const { return recent_; }
    // Brings a workspace tab to the front ("samples", "training", "explorer", "anomalies"); false for a view this build lacks.
    bool showView(const QString& name);
    // True while the welcome page is shown instead of the workspace.
    bool showsWelcome() const;

Q_SIGNALS:
    void datasetChanged(latentlab::ui::DatasetPtr dataset);
    // After the error dialog has been opened (non-modal to the event loop, so tests and drops keep running).
    void loadFailed(const QString& path, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void buildCentral();
    void buildDock();
    void buildStatusBar();
    void restoreSettings();
    void showDeferredDock();
    void chooseFile();
    void chooseFolder();
    void chooseModel();
    void openPendingModel();
    void chooseSessionToOpen();
    void applyPendingSession();
    void chooseSessionToSave();
    void showError(const QString& title, const QString& message);
    void showSampleInExplorer(qint64 index, SampleGrid::Request request);
    void showAbout();
    void onLoaded(const QString& path, DatasetPtr dataset);
    void onFailed(const QString& path, const QString& message);
    void onBusyChanged(bool busy);
    void flushNotes(const QString& lead);
    QString lastDirectory() const;
    void rememberDirectory(const QString& path);

    DatasetLoader* loader_ = nullptr;
    DatasetPtr dataset_;
    QString datasetPath_;
    QStringList notes_;
    QString pendingModel_;
    QString pendingView_;
    std::shared_ptr<Session> pendingSettings_; // settings to apply once the session's data has loaded
    QElapsedTimer loadTimer_;

    QStackedWidget* central_ = nullptr; // welcome / workspace
    WelcomeView* welcome_ = nullptr;
    QTabWidget* workspace_ = nullptr;
    QStackedWidget* samples_ = nullptr; // gallery for images / table for rows
    GalleryView* gallery_ = nullptr;
    TrainingView* training_ = nullptr;
    ExplorerView* explorer_ = nullptr;
    AnomalyView* anomalies_ = nullptr;
    std::function<bool()> confirmClose_;
    QTableView* table_ = nullptr;
    DatasetTableModel* tableModel_ = nullptr;
    QDockWidget* dock_ = nullptr;
    DatasetPanel* panel_ = nullptr;
    RecentFilesMenu* recent_ = nullptr;
    QLabel* summary_ = nullptr;
    // The dock is kept out of the way of the welcome page and appears with the first dataset, unless the
    // user toggles it before then.
    bool dockDeferred_ = false;
    bool layoutRestored_ = false;
    QProgressBar* busy_ = nullptr;
};

} // namespace latentlab::ui
