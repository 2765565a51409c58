// Screenshots of the anomaly view and the explorer coloured by its scores, with a trained model (not a test):
//   screenshot_anomalies DATA MODEL OUT_PREFIX [WIDTH=1400] [HEIGHT=860]
// writes OUT_PREFIX-anomalies.png and OUT_PREFIX-scatter.png. Run it under Xvfb (xvfb-run -a).
#include "ui/anomaly/anomaly_controller.h"
#include "ui/anomaly/anomaly_view.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_view.h"
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

using namespace latentlab::ui;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    installTranslations(app);
    if (argc < 4) {
        std::fprintf(stderr, "usage: screenshot_anomalies DATA MODEL OUT_PREFIX [WIDTH] [HEIGHT]\n");
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
    AnomalyView* anomalies = window.anomalyView();
    QSignalSpy pages(anomalies, &AnomalyView::pageShown);
    window.openModel(QString::fromLocal8Bit(argv[2]));
    window.showView(QStringLiteral("anomalies"));
    if (!pages.wait(120000)) {
        std::fprintf(stderr, "no scores\n");
        return 1;
    }
    QTest::qWait(500);
    bool ok = window.grab().save(prefix + QStringLiteral("-anomalies.png"));
    ExplorerView* explorer = window.explorerView();
    window.showView(QStringLiteral("explorer"));
    QSignalSpy frames(explorer, &ExplorerView::frameShown);
    if (!QTest::qWaitFor([&] { return !frames.isEmpty() && !explorer->controller()->isProjecting(); }, 120000))
        std::fprintf(stderr, "the explorer showed no layout\n");
    QTest::qWait(500);
    ok = window.grab().save(prefix + QStringLiteral("-scatter.png")) && ok;
    std::fprintf(stderr, "%s\n", ok ? "wrote the screenshots" : "could not write");
    window.setConfirmClose([] { return true; });
    return ok ? 0 : 1;
}
