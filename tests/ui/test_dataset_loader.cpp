// The loader controller: work happens off the calling thread, answers come back as signals, every failure
// becomes a message naming the file, and only the newest request is answered.
#include "ui/dataset/dataset_loader.h"

#include "tests/support/fixtures.h"

#include <QtTest>

#include <memory>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;

class TestDatasetLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loadsIdxOffThread()
    {
        TempDir dir;
        const QString path = QString::fromStdString(testing::writeIdxPair(dir.path(), "train", 12, 6, 5, 3, true));
        DatasetLoader loader;
        QSignalSpy loaded(&loader, &DatasetLoader::loaded);
        QSignalSpy failed(&loader, &DatasetLoader::failed);
        QSignalSpy busy(&loader, &DatasetLoader::busyChanged);

        loader.load(path);
        // load() only queues: nothing can have been answered before the event loop runs.
        QVERIFY(loader.isBusy());
        QCOMPARE(loader.pendingPath(), path);
        QCOMPARE(loaded.count(), 0);

        QVERIFY(loaded.wait(10000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(loaded.first().at(0).toString(), path);
        const auto ds = loaded.first().at(1).value<DatasetPtr>();
        QVERIFY(ds);
        QCOMPARE(ds->size(), 12);
        QCOMPARE(ds->height(), 6);
        QCOMPARE(ds->width(), 5);
        QCOMPARE(ds->numClasses(), 3);
        QVERIFY(!loader.isBusy());
        QCOMPARE(busy.count(), 2);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
    }

    void emptyFileFailsWithItsName()
    {
        TempDir dir;
        testing::writeText(dir.file("empty.bin"), "");
        DatasetLoader loader;
        QSignalSpy loaded(&loader, &DatasetLoader::loaded);
        QSignalSpy failed(&loader, &DatasetLoader::failed);
        loader.load(QString::fromStdString(dir.file("empty.bin")));
        QVERIFY(failed.wait(10000));
        QCOMPARE(loaded.count(), 0);
        const QString message = failed.first().at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("empty.bin")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("empty")), qPrintable(message));
        QVERIFY(!loader.isBusy());
    }

    void missingPathFails()
    {
        DatasetLoader loader;
        QSignalSpy failed(&loader, &DatasetLoader::failed);
        loader.load(QStringLiteral("/nonexistent/nowhere-idx3-ubyte"));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("nowhere-idx3-ubyte")));
    }

    void onlyNewestRequestIsAnswered()
    {
        TempDir dir;
        testing::writeText(dir.file("empty.bin"), "");
        const QString good = QString::fromStdString(testing::writeIdxPair(dir.path(), "train", 8, 4, 4, 2, false));
        DatasetLoader loader;
        QSignalSpy loaded(&loader, &DatasetLoader::loaded);
        QSignalSpy failed(&loader, &DatasetLoader::failed);
        QSignalSpy busy(&loader, &DatasetLoader::busyChanged);
        loader.load(QString::fromStdString(dir.file("empty.bin")));
        loader.load(good);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().at(0).toString(), good);
        QCoreApplication::processEvents();
        QCOMPARE(failed.count(), 0); // superseded, so never shown
        QVERIFY(!loader.isBusy());
        QCOMPARE(busy.count(), 2); // busy once for both requests, not flickering between them
    }

    void destroyedWhileLoadingJoinsThread()
    {
        TempDir dir;
        const QString path = QString::fromStdString(testing::writeIdxPair(dir.path(), "train", 500, 28, 28, 10, true));
        auto loader = std::make_unique<DatasetLoader>();
        loader->load(path);
        // Must wait for the worker: a QThread destroyed while running aborts the process, and a result
        // delivered to a deleted controller would crash.
        loader.reset();
        QCoreApplication::processEvents();
    }
};

QTEST_MAIN(TestDatasetLoader)
#include "test_dataset_loader.moc"
