#include "ui/shell/main_window.h"
#include "ui/anomaly/anomaly_view.h"

#include "ui/common/format.h"
#include "ui/common/message_box.h"
#include "ui/compare/models_view.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/gallery_view.h"
#include "ui/dataset/sample_grid.h"
#include "ui/shell/command_line.h"
#include "ui/shell/dataset_dock_folds.h"
#include "ui/shell/interop_menu.h"
#include "ui/shell/language.h"
#include "ui/shell/recent_files_menu.h"
#include "ui/shell/session_controller.h"
#include "ui/shell/welcome_view.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include "core/training/training_config.h"
#include "core/util/build_info.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>

#include <utility>

#ifndef LATENTLAB_VERSION
#define LATENTLAB_VERSION "dev"
#endif

namespace latentlab::ui {
namespace {

const auto kGeometryKey = QStringLiteral("window/geometry");
const auto kStateKey = QStringLiteral("window/state");
const auto kDirectoryKey = QStringLiteral("lastDirectory");
constexpr int kMessageMs = 8000;

// The first local file or folder among dragged URLs; empty when the drag carries none.
QString droppedPath(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile())
            return url.toLocalFile();
    return {};
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("LatentLab"));
    setAcceptDrops(true);
    loader_ = new DatasetLoader(this);
    connect(loader_, &DatasetLoader::loaded, this, &MainWindow::onLoaded);
    connect(loader_, &DatasetLoader::failed, this, &MainWindow::onFailed);
    connect(loader_, &DatasetLoader::busyChanged, this, &MainWindow::onBusyChanged);
    connect(loader_, &DatasetLoader::started, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Loading %1 …").arg(displayName(path)));
    });

    buildCentral();
    buildDock();
    buildMenus();
    buildStatusBar();
    restoreSettings();
    confirmClose_ = [this] {
        const bool running = trainingView()->controller()->isRunning();
        return QMessageBox::question(this, tr("Close LatentLab?"),
                                     running ? tr("A model is training. Stop it and close? The model will be lost unless you saved it.")
                                             : tr("The trained model has not been saved. Close and lose it?"),
                                     QMessageBox::Close | QMessageBox::Cancel, QMessageBox::Cancel)
               == QMessageBox::Close;
    };
}

// The loader (a child) stops and joins its thread when it is destroyed with the window.
MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open Dataset…"), this,
                                    &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open an IDX, .npy or CSV/TSV file"));
    QAction* folder = file->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Open Dataset &Folder…"), this,
                                      &MainWindow::chooseFolder);
    folder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    folder->setStatusTip(tr("Open a folder of IDX files or of images in class sub-folders"));
    recent_ = new RecentFilesMenu(this);
    connect(recent_, &RecentFilesMenu::fileTriggered, this, &MainWindow::openDataset);
    connect(recent_, &RecentFilesMenu::filesChanged, welcome_, &WelcomeView::setRecentFiles);
    welcome_->setRecentFiles(recent_->files());
    file->addMenu(recent_);
    file->addSeparator();
    file->addSeparator();
    QAction* openModelAction = file->addAction(tr("Open &Model…"), this, &MainWindow::chooseModel);
    openModelAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    openModelAction->setStatusTip(tr("Open a LatentLab checkpoint: its loss history and settings, and train it further"));
    file->addAction(tr("Open S&ession…"), this, &MainWindow::chooseSessionToOpen)
        ->setStatusTip(tr("Reopen a dataset, its model, the settings and the view together"));
    file->addAction(tr("Save Sess&ion As…"), this, &MainWindow::chooseSessionToSave)
        ->setStatusTip(tr("Keep the dataset, the saved model, the settings and the view in one small file"));
    QAction* saveModel = file->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save Model…"), this,
                                         [this] { trainingView()->chooseSavePath(); });
    saveModel->setShortcut(QKeySequence::Save);
    saveModel->setStatusTip(tr("Save the trained model, its optimizer state and loss history in one checkpoint"));
    file->addSeparator();
    interop_ = new InteropMenu(file, explorerView(), this, [this] { return lastDirectory(); }, [this] {
        // The scorer the Anomalies tab can give: its score and threshold, once it has scored.
        ScorerOffer offer;
        const AnomalyView* anomalies = anomalyView();
        offer.available = anomalies->hasScores();
        if (offer.available) {
            offer.score = anomalies->scores().score;
            offer.threshold = anomalies->threshold();
            offer.rule = anomalies->threshold() == anomalies->scores().threshold ? anomalies->scores().rule
                                                                                   : tr("chosen on the histogram");
        }
        return offer;
    });
    connect(interop_, &InteropMenu::statusMessage, this, [this](const QString& text) {
        statusBar()->showMessage(text, 2 * kMessageMs);
    });
    QAction* exportComparison = file->addAction(tr("Export &Comparison…"), this, [this] {
        workspace_->showView(View::Models);
        workspace_->modelsView()->chooseComparisonPath();
    });
    exportComparison->setStatusTip(tr("One HTML page comparing the models ticked in the Models tab: table, curves, "
                                      "images and aligned latent spaces"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* toggleDock = dock_->toggleViewAction();
    connect(toggleDock, &QAction::triggered, this, [this] { dockDeferred_ = false; });
    toggleDock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    view->addAction(toggleDock);

    view->addSeparator();
    QMenu* languages = view->addMenu(tr("&Language"));
    auto* languageGroup = new QActionGroup(languages);
    for (const QString& code : availableLanguages()) {
        QAction* action = languages->addAction(languageName(code));
        action->setCheckable(true);
        action->setChecked(code == languageSetting());
        action->setData(code);
        languageGroup->addAction(action);
    }
    connect(languageGroup, &QActionGroup::triggered, this, [this](QAction* action) {
        setLanguageSetting(action->data().toString());
        statusBar()->showMessage(tr("LatentLab will speak %1 from its next start.").arg(action->text()), 10000);
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About LatentLab"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::buildCentral()
{
    welcome_ = new WelcomeView;
    connect(welcome_, &WelcomeView::openFileRequested, this, &MainWindow::chooseFile);
    connect(welcome_, &WelcomeView::openFolderRequested, this, &MainWindow::chooseFolder);
    connect(welcome_, &WelcomeView::openPathRequested, this, &MainWindow::openDataset);

    const auto showStatus = [this](const QString& text) { statusBar()->showMessage(text, 10000); };
    workspace_ = new Workspace;
    connect(workspace_, &Workspace::statusMessage, this, showStatus);
    sessions_ = new SessionController(workspace_, loader_, this);
    connect(sessions_, &SessionController::datasetRequested, this, &MainWindow::openDataset);
    connect(sessions_, &SessionController::modelRequested, this, &MainWindow::openModel);
    connect(sessions_, &SessionController::statusMessage, this, showStatus);

    central_ = new QStackedWidget;
    central_->addWidget(welcome_);
    central_->addWidget(workspace_);
    setCentralWidget(central_);
}

void MainWindow::buildDock()
{
    panel_ = new DatasetPanel;
    connect(panel_, &DatasetPanel::classSelected, gallery(), &GalleryView::setClassFilter);
    connect(panel_->previewGrid(), &SampleGrid::sampleRequested, workspace_, &Workspace::showSample);
    dock_ = new QDockWidget(tr("Dataset"), this);
    dock_->setObjectName(QStringLiteral("DatasetDock")); // saveState() finds docks by name
    dock_->setWidget(panel_);
    dock_->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, dock_);
    folds_ = new DatasetDockFolds(this, dock_, panel_, workspace_);
}

void MainWindow::buildStatusBar()
{
    busy_ = new QProgressBar;
    busy_->setRange(0, 0); // indeterminate: loaders do not report progress
    busy_->setMaximumWidth(120);
    busy_->setMaximumHeight(statusBar()->fontMetrics().height());
    busy_->setTextVisible(false);
    busy_->hide();
    summary_ = new QLabel;
    statusBar()->addPermanentWidget(busy_);
    statusBar()->addPermanentWidget(summary_);
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First start: most of the screen, centred.
        const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1280, 800);
        const QSize size(std::min(1400, screen.width() * 9 / 10), std::min(900, screen.height() * 9 / 10));
        resize(size);
        move(screen.center() - QPoint(size.width() / 2, size.height() / 2));
    }
    restoreState(settings.value(kStateKey).toByteArray());
    folds_->restore(settings);
    dockDeferred_ = !dock_->isHidden();
    if (dockDeferred_)
        dock_->hide();
}

void MainWindow::showDeferredDock()
{
    if (!dockDeferred_)
        return;
    dockDeferred_ = false;
    dock_->show(); // at the width DatasetDockFolds keeps for it
}

void MainWindow::openModel(const QString& path)
{
    if (loader_->isBusy()) {
        pendingModel_ = path;
        return;
    }
    workspace_->openModel(path);
}

void MainWindow::openPendingModel()
{
    if (pendingModel_.isEmpty() || loader_->isBusy())
        return;
    const QString path = pendingModel_;
    pendingModel_.clear();
    openModel(path);
}

QString MainWindow::openSession(const QString& path)
{
    return sessions_->open(path);
}

QString MainWindow::saveSession(const QString& path)
{
    return sessions_->save(path);
}

void MainWindow::chooseSessionToOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Session"), lastDirectory(),
                                                      tr("LatentLab sessions (*.latentlab);;All files (*)"));
    if (!path.isEmpty())
        openSession(path);
}

void MainWindow::chooseSessionToSave()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Session"), lastDirectory(),
                                                tr("LatentLab sessions (*.latentlab);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".latentlab");
    saveSession(path);
}

void MainWindow::chooseModel()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), lastDirectory(),
                                                      tr("Models (*.ckpt *.pt *.pth);;LatentLab checkpoints (*.ckpt);;TorchScript from PyTorch (*.pt *.pth);;All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::showView(View view)
{
    // A model waiting for the data would open in its own tab over this one, and a session would show its
    // view: the view asked for now is shown again once the load has finished, so it wins.
    if (loader_->isBusy())
        pendingView_ = view;
    workspace_->showView(view);
}

bool MainWindow::showView(const QString& name)
{
    const std::optional<View> view = viewFromName(name);
    if (view)
        showView(*view);
    return view.has_value();
}

void MainWindow::showPendingView()
{
    if (pendingView_ && !loader_->isBusy())
        workspace_->showView(*std::exchange(pendingView_, std::nullopt));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    TrainingController* training = trainingView()->controller();
    if ((training->isRunning() || training->isModified()) && confirmClose_ && !confirmClose_()) {
        event->ignore();
        return;
    }
    // The run stops at its next batch; the controller joins its thread when the window is destroyed.
    training->stop();
    // A dock hidden only because no dataset was opened this time is still wanted next time.
    if (dockDeferred_)
        dock_->show();
    QSettings settings;
    folds_->save(settings);
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::openDataset(const QString& path)
{
    loadTimer_.start();
    loader_->load(path);
}

bool MainWindow::showsWelcome() const
{
    return central_->currentWidget() == welcome_;
}

void MainWindow::onLoaded(const QString& path, DatasetPtr dataset)
{
    const QString name = displayName(path);
    setWindowTitle(tr("LatentLab — %1").arg(name));
    recent_->addFile(QFileInfo(path).absoluteFilePath());

    panel_->setDataset(dataset);
    workspace_->setDataset(dataset, path);
    central_->setCurrentWidget(workspace_);
    showDeferredDock();
    summary_->setText(statusSummary(*dataset));

    flushNotes(tr("Loaded %1 in %2 s").arg(name).arg(loadTimer_.elapsed() / 1000.0, 0, 'f', 1));
    // The model first: the session's view is shown last, over the tab the model opened in.
    openPendingModel();
    sessions_->applyPending();
    showPendingView();
    Q_EMIT datasetChanged(workspace_->dataset());
}

void MainWindow::onFailed(const QString& path, const QString& message)
{
    // A path that no longer exists should not stay one click away in the recent list.
    if (!QFileInfo::exists(path))
        recent_->removeFile(QFileInfo(path).absoluteFilePath());
    flushNotes(tr("Could not open %1").arg(displayName(path)));

    // Not modal to the event loop, so a drop or a test is never stuck behind the dialog.
    QString details = QFileInfo(path).absoluteFilePath();
    if (dataset())
        details += QLatin1Char('\n') + tr("%1 stays open.").arg(displayName(datasetPath()));
    openMessage(this, QMessageBox::Warning, tr("Could not open dataset"), message, details);
    Q_EMIT loadFailed(path, message);
    openPendingModel();
    sessions_->applyPending();
    showPendingView();
}

void MainWindow::onBusyChanged(bool busy)
{
    busy_->setVisible(busy);
    if (busy)
        statusBar()->showMessage(tr("Loading %1 …").arg(displayName(loader_->pendingPath())));
}

void MainWindow::addNote(const QString& note)
{
    notes_ << note;
    if (!loader_->isBusy())
        flushNotes(QString());
}

void MainWindow::flushNotes(const QString& lead)
{
    QStringList parts;
    if (!lead.isEmpty())
        parts << lead;
    parts << notes_;
    notes_.clear();
    // Notes stay up longer: they explain something the user asked for and did not get.
    statusBar()->showMessage(parts.join(QStringLiteral(" — ")), parts.size() > 1 || lead.isEmpty() ? 3 * kMessageMs : kMessageMs);
}

QString MainWindow::lastDirectory() const
{
    const QString dir = QSettings().value(kDirectoryKey).toString();
    if (!dir.isEmpty() && QFileInfo(dir).isDir())
        return dir;
    return datasetPath().isEmpty() ? QString() : QFileInfo(datasetPath()).absolutePath();
}

void MainWindow::rememberDirectory(const QString& path)
{
    QSettings().setValue(kDirectoryKey, QFileInfo(path).absolutePath());
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Dataset"), lastDirectory(),
        tr("Datasets (*-ubyte *-ubyte.gz *.idx *.idx.gz *.npy *.csv *.tsv *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    rememberDirectory(path);
    openDataset(path);
}

void MainWindow::chooseFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Dataset Folder"), lastDirectory());
    if (path.isEmpty())
        return;
    rememberDirectory(path);
    openDataset(path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About LatentLab"),
                       tr("<h3>LatentLab %1</h3>"
                          "<p>Train autoencoders and variational autoencoders, and explore what they learned: "
                          "the latent space, samples, interpolations and anomalies.</p>"
                          "<p>Qt %2 · LibTorch %3 (%4) · training uses %5 threads by default</p>")
                           .arg(QStringLiteral(LATENTLAB_VERSION), QString::fromLatin1(qVersion()),
                                QString::fromStdString(libtorchVersion()), QString::fromStdString(libtorchDevices()))
                           .arg(TrainingConfig().resolvedThreads()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedPath(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event)
{
    if (!droppedPath(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedPath(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    // A session dropped on the window reopens, as it would from a double-click in the file manager.
    if (isSessionPath(path))
        openSession(path);
    else
        openDataset(path);
}

} // namespace latentlab::ui
