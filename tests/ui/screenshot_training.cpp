// A screenshot of the training tab mid-run, for looking at the window as a user sees it (not a test):
//   screenshot_training DATA OUT.png [SECONDS=20] [WIDTH=1280] [HEIGHT=800]
// SECONDS below 0 grabs the tab before any training: its empty state, as a newcomer first sees it.
// Run it under Xvfb (xvfb-run -a) or with QT_QPA_PLATFORM=offscreen; the image is Qt's own grab.
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"
#include "ui/training/model_form.h"
#include "ui/training/training_view.h"

#include <QApplication>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTimer>

#include <algorithm>
#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    latentlab::ui::installTranslations(app); // LANG=zh_CN.UTF-8 shows the Chinese window
    if (argc < 3) {
        std::fprintf(stderr, "usage: screenshot_training DATA OUT.png [SECONDS] [WIDTH] [HEIGHT]\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[2]);
    const int seconds = argc > 3 ? std::atoi(argv[3]) : 20;
    const int width = argc > 4 ? std::atoi(argv[4]) : 1280, height = argc > 5 ? std::atoi(argv[5]) : 800;

    latentlab::ui::MainWindow window;
    window.resize(width, height);
    window.show();
    QSignalSpy loaded(&window, &latentlab::ui::MainWindow::datasetChanged);
    window.openDataset(QString::fromLocal8Bit(argv[1]));
    if (!loaded.wait(60000)) {
        std::fprintf(stderr, "the dataset did not load\n");
        return 1;
    }
    window.showView(QStringLiteral("training"));
    window.setConfirmClose([] { return true; });
    window.trainingView()->form()->epochsBox()->setValue(10);
    if (seconds >= 0)
        window.trainingView()->startTraining();
    QTimer::singleShot(std::max(seconds, 1) * 1000, &app, [&] {
        const bool ok = window.grab().save(out);
        std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(out));
        app.exit(ok ? 0 : 1);
    });
    return app.exec();
}
