// A tour of the window for looking at it as a user meets it (not a test): every tab, the explorer's side
// panels, the model form and the main dialogs, at one size and in the language of the environment.
//   screenshot_tour DATA MODEL OUT_PREFIX [WIDTH=1280] [HEIGHT=800]
// writes OUT_PREFIX-samples.png, -training.png, -form.png, -explorer-PANEL.png (one per side panel),
// -anomalies.png, -labels.png, -duplicates.png, -open-dataset.png, -open-model.png, -about.png, -view-menu.png
// and -language-menu.png. scripts/screenshots runs it at two sizes in English and Chinese under Xvfb. The settings
// are the test mode's (a first start), never the user's; the pictures are Qt's own grabs.
#include "ui/anomaly/anomaly_view.h"
#include "ui/duplicates/duplicates_view.h"
#include "ui/explorer/attribute_panel.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_selections.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/interpolation_panel.h"
#include "ui/explorer/neighbours_panel.h"
#include "ui/explorer/sampling_panel.h"
#include "ui/explorer/sets_panel.h"
#include "ui/explorer/traversal_panel.h"
#include "ui/labels/labels_view.h"
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"
#include "ui/training/model_form.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace latentlab::ui;

namespace {

bool save(const QPixmap& shot, const QString& path)
{
    const bool ok = shot.save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

bool grabTo(QWidget& widget, const QString& path)
{
    QTest::qWait(400); // let queued repaints land
    return save(widget.grab(), path);
}

// An action of the menu bar's menu-th menu, found by what it does rather than by its text, which is translated.
QAction* menuAction(QMainWindow& window, int menu, const std::function<bool(QAction*)>& match)
{
    QMenu* m = window.menuBar()->actions().value(menu) ? window.menuBar()->actions().value(menu)->menu() : nullptr;
    if (!m)
        return nullptr;
    for (QAction* a : m->actions())
        if (match(a))
            return a;
    return nullptr;
}

// Triggers an action that opens a modal dialog, grabs the dialog once it is up, and closes it.
bool grabDialog(QAction* action, const QString& path)
{
    if (!action) {
        std::fprintf(stderr, "no action for %s\n", qPrintable(path));
        return false;
    }
    bool ok = false;
    QTimer::singleShot(800, [&] {
        QWidget* dialog = QApplication::activeModalWidget();
        if (!dialog) {
            std::fprintf(stderr, "no dialog for %s\n", qPrintable(path));
            return;
        }
        ok = save(dialog->grab(), path);
        dialog->close();
    });
    action->trigger();
    return ok;
}

bool loadData(MainWindow& window, const QString& path)
{
    QSignalSpy loaded(&window, &MainWindow::datasetChanged);
    window.openDataset(path);
    const bool ok = loaded.wait(60000);
    if (!ok)
        std::fprintf(stderr, "%s did not load\n", qPrintable(path));
    return ok;
}

// Brings the view to the front and waits for the signal that says it has drawn, unless it is ready already.
template <typename Page, typename Signal>
void showAndWait(MainWindow& window, View view, Page* page, Signal signal, bool ready)
{
    QSignalSpy drawn(page, signal);
    window.showView(view);
    if (!ready && !drawn.wait(120000))
        std::fprintf(stderr, "the %s tab showed nothing in two minutes\n", qPrintable(viewName(view)));
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // a first start: no layout, language or recent files of the user's
    QApplication::setOrganizationName(QStringLiteral("LatentLabScreenshots"));
    QApplication::setApplicationName(QStringLiteral("LatentLab"));
    QSettings().clear();
    installTranslations(app); // LANG=zh_CN.UTF-8 shows the Chinese window
    if (argc < 4) {
        std::fprintf(stderr, "usage: screenshot_tour DATA MODEL OUT_PREFIX [WIDTH] [HEIGHT]\n");
        return 2;
    }
    const QString prefix = QString::fromLocal8Bit(argv[3]);
    const int width = argc > 4 ? std::atoi(argv[4]) : 1280, height = argc > 5 ? std::atoi(argv[5]) : 800;

    MainWindow window;
    window.setConfirmClose([] { return true; });
    window.resize(width, height);
    window.show();
    if (!loadData(window, QString::fromLocal8Bit(argv[1])))
        return 1;
    bool ok = grabTo(window, prefix + QStringLiteral("-samples.png"));

    TrainingView* training = window.trainingView();
    QSignalSpy opened(training->controller(), &TrainingController::opened);
    window.openModel(QString::fromLocal8Bit(argv[2]));
    if (!opened.wait(60000)) {
        std::fprintf(stderr, "the model did not open\n");
        return 1;
    }
    ok = grabTo(window, prefix + QStringLiteral("-training.png")) && ok;
    ok = grabTo(*training->form(), prefix + QStringLiteral("-form.png")) && ok;

    ExplorerView* explorer = window.explorerView();
    QSignalSpy frames(explorer, &ExplorerView::frameShown);
    window.showView(View::Explorer);
    if (!QTest::qWaitFor([&] { return explorer->hasModel() && !frames.isEmpty() && !explorer->controller()->isProjecting(); },
                         120000)) {
        std::fprintf(stderr, "the model was not explored\n");
        return 1;
    }
    explorer->selectSample(0);
    explorer->interpolationPanel()->setEnds(0, 1);
    ExplorerSelections* selections = explorer->selections();
    const std::pair<QWidget*, const char*> panels[] = {
        {explorer->samplingPanel(), "samples"},        {explorer->interpolationPanel(), "interpolation"},
        {explorer->traversalPanel(), "traversal"},     {explorer->attributePanel(), "attribute"},
        {selections->neighboursPanel(), "neighbours"}, {selections->setsPanel(), "sets"}};
    for (int i = 0; i < explorer->panels()->count(); ++i) {
        QWidget* page = explorer->panels()->widget(i);
        QString name = QStringLiteral("probe"); // the first tab, a scroll area round the probe
        for (const auto& [widget, slug] : panels)
            if (widget == page)
                name = QString::fromLatin1(slug);
        QSignalSpy images(explorer->controller(), &ExplorerController::imagesReady);
        explorer->panels()->setCurrentIndex(i);
        images.wait(3000); // panels that decode show their images; the others have none to wait for
        ok = grabTo(window, prefix + QStringLiteral("-explorer-") + name + QStringLiteral(".png")) && ok;
    }
    explorer->panels()->setCurrentIndex(0);

    // The scanning views, each once it has shown its first page.
    AnomalyView* anomalies = window.anomalyView();
    showAndWait(window, View::Anomalies, anomalies, &AnomalyView::pageShown, anomalies->hasScores());
    ok = grabTo(window, prefix + QStringLiteral("-anomalies.png")) && ok;
    LabelsView* labels = window.workspace()->labelsView();
    showAndWait(window, View::Labels, labels, &LabelsView::pageShown, labels->hasScores());
    ok = grabTo(window, prefix + QStringLiteral("-labels.png")) && ok;
    showAndWait(window, View::Duplicates, window.workspace()->duplicatesView(), &DuplicatesView::distancesChanged, false);
    ok = grabTo(window, prefix + QStringLiteral("-duplicates.png")) && ok;

    // The dialogs, over the samples tab.
    window.showView(View::Samples);
    const auto shortcut = [](QKeySequence key) { return [key](QAction* a) { return a->shortcut() == key; }; };
    ok = grabDialog(menuAction(window, 0, shortcut(QKeySequence::Open)), prefix + QStringLiteral("-open-dataset.png")) && ok;
    ok = grabDialog(menuAction(window, 0, shortcut(QKeySequence(Qt::CTRL | Qt::Key_M))), prefix + QStringLiteral("-open-model.png"))
         && ok;
    ok = grabDialog(menuAction(window, 2, [](QAction* a) { return a->menuRole() == QAction::AboutRole; }),
                    prefix + QStringLiteral("-about.png"))
         && ok;
    ok = grabDialog(window.findChild<QAction*>(QStringLiteral("exportModelAction")), prefix + QStringLiteral("-export-model.png"))
         && ok;

    // View > Language, the one setting the window has, opened as a user opens it.
    QMenu* view = window.menuBar()->actions().value(1) ? window.menuBar()->actions().value(1)->menu() : nullptr;
    QAction* languages = view ? menuAction(window, 1, [](QAction* a) { return a->menu() != nullptr; }) : nullptr;
    if (view && languages) {
        view->popup(window.mapToGlobal(QPoint(window.menuBar()->actionGeometry(window.menuBar()->actions().value(1)).left(),
                                              window.menuBar()->height())));
        QTest::qWait(300);
        languages->menu()->popup(view->geometry().topRight() + QPoint(0, view->actionGeometry(languages).top()));
        QTest::qWait(300);
        ok = save(view->grab(), prefix + QStringLiteral("-view-menu.png")) && ok;
        ok = save(languages->menu()->grab(), prefix + QStringLiteral("-language-menu.png")) && ok;
        languages->menu()->hide();
        view->hide();
    }
    return ok ? 0 : 1;
}
