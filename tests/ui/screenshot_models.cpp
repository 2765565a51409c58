// Screenshots of the Models tab: the table and the comparison of the models given (not a test):
//   screenshot_models DATA OUT_PREFIX WIDTH HEIGHT MODEL MODEL [MODEL MODEL]
// writes OUT_PREFIX-models.png (the table and the curves) and OUT_PREFIX-models-scatters.png (scrolled to the
// aligned scatters). Run it under Xvfb (xvfb-run -a), in the locale to show (scripts/screenshots).
#include "ui/compare/compare_controller.h"
#include "ui/compare/comparison_view.h"
#include "ui/compare/linked_scatters.h"
#include "ui/compare/models_table_model.h"
#include "ui/compare/models_view.h"
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"
#include "ui/shell/workspace.h"

#include <QApplication>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

using namespace latentlab::ui;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    installTranslations(app);
    if (argc < 7) {
        std::fprintf(stderr, "usage: screenshot_models DATA OUT_PREFIX WIDTH HEIGHT MODEL MODEL [MODEL MODEL]\n");
        return 2;
    }
    const QString prefix = QString::fromLocal8Bit(argv[2]);
    MainWindow window;
    window.setConfirmClose([] { return true; });
    window.resize(std::atoi(argv[3]), std::atoi(argv[4]));
    window.show();
    QSignalSpy loaded(&window, &MainWindow::datasetChanged);
    window.openDataset(QString::fromLocal8Bit(argv[1]));
    if (!loaded.wait(60000))
        return 1;
    ModelsView* models = window.workspace()->modelsView();
    window.showView(View::Models);
    QSignalSpy summarized(models->controller(), &CompareController::summarized);
    for (int i = 5; i < argc; ++i) {
        models->addModel(QString::fromLocal8Bit(argv[i]));
        models->tableModel()->setChecked(QFileInfo(QString::fromLocal8Bit(argv[i])).absoluteFilePath(), true);
    }
    if (!QTest::qWaitFor([&] { return summarized.count() >= argc - 5; }, 300000)) {
        std::fprintf(stderr, "the table was not evaluated\n");
        return 1;
    }
    QSignalSpy compared(models->controller(), &CompareController::compared);
    models->compareChecked();
    if (!compared.wait(300000)) {
        std::fprintf(stderr, "no comparison\n");
        return 1;
    }
    QTest::qWait(500);
    bool ok = window.grab().save(prefix + QStringLiteral("-models.png"));
    if (auto* scroll = models->comparison()->findChild<QScrollArea*>()) {
        scroll->ensureWidgetVisible(models->comparison()->scatters(), 0, 0);
        QTest::qWait(300);
    }
    ok = window.grab().save(prefix + QStringLiteral("-models-scatters.png")) && ok;
    std::fprintf(stderr, "%s\n", ok ? "wrote the screenshots" : "could not write");
    return ok ? 0 : 1;
}
