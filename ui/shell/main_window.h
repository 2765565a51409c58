#pragma once
// The application window: menus, the "Dataset" dock, and a central area that shows a welcome page until a
// dataset is loaded and then the Workspace (the Samples, Training, Explorer and Anomalies tabs). Datasets
// arrive from File > Open, the recent list, a drop, a session or the command line, and all go through one
// DatasetLoader, so every path gets the same off-thread load and the same error dialog.
#include "ui/common/dataset_ptr.h"
#include "ui/shell/workspace.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QStringList>

#include <functional>
#include <optional>

class QDockWidget;
class QLabel;
class QProgressBar;
class QStackedWidget;

namespace latentlab::ui {

class DatasetDockFolds;
class DatasetLoader;
class DatasetPanel;
class InteropMenu;
class RecentFilesMenu;
class SessionController;
class WelcomeView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts loading; the current dataset stays until the new one has loaded.
    void openDataset(const QString& path);
    // Opens a model where Workspace::openModel says; while a dataset is loading, once it has loaded (so a
    // checkpoint can train more on it).
    void openModel(const QString& path);
    // A session: the dataset, the model checkpoint, the settings and the view, reopened together. Errors show
    // in a dialog (and are returned, for tests); "" on success.
    QString openSession(const QString& path);
    QString saveSession(const QString& path);
    // A message for the status bar that must not be lost under "Loading …" (e.g. about command-line
    // options): shown now when idle, otherwise once the load in progress has finished.
    void addNote(const QString& note);

    const DatasetPtr& dataset() const { return workspace_->dataset(); }
    QString datasetPath() const { return workspace_->datasetPath(); }
    DatasetLoader* loader() const { return loader_; }
    DatasetPanel* datasetPanel() const { return panel_; }
    GalleryView* gallery() const { return workspace_->gallery(); }
    TrainingView* trainingView() const { return workspace_->trainingView(); }
    ExplorerView* explorerView() const { return workspace_->explorerView(); }
    AnomalyView* anomalyView() const { return workspace_->anomalyView(); }
    Workspace* workspace() const { return workspace_; }
    SessionController* sessions() const { return sessions_; }
    // Asked before closing over a running or unsaved model; tests replace the dialog.
    void setConfirmClose(std::function<bool()> confirm) { confirmClose_ = std::move(confirm); }
    QDockWidget* datasetDock() const { return dock_; }
    // When the dock is collapsed to its summary: per tab.
    DatasetDockFolds* datasetDockFolds() const { return folds_; }
    RecentFilesMenu* recentFiles() const { return recent_; }
    // File > Import Layout… and File > Export > For the Embedding Projector….
    InteropMenu* interopMenu() const { return interop_; }
    // Brings a workspace tab to the front; by name (viewName()), false for a name no view has. Asked while a
    // dataset loads, it is shown again once the load is done, over the tab a waiting model or session opens.
    void showView(View view);
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
    void showPendingView();
    void chooseSessionToOpen();
    void chooseSessionToSave();
    void showAbout();
    void onLoaded(const QString& path, DatasetPtr dataset);
    void onFailed(const QString& path, const QString& message);
    void onBusyChanged(bool busy);
    void flushNotes(const QString& lead);
    QString lastDirectory() const;
    void rememberDirectory(const QString& path);

    DatasetLoader* loader_ = nullptr;
    QStringList notes_;
    QString pendingModel_;
    std::optional<View> pendingView_;
    QElapsedTimer loadTimer_;

    QStackedWidget* central_ = nullptr; // welcome / workspace
    WelcomeView* welcome_ = nullptr;
    Workspace* workspace_ = nullptr;
    SessionController* sessions_ = nullptr;
    std::function<bool()> confirmClose_;
    QDockWidget* dock_ = nullptr;
    DatasetPanel* panel_ = nullptr;
    DatasetDockFolds* folds_ = nullptr;
    RecentFilesMenu* recent_ = nullptr;
    InteropMenu* interop_ = nullptr;
    QLabel* summary_ = nullptr;
    // The dock is kept out of the way of the welcome page and appears with the first dataset, unless the
    // user toggles it before then.
    bool dockDeferred_ = false;
    QProgressBar* busy_ = nullptr;
};

} // namespace latentlab::ui
