// `latentlab DATA --model CKPT --view VIEW` opens straight into VIEW: the model waits for the dataset to load
// and opens in its own tab then, after the view was asked for, so the window must show the view again once
// both have arrived. The window is driven as app/gui/main.cpp drives it.
#include "ui/explorer/explorer_view.h"
#include "ui/shell/main_window.h"
#include "ui/shell/workspace.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include "tests/ui/ui_fixtures.h"

#include <QtTest>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;

class TestStartupView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }
    void init() { QSettings().clear(); }

    void requestedViewWinsOnceDataAndModelHaveLoaded_data()
    {
        QTest::addColumn<QString>("view");
        QTest::newRow("explorer") << QStringLiteral("explorer");
        QTest::newRow("anomalies") << QStringLiteral("anomalies");
        QTest::newRow("labels") << QStringLiteral("labels");
    }

    void requestedViewWinsOnceDataAndModelHaveLoaded()
    {
        QFETCH(QString, view);
        TempDir data, models;
        const QString model = fixtures::tinyCheckpoint(models, *fixtures::tinyImages(data));

        // The calls of main() for `latentlab DATA --model CKPT --view VIEW`, in its order.
        MainWindow window;
        window.setConfirmClose([] { return true; });
        window.show();
        QSignalSpy loaded(&window, &MainWindow::datasetChanged);
        QSignalSpy opened(window.trainingView()->controller(), &TrainingController::opened);
        window.openDataset(QString::fromStdString(data.path()));
        window.openModel(model);
        const std::optional<View> chosen = viewFromName(view);
        QVERIFY(chosen);
        window.showView(*chosen);

        QVERIFY(loaded.wait(10000));
        QVERIFY(!opened.isEmpty() || opened.wait(20000));
        QCOMPARE(viewName(window.workspace()->currentView()), view);
        QCOMPARE(window.trainingView()->modelPath(), model); // the model did open, in the training tab's keeping
        QTRY_VERIFY_WITH_TIMEOUT(window.explorerView()->hasModel(), 20000);
        QCOMPARE(viewName(window.workspace()->currentView()), view);

        // Later choices are the user's: opening a model now brings the training tab to the front as ever.
        window.openModel(model);
        QCOMPARE(window.workspace()->currentView(), View::Training);
    }

    // Without a model the view asked for during the load stays in front too.
    void requestedViewWithoutModel()
    {
        TempDir data;
        fixtures::tinyImages(data);
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::datasetChanged);
        window.openDataset(QString::fromStdString(data.path()));
        QVERIFY(window.showView(QStringLiteral("anomalies")));
        QVERIFY(loaded.wait(10000));
        QVERIFY(window.workspace()->currentView() == View::Anomalies);
    }
};

QTEST_MAIN(TestStartupView)
#include "test_startup_view.moc"
