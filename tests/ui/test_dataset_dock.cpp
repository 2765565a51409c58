// The "Dataset" dock collapses to a slim summary per tab: the Samples tab keeps the classes and the preview,
// the others give the width to their charts and the scatter; the user's Collapse and Expand are remembered for
// the tab they were pressed in, and with the window's layout from one start to the next.
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/sample_grid.h"
#include "ui/shell/dataset_dock_folds.h"
#include "ui/shell/main_window.h"
#include "ui/shell/workspace.h"

#include "tests/ui/ui_fixtures.h"

#include <QtTest>

#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;

namespace {

bool loadInto(MainWindow& window, const TempDir& dir)
{
    QSignalSpy loaded(&window, &MainWindow::datasetChanged);
    window.openDataset(QString::fromStdString(dir.path()));
    return loaded.wait(10000);
}

bool slim(const MainWindow& window)
{
    return window.datasetPanel()->isCollapsed() && window.datasetDock()->width() <= window.datasetPanel()->collapsedWidth() + 40;
}

bool wide(const MainWindow& window)
{
    return !window.datasetPanel()->isCollapsed() && window.datasetDock()->width() >= 300;
}

} // namespace

class TestDatasetDock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }
    void init() { QSettings().clear(); }

    void collapsesPerTabAndRemembers()
    {
        TempDir dir;
        fixtures::tinyImages(dir);
        {
            MainWindow window;
            window.resize(1280, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(loadInto(window, dir));
            DatasetPanel* panel = window.datasetPanel();
            QTRY_VERIFY(wide(window)); // the Samples tab: classes and preview
            QVERIFY(panel->previewGrid()->isVisible());
            // The preview fills its rows: five thumbnails or more side by side even in this narrow dock.
            SampleGrid* grid = panel->previewGrid();
            QTRY_VERIFY(grid->columnsFor(grid->width()) >= 5);
            QVERIFY(!grid->captionsVisible());

            // The charts' and the scatter's tabs: a slim column with what the data is and a way back.
            for (View view : {View::Explorer, View::Anomalies, View::Training, View::Labels, View::Duplicates}) {
                window.showView(view);
                QTRY_VERIFY2(slim(window), qPrintable(viewName(view)));
                QVERIFY(panel->expandButton()->isVisible());
                QVERIFY(panel->compactSummary()->text().contains(QStringLiteral("80 images")));
                QVERIFY(panel->compactSummary()->text().contains(QStringLiteral("1 × 8 × 8")));
                QVERIFY(!panel->previewGrid()->isVisible());
            }
            window.showView(View::Samples);
            QTRY_VERIFY(wide(window));
            const int width = window.datasetDock()->width();

            // Expanded in the explorer: it stays so there, and only there.
            window.showView(View::Explorer);
            QTRY_VERIFY(slim(window));
            QTest::mouseClick(panel->expandButton(), Qt::LeftButton);
            QTRY_VERIFY(wide(window));
            QVERIFY(std::abs(window.datasetDock()->width() - width) <= 2); // back at the width it had
            window.showView(View::Anomalies);
            QTRY_VERIFY(slim(window));
            window.showView(View::Explorer);
            QTRY_VERIFY(wide(window));

            // Collapsed in the samples: the same.
            window.showView(View::Samples);
            QTest::mouseClick(panel->collapseButton(), Qt::LeftButton);
            QTRY_VERIFY(slim(window));
            window.showView(View::Explorer);
            QTRY_VERIFY(wide(window));
            window.showView(View::Samples);
            QTRY_VERIFY(slim(window));
            window.setConfirmClose([] { return true; });
            QVERIFY(window.close());
        }
        // The next start: the same choices.
        MainWindow next;
        next.resize(1280, 800);
        next.show();
        QVERIFY(QTest::qWaitForWindowExposed(&next));
        DatasetDockFolds* folds = next.datasetDockFolds();
        QVERIFY(folds->isCollapsedIn(View::Samples));
        QVERIFY(!folds->isCollapsedIn(View::Explorer));
        QVERIFY(folds->isCollapsedIn(View::Anomalies));
        QVERIFY(loadInto(next, dir));
        QTRY_VERIFY(slim(next)); // the samples are in front
        next.showView(View::Explorer);
        QTRY_VERIFY(wide(next));
    }

    void defaults()
    {
        QVERIFY(!DatasetDockFolds::collapsedByDefault(View::Samples));
        QVERIFY(DatasetDockFolds::collapsedByDefault(View::Explorer));
        QVERIFY(DatasetDockFolds::collapsedByDefault(View::Anomalies));
    }
};

QTEST_MAIN(TestDatasetDock)
#include "test_dataset_dock.moc"
