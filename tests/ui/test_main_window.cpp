// The window as a user meets it: loading through every entry point fills the dock and the gallery, a bad
// file shows core's message and keeps what was loaded, and drops and recent files work.
#include "ui/dataset/dataset_loader.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/gallery_view.h"
#include "ui/dataset/sample_grid.h"
#include "ui/shell/main_window.h"
#include "ui/shell/recent_files_menu.h"

#include "core/data/load_dataset.h"
#include "tests/support/fixtures.h"
#include "tests/ui/ui_fixtures.h"

#include <QtTest>

#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;

namespace {

// 100 train + 20 test images of 7x5 in 4 classes: 30 of each class in all.
QString writeIdxFolder(const TempDir& dir)
{
    testing::writeIdxPair(dir.path(), "train", 100, 7, 5, 4, true);
    testing::writeIdxPair(dir.path(), "t10k", 20, 7, 5, 4, true);
    return QString::fromStdString(dir.path());
}

bool loadAndWait(MainWindow& window, const QString& path)
{
    QSignalSpy changed(&window, &MainWindow::datasetChanged);
    window.openDataset(path);
    return changed.wait(10000);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        latentlab::ui::fixtures::isolateSettings(); // away from the user's own settings and recent files
    }

    void init() { QSettings().clear(); }

    void startsOnWelcomePage()
    {
        MainWindow window;
        QVERIFY(window.showsWelcome());
        QVERIFY(!window.dataset());
        QCOMPARE(window.windowTitle(), QStringLiteral("LatentLab"));
        QVERIFY(window.acceptDrops());
        QVERIFY(window.datasetDock()->isHidden()); // nothing to show yet: the welcome page gets the room
    }

    void loadFillsDockAndGallery()
    {
        TempDir dir;
        const QString folder = writeIdxFolder(dir);
        MainWindow window;
        QVERIFY(loadAndWait(window, folder));

        QVERIFY(!window.showsWelcome());
        QVERIFY(!window.datasetDock()->isHidden());
        QCOMPARE(window.dataset()->size(), 120);
        QCOMPARE(window.windowTitle(), QStringLiteral("LatentLab — %1").arg(QFileInfo(folder).fileName()));

        DatasetPanel* panel = window.datasetPanel();
        QCOMPARE(panel->countLabel()->text(), QStringLiteral("120 images"));
        QTableWidget* classes = panel->classTable();
        QCOMPARE(classes->rowCount(), 4);
        for (int c = 0; c < 4; ++c) {
            QCOMPARE(classes->item(c, 0)->text(), QString::number(c));
            QCOMPARE(classes->item(c, 1)->text(), QString::number(c)); // plain IDX: classes are named by index
            QCOMPARE(classes->item(c, 2)->text(), QStringLiteral("30"));
        }

        // The preview: 48 random samples, each captioned with its own class.
        SampleGrid* grid = panel->previewGrid();
        QVERIFY(panel->showsThumbnails());
        QCOMPARE(grid->thumbnailCount(), DatasetPanel::kPreviewSamples);
        for (int i = 0; i < grid->thumbnailCount(); ++i) {
            const std::int64_t index = grid->sampleIndices()[static_cast<std::size_t>(i)];
            QCOMPARE(grid->caption(i), QString::number(index % 4));
            QCOMPARE(grid->thumbnail(i).size(), QSize(40, 56)); // 5x7 enlarged 8x into the 56-pixel box
        }
        const auto before = grid->sampleIndices();
        panel->shuffle();
        QCOMPARE(grid->thumbnailCount(), DatasetPanel::kPreviewSamples);
        QVERIFY(grid->sampleIndices() != before);

        // The gallery pages through everything.
        QCOMPARE(window.gallery()->filtered().size(), std::size_t(120));
    }

    void classRowFiltersGallery()
    {
        TempDir dir;
        MainWindow window;
        QVERIFY(loadAndWait(window, writeIdxFolder(dir)));
        window.datasetPanel()->classTable()->selectRow(2);
        GalleryView* gallery = window.gallery();
        QCOMPARE(gallery->classFilter(), 2);
        QCOMPARE(gallery->filtered().size(), std::size_t(30));
        for (std::int64_t i : gallery->filtered())
            QCOMPARE(window.dataset()->labels()[static_cast<std::size_t>(i)], 2);
        for (int i = 0; i < gallery->grid()->thumbnailCount(); ++i)
            QCOMPARE(gallery->grid()->caption(i), QStringLiteral("2"));
    }

    void galleryPages()
    {
        TempDir dir;
        auto ds = std::make_shared<const Dataset>(
            loadDataset(testing::writeIdxPair(dir.path(), "train", 200, 28, 28, 10, false)));
        GalleryView gallery;
        gallery.resize(700, 500);
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        gallery.setDataset(ds);
        const int size = gallery.pageSize();
        QVERIFY2(size > 1 && size < 200, qPrintable(QString::number(size)));
        QCOMPARE(gallery.grid()->thumbnailCount(), size);
        QCOMPARE(gallery.pageCount(), (200 + size - 1) / size);
        gallery.nextPage();
        QCOMPARE(gallery.page(), 1);
        QCOMPARE(gallery.grid()->sampleIndices().front(), size);
        gallery.previousPage();
        QCOMPARE(gallery.grid()->sampleIndices().front(), 0);
    }

    void badFileShowsErrorAndKeepsDataset()
    {
        TempDir dir;
        const QString folder = writeIdxFolder(dir);
        testing::writeText(dir.file("empty.bin"), "");
        MainWindow window;
        window.show();
        QVERIFY(loadAndWait(window, folder));
        const DatasetPtr before = window.dataset();
        const QString title = window.windowTitle();

        QSignalSpy failed(&window, &MainWindow::loadFailed);
        QSignalSpy changed(&window, &MainWindow::datasetChanged);
        window.openDataset(QString::fromStdString(dir.file("empty.bin")));
        QVERIFY(failed.wait(10000));
        const QString message = failed.first().at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("empty.bin")), qPrintable(message));

        QCOMPARE(changed.count(), 0);
        QCOMPARE(window.dataset(), before);
        QCOMPARE(window.windowTitle(), title);
        QCOMPARE(window.datasetPanel()->countLabel()->text(), QStringLiteral("120 images"));

        // The dialog is up, showing core's message, without blocking the event loop.
        auto* box = window.findChild<QMessageBox*>();
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QCOMPARE(box->text(), message);
        box->accept();
    }

    void dropLoads()
    {
        TempDir dir;
        const QString images = QString::fromStdString(testing::writeIdxPair(dir.path(), "train", 9, 4, 4, 3, false));
        MainWindow window;
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(images)});

        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());

        QSignalSpy changed(&window, &MainWindow::datasetChanged);
        QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(changed.wait(10000));
        QCOMPARE(window.dataset()->size(), 9);
        QCOMPARE(QString::fromStdString(window.dataset()->source), images);
        QCOMPARE(window.datasetPanel()->previewGrid()->thumbnailCount(), 9); // fewer than 48: all of them
    }

    void dragOfNonFileIsRefused()
    {
        MainWindow window;
        QMimeData mime;
        mime.setUrls({QUrl(QStringLiteral("https://example.org/data.csv"))});
        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        enter.setAccepted(false);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(!enter.isAccepted());
    }

    void tableShowsFirstRows()
    {
        TempDir dir;
        std::string csv = "height,weight,age\n";
        for (int i = 0; i < 30; ++i)
            csv += std::to_string(150 + i) + "," + std::to_string(50 + i) + "," + std::to_string(20 + i % 7) + "\n";
        testing::writeText(dir.file("people.csv"), csv);
        MainWindow window;
        QVERIFY(loadAndWait(window, QString::fromStdString(dir.file("people.csv"))));
        DatasetPanel* panel = window.datasetPanel();
        QVERIFY(!panel->showsThumbnails());
        QCOMPARE(panel->previewGrid()->thumbnailCount(), 0);
        QAbstractItemModel* model = panel->previewTable()->model();
        QCOMPARE(model->rowCount(), DatasetPanel::kPreviewRows);
        QCOMPARE(model->columnCount(), 3);
        QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("weight"));
        // Shown in original units, not the stored [0,1].
        QCOMPARE(model->data(model->index(3, 0)).toString(), QStringLiteral("153"));
        QCOMPARE(panel->countLabel()->text(), QStringLiteral("30 rows"));
    }

    void recentFilesPersist()
    {
        TempDir dir;
        const QString folder = writeIdxFolder(dir);
        {
            MainWindow window;
            QVERIFY(loadAndWait(window, folder));
            QCOMPARE(window.recentFiles()->files().value(0), QFileInfo(folder).absoluteFilePath());
            window.close();
        }
        QVERIFY(!QSettings().value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
        MainWindow again;
        QCOMPARE(again.recentFiles()->files().value(0), QFileInfo(folder).absoluteFilePath());

        // An entry that no longer exists leaves the list when opening it fails.
        const QString gone = QFileInfo(folder).absoluteFilePath() + QStringLiteral("-gone");
        again.recentFiles()->addFile(gone);
        QCOMPARE(again.recentFiles()->files().value(0), gone);
        QSignalSpy failed(&again, &MainWindow::loadFailed);
        again.openDataset(gone);
        QVERIFY(failed.wait(10000));
        QVERIFY(!again.recentFiles()->files().contains(gone));
        QVERIFY(again.recentFiles()->files().contains(QFileInfo(folder).absoluteFilePath()));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
