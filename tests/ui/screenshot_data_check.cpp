// Screenshots of the Labels and Duplicates tabs with a trained model, and of the explorer coloured by label
// suspicion (not a test):
//   screenshot_data_check DATA MODEL OUT_PREFIX [WIDTH=1400] [HEIGHT=860]
// writes OUT_PREFIX-labels.png, OUT_PREFIX-duplicates.png and OUT_PREFIX-suspicion.png. Run it under Xvfb
// (xvfb-run -a).
#include "ui/duplicates/duplicates_controller.h"
#include "ui/duplicates/duplicates_view.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_view.h"
#include "ui/labels/labels_controller.h"
#include "ui/labels/labels_view.h"
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"
#include "ui/shell/workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

using namespace latentlab::ui;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    installTranslations(app);
    if (argc < 4) {
        std::fprintf(stderr, "usage: screenshot_data_check DATA MODEL OUT_PREFIX [WIDTH] [HEIGHT]\n");
        return 2;
    }
    const QString prefix = QString::fromLocal8Bit(argv[3]);
    MainWindow window;
    window.resize(argc > 4 ? std::atoi(argv[4]) : 1400, argc > 5 ? std::atoi(argv[5]) : 860);
    window.show();
    QSignalSpy loaded(&window, &MainWindow::datasetChanged);
    window.openDataset(QString::fromLocal8Bit(argv[1]));
    if (!loaded.wait(60000))
        return 1;
    LabelsView* labels = window.workspace()->labelsView();
    QSignalSpy scored(labels->controller(), &LabelsController::scored);
    window.openModel(QString::fromLocal8Bit(argv[2]));
    window.showView(QStringLiteral("labels"));
    if (!scored.wait(300000)) {
        std::fprintf(stderr, "no label scores\n");
        return 1;
    }
    QTest::qWait(1000); // the first page's images
    bool ok = window.grab().save(prefix + QStringLiteral("-labels.png"));

    DuplicatesView* duplicates = window.workspace()->duplicatesView();
    QSignalSpy scanned(duplicates->controller(), &DuplicatesController::scanned);
    window.showView(QStringLiteral("duplicates"));
    if (!scanned.wait(300000))
        std::fprintf(stderr, "no duplicates scan\n");
    QTest::qWait(500);
    ok = window.grab().save(prefix + QStringLiteral("-duplicates.png")) && ok;

    ExplorerView* explorer = window.explorerView();
    window.showView(QStringLiteral("explorer"));
    QSignalSpy frames(explorer, &ExplorerView::frameShown);
    if (!QTest::qWaitFor([&] { return !frames.isEmpty() && !explorer->controller()->isProjecting(); }, 120000))
        std::fprintf(stderr, "the explorer showed no layout\n");
    explorer->colorBox()->setCurrentIndex(2);
    QTest::qWait(500);
    ok = window.grab().save(prefix + QStringLiteral("-suspicion.png")) && ok;
    std::fprintf(stderr, "%s\n", ok ? "wrote the screenshots" : "could not write");
    window.setConfirmClose([] { return true; });
    return ok ? 0 : 1;
}
