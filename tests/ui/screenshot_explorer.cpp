// Screenshots of the latent explorer with a trained model, for looking at it as a user sees it (not a test):
//   screenshot_explorer DATA MODEL OUT_PREFIX [TSNE_SECONDS=0] [WIDTH=1400] [HEIGHT=860] [LAYOUT]
// writes OUT_PREFIX-probe.png, -samples.png, -interpolation.png, -traversal.png, -neighbours.png, -isolate.png,
// -lasso.png (a lasso being drawn), -sets.png (its region kept as a set), -attribute.png (from the first class
// to the second), -axes.png (custom axes over the same classes, the Samples tab's plane grid), -menu.png (the
// File menu with its Export submenu), with TSNE_SECONDS > 0 OUT_PREFIX-tsne.png after a t-SNE has run that
// long, and with a LAYOUT file (File > Import Layout) OUT_PREFIX-imported.png; SCREENSHOT_UMAP=1 adds
// OUT_PREFIX-umap.png. Run it under Xvfb (xvfb-run -a); Qt's own grab.
#include "ui/explorer/attribute_panel.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_selections.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/interpolation_panel.h"
#include "ui/explorer/neighbours_panel.h"
#include "ui/explorer/projection_bar.h"
#include "ui/explorer/sets_panel.h"
#include "ui/explorer/sampling_panel.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/explorer/traversal_panel.h"
#include "ui/shell/interop_menu.h"
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace latentlab::ui;

namespace {

bool grabTo(QWidget& window, const QString& path)
{
    QTest::qWait(400); // let queued repaints land
    const bool ok = window.grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

void mouse(QWidget* w, QEvent::Type type, QPointF pos)
{
    QMouseEvent e(type, pos, w->mapToGlobal(pos), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton,
                  type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    installTranslations(app); // LANG=zh_CN.UTF-8 shows the Chinese window
    if (argc < 4) {
        std::fprintf(stderr, "usage: screenshot_explorer DATA MODEL OUT_PREFIX [TSNE_SECONDS] [WIDTH] [HEIGHT]\n");
        return 2;
    }
    const QString prefix = QString::fromLocal8Bit(argv[3]);
    const int tsneSeconds = argc > 4 ? std::atoi(argv[4]) : 0;
    const int width = argc > 5 ? std::atoi(argv[5]) : 1400, height = argc > 6 ? std::atoi(argv[6]) : 860;

    MainWindow window;
    window.resize(width, height);
    window.show();
    QSignalSpy loaded(&window, &MainWindow::datasetChanged);
    window.openDataset(QString::fromLocal8Bit(argv[1]));
    if (!loaded.wait(60000)) {
        std::fprintf(stderr, "the dataset did not load\n");
        return 1;
    }
    ExplorerView* explorer = window.explorerView();
    QSignalSpy frames(explorer, &ExplorerView::frameShown);
    window.openModel(QString::fromLocal8Bit(argv[2]));
    window.showView(QStringLiteral("explorer"));
    if (!QTest::qWaitFor([&] { return explorer->hasModel() && !frames.isEmpty() && !explorer->controller()->isProjecting(); },
                         120000)) {
        std::fprintf(stderr, "the model was not explored\n");
        return 1;
    }
    ScatterView* scatter = explorer->scatter();
    explorer->selectSample(0);
    explorer->probeButton()->setChecked(true);
    const QPointF probe = scatter->position(1);
    scatter->setProbe(probe);
    explorer->controller()->probe(probe);
    bool ok = grabTo(window, prefix + QStringLiteral("-probe.png"));

    QSignalSpy images(explorer->controller(), &ExplorerController::imagesReady);
    explorer->panels()->setCurrentWidget(explorer->samplingPanel());
    images.wait(20000);
    ok = grabTo(window, prefix + QStringLiteral("-samples.png")) && ok;

    images.clear();
    explorer->panels()->setCurrentWidget(explorer->interpolationPanel()); // opens on two samples by itself
    images.wait(20000);
    explorer->interpolationPanel()->setPosition(0.4);
    ok = grabTo(window, prefix + QStringLiteral("-interpolation.png")) && ok;

    images.clear();
    explorer->panels()->setCurrentWidget(explorer->traversalPanel());
    images.wait(20000);
    ok = grabTo(window, prefix + QStringLiteral("-traversal.png")) && ok;

    // Neighbours of the selected sample, then isolated on the scatter.
    ExplorerSelections* selections = explorer->selections();
    explorer->probeButton()->setChecked(false);
    QSignalSpy neighbours(explorer->controller(), &ExplorerController::neighboursFound);
    explorer->panels()->setCurrentWidget(selections->neighboursPanel());
    explorer->selectSample(0);
    neighbours.wait(5000);
    ok = grabTo(window, prefix + QStringLiteral("-neighbours.png")) && ok;
    selections->neighboursPanel()->isolateBox()->setChecked(true);
    ok = grabTo(window, prefix + QStringLiteral("-isolate.png")) && ok;
    selections->neighboursPanel()->isolateBox()->setChecked(false);

    // A lasso round the selected sample's part of the plot, caught while it is drawn, then kept as a set.
    explorer->projectionBar()->setSelectTool(ProjectionBar::SelectTool::Lasso);
    explorer->panels()->setCurrentWidget(selections->setsPanel());
    const QPointF centre = scatter->toWidget(scatter->position(0));
    const int steps = 90;
    for (int k = 0; k <= steps; ++k) {
        const double a = 2 * M_PI * k / steps, r = 90 + 25 * std::sin(3 * a);
        const QPointF at = centre + QPointF(r * std::cos(a), 0.8 * r * std::sin(a));
        mouse(scatter, k == 0 ? QEvent::MouseButtonPress : QEvent::MouseMove, at);
        if (k == steps * 3 / 4)
            ok = grabTo(window, prefix + QStringLiteral("-lasso.png")) && ok;
    }
    mouse(scatter, QEvent::MouseButtonRelease, centre + QPointF(90, 0));
    selections->keepRegion(QStringLiteral("Around sample 0"));
    ok = grabTo(window, prefix + QStringLiteral("-sets.png")) && ok;
    explorer->projectionBar()->setSelectTool(ProjectionBar::SelectTool::None);

    QSignalSpy attribute(explorer->controller(), &ExplorerController::attributeReady);
    QSignalSpy moved(explorer->controller(), &ExplorerController::attributeDecoded);
    explorer->panels()->setCurrentWidget(explorer->attributePanel());
    attribute.wait(20000);
    explorer->attributePanel()->setAmount(1.0);
    moved.wait(20000);
    ok = grabTo(window, prefix + QStringLiteral("-attribute.png")) && ok;

    ProjectionSettings axes;
    axes.method = latentlab::ProjectionMethod::Axes;
    axes.axes.xFrom = SetChoice::ofClass(0);
    axes.axes.xTo = SetChoice::ofClass(1);
    frames.clear();
    explorer->setProjection(axes);
    if (!QTest::qWaitFor([&] { return !frames.isEmpty() && !explorer->controller()->isProjecting(); }, 60000))
        std::fprintf(stderr, "the custom axes were not laid out\n");
    explorer->samplingPanel()->manifoldBox()->setChecked(true);
    images.clear();
    explorer->panels()->setCurrentWidget(explorer->samplingPanel());
    explorer->samplingPanel()->drawButton()->click();
    images.wait(20000);
    ok = grabTo(window, prefix + QStringLiteral("-axes.png")) && ok;

    if (tsneSeconds > 0) {
        explorer->panels()->setCurrentIndex(0);
        ProjectionSettings s;
        s.method = latentlab::ProjectionMethod::Tsne;
        explorer->setProjection(s);
        QTest::qWait(tsneSeconds * 1000);
        ok = grabTo(window, prefix + QStringLiteral("-tsne.png")) && ok;
    }
    // UMAP of every sample, once its last epoch is on screen (SCREENSHOT_UMAP=1: it takes a minute at 70,000).
    if (qEnvironmentVariableIntValue("SCREENSHOT_UMAP") > 0) {
        explorer->panels()->setCurrentIndex(0);
        ProjectionSettings s;
        s.method = latentlab::ProjectionMethod::Umap;
        QSignalSpy frames(explorer, &ExplorerView::frameShown);
        explorer->setProjection(s);
        const bool done = QTest::qWaitFor([&] {
            for (const auto& f : frames)
                if (f.at(0).toBool())
                    return true;
            return false;
        }, 600000);
        ok = done && grabTo(window, prefix + QStringLiteral("-umap.png")) && ok;
    }
    // The File menu as a user opens it, its Export submenu beside it (popups are not part of the window's grab).
    QMenu* file = window.menuBar()->actions().value(0)->menu();
    auto* exports = qobject_cast<QMenu*>(window.interopMenu()->exportAction()->parent());
    if (file && exports) {
        file->popup(window.mapToGlobal(QPoint(0, window.menuBar()->height())));
        exports->popup(file->geometry().topRight() + QPoint(0, file->actionGeometry(exports->menuAction()).top()));
        QTest::qWait(400);
        const int top = file->actionGeometry(exports->menuAction()).top();
        QImage shot(file->width() + exports->width(), std::max(file->height(), exports->height() + top), QImage::Format_RGB32);
        shot.fill(Qt::white);
        QPainter painter(&shot);
        painter.drawPixmap(0, 0, file->grab());
        painter.drawPixmap(file->width(), top, exports->grab());
        painter.end();
        const bool saved = shot.save(prefix + QStringLiteral("-menu.png"));
        std::fprintf(stderr, "%s %s\n", saved ? "wrote" : "could not write", qPrintable(prefix + QStringLiteral("-menu.png")));
        ok = saved && ok;
        exports->hide();
        file->hide();
    }

    if (argc > 7) {
        explorer->panels()->setCurrentIndex(0);
        QSignalSpy imported(explorer->controller(), &ExplorerController::frameReady);
        explorer->importLayout(QString::fromLocal8Bit(argv[7]));
        ok = QTest::qWaitFor([&] { return !imported.isEmpty() && !explorer->controller()->isProjecting(); }, 60000) && ok;
        ok = grabTo(window, prefix + QStringLiteral("-imported.png")) && ok;
    }
    window.setConfirmClose([] { return true; });
    return ok ? 0 : 1;
}
