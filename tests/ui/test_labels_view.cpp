// The labels view on data with planted mislabels: a model trained on three clear patterns ranks the planted
// samples first by their neighbours' labels; the confusion matrix counts given against suggested and its cell
// filters the gallery; a gallery click reports the sample, and the explorer's selection reaches the gallery;
// decisions mark the entries and survive a session round trip; the exported suspects CSV and relabelled
// labels file hold the decisions.
#include "core/data/load_dataset.h"
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"
#include "core/training/trainer.h"
#include "tests/support/fixtures.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/common/strip_gallery.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/labels/confusion_matrix.h"
#include "ui/labels/labels_controller.h"
#include "ui/labels/labels_view.h"
#include "ui/shell/main_window.h"
#include "ui/shell/session_file.h"
#include "ui/shell/workspace.h"

#include <QComboBox>
#include <QLabel>
#include <QFile>
#include <QtTest>

#include <fstream>
#include <random>
#include <set>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;

namespace {

// Planted: their pixels are of class (label + 1) % 3's pattern.
const std::set<qint64> kMislabelled{7, 40, 101, 150};

// 180 8x8 images of three patterns (rows, columns, checks) with mild noise, labelled by pattern but for the
// planted four.
Dataset plantedMislabels()
{
    std::mt19937 rng(4);
    std::uniform_int_distribution<int> noise(-20, 20);
    std::vector<std::uint8_t> pixels(180 * 64);
    std::vector<std::int32_t> labels(180);
    for (int i = 0; i < 180; ++i) {
        const int pattern = i % 3;
        labels[static_cast<std::size_t>(i)] = kMislabelled.count(i) ? (pattern + 2) % 3 : pattern;
        for (int r = 0; r < 8; ++r)
            for (int c = 0; c < 8; ++c) {
                const int base = pattern == 0 ? (r % 2) * 220 : pattern == 1 ? (c % 2) * 220 : ((r + c) % 2) * 220;
                pixels[static_cast<std::size_t>(i * 64 + r * 8 + c)] =
                    static_cast<std::uint8_t>(std::clamp(base + 20 + noise(rng), 0, 255));
            }
    }
    Dataset d = Dataset::fromImages(std::move(pixels), 180, 1, 8, 8);
    d.setLabels(std::move(labels), {"rows", "columns", "checks"});
    d.splitBySeed(0.0, 1); // every sample trains: the view scores the training part
    return d;
}

ModelPtr trainedAutoencoder(const Dataset& data)
{
    ModelConfig c = ModelConfig::defaultsFor(data.sampleShape(), ModelKind::Autoencoder);
    c.hidden = {32};
    c.latentDim = 4;
    torch::manual_seed(2);
    auto model = makeModel(c);
    TrainingConfig t;
    t.epochs = 30;
    t.batchSize = 32;
    t.learningRate = 3e-3;
    t.threads = 1;
    t.validationFraction = 0.0;
    Trainer(model, data, t).run();
    return snapshotModel(model);
}

bool waitScored(LabelsView& view)
{
    QSignalSpy scored(view.controller(), &LabelsController::scored);
    view.score();
    return scored.wait(30000);
}

} // namespace

class TestLabelsView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        fixtures::isolateSettings();
        data_ = std::make_shared<const Dataset>(plantedMislabels());
        model_ = trainedAutoencoder(*data_);
    }

    void plantedMislabelsRankFirstAndTheMatrixCountsThem()
    {
        LabelsView view;
        view.setDataset(data_);
        view.setModel(model_);
        QVERIFY(view.methodBox()->currentData().toString() == QLatin1String("neighbors")); // not a CVAE
        QVERIFY(waitScored(view));
        QCOMPARE(view.scores().suspects.size(), std::size_t(180));
        QVERIFY(view.ranked().size() >= kMislabelled.size());
        std::set<qint64> top;
        for (std::size_t i = 0; i < kMislabelled.size(); ++i)
            top.insert(view.scores().suspects[view.ranked()[i]].index);
        QCOMPARE(top, kMislabelled);
        // Each planted sample is suggested its pattern's class: given (p + 2) % 3, suggested p.
        const auto& counts = view.confusion()->counts();
        QCOMPARE(counts.size(), std::size_t(3));
        qint64 total = 0, offDiagonal = 0;
        for (int g = 0; g < 3; ++g)
            for (int s = 0; s < 3; ++s) {
                total += counts[g][s];
                offDiagonal += g == s ? 0 : counts[g][s];
            }
        QCOMPARE(total, qint64(180));
        QCOMPARE(offDiagonal, qint64(view.ranked().size())); // "suspects only": exactly the off-diagonal ones
        for (qint64 i : kMislabelled) {
            const int pattern = static_cast<int>(i % 3);
            QVERIFY(counts[(pattern + 2) % 3][pattern] >= 1);
        }
        QVERIFY(view.statusLabel()->text().contains(QStringLiteral("of 180")));
    }

    void aCellFiltersTheGalleryAndClicksSelect()
    {
        LabelsView view;
        view.resize(1200, 700);
        view.show();
        view.setDataset(data_);
        view.setModel(model_);
        QVERIFY(waitScored(view));
        // Sample 7 is a "rows" image (pattern 1 is columns: 7 % 3 == 1) labelled checks.
        const int given = data_->labels()[7], suggested = 1;
        QSignalSpy pages(&view, &LabelsView::pageShown);
        QTest::mouseClick(view.confusion(), Qt::LeftButton, {}, view.confusion()->cellRect(given, suggested).center());
        QCOMPARE(view.confusion()->chosenGiven(), given);
        QVERIFY(!view.ranked().empty());
        for (std::size_t i : view.ranked()) {
            QCOMPARE(view.scores().suspects[i].given, given);
            QCOMPARE(view.scores().suspects[i].suggested, suggested);
        }
        QVERIFY(pages.wait(10000) || !view.gallery()->entries().isEmpty());
        QCOMPARE(view.gallery()->entries().size(), int(view.ranked().size()));
        QVERIFY(!view.gallery()->entries().front().images.front().isNull());
        QSignalSpy chosen(&view, &LabelsView::sampleChosen);
        QTest::mouseClick(view.gallery(), Qt::LeftButton, {}, view.gallery()->itemRect(0).center());
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.front().at(0).toLongLong(), view.gallery()->entries().front().index);
        // The same cell again: every suspect.
        QTest::mouseClick(view.confusion(), Qt::LeftButton, {}, view.confusion()->cellRect(given, suggested).center());
        QCOMPARE(view.confusion()->chosenGiven(), -1);
        // A clean sample chosen elsewhere (the scatter) shows though "suspects only" hid it.
        view.selectSample(3);
        QCOMPARE(view.selected(), qint64(3));
        QVERIFY(std::any_of(view.ranked().begin(), view.ranked().end(),
                            [&](std::size_t i) { return view.scores().suspects[i].index == 3; }));
    }

    void decisionsMarkEntriesAndExportWithTheLabels()
    {
        TempDir dir;
        const std::string images = latentlab::testing::writeIdxPair(dir.path(), "d", 60, 8, 8, 3, false);
        Dataset loaded = loadDataset(images);
        loaded.splitBySeed(0.0, 1);
        const auto data = std::make_shared<const Dataset>(std::move(loaded));
        ModelConfig c = ModelConfig::defaultsFor(data->sampleShape(), ModelKind::Autoencoder);
        c.hidden = {16};
        c.latentDim = 3;
        LabelsView view;
        view.setDataset(data);
        view.setModel(makeModel(c));
        QVERIFY(waitScored(view));
        view.selectSample(5);
        view.relabelSelected((data->labels()[5] + 1) % 3);
        view.selectSample(6);
        view.keepSelected();
        QCOMPARE(view.decisions().relabelCount(), 1);
        QCOMPARE(view.decisions().keepCount(), 1);

        const QString csv = QString::fromStdString(dir.path() + "/suspects.csv");
        QSignalSpy done(&view, &LabelsView::exportFinished);
        view.exportSuspects(csv);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.last().at(0).toString(), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QStringLiteral("index,file,given,suggested,score,decision")));
        QCOMPARE(text.count(QLatin1Char('\n')), 61); // a header and every scored sample
        QVERIFY(text.contains(QStringLiteral("relabel")) && text.contains(QStringLiteral("keep")));

        // The relabelled labels file, beside the data but not over it: it loads back with the one change.
        const QString labels = QString::fromStdString(dir.path() + "/relabelled-labels-idx1-ubyte");
        view.exportRelabelled(labels);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.last().at(0).toString(), QString());
        QVERIFY(QFile::exists(labels));
        LoadOptions withNew;
        withNew.labelsPath = labels.toStdString();
        const Dataset back = loadDataset(images, withNew);
        for (qint64 i = 0; i < data->size(); ++i) {
            const auto u = static_cast<std::size_t>(i);
            QCOMPARE(back.labels()[u], i == 5 ? (data->labels()[5] + 1) % 3 : data->labels()[u]);
        }
        // Over the dataset's own labels file: refused, the file unchanged.
        const std::string own = dir.path() + "/d-labels-idx1-ubyte";
        if (QFile::exists(QString::fromStdString(own))) {
            QFile before(QString::fromStdString(own));
            QVERIFY(before.open(QIODevice::ReadOnly));
            const QByteArray bytes = before.readAll();
            before.close();
            view.exportRelabelled(QString::fromStdString(own));
            QVERIFY(done.wait(10000));
            QVERIFY(!done.last().at(0).toString().isEmpty());
            QFile after(QString::fromStdString(own));
            QVERIFY(after.open(QIODevice::ReadOnly));
            QCOMPARE(after.readAll(), bytes);
        }
    }

    void decisionsSurviveASession()
    {
        TempDir dir;
        fixtures::tinyImages(dir);
        const QString data = QString::fromStdString(dir.path());
        const QString session = data + "/s.latentlab";
        {
            MainWindow window;
            QSignalSpy loaded(&window, &MainWindow::datasetChanged);
            window.openDataset(data);
            QVERIFY(loaded.wait(10000));
            window.workspace()->labelsView()->setDecisions({{2, false, -1}, {5, true, 1}});
            window.showView(View::Labels);
            QCOMPARE(window.saveSession(session), QString());
        }
        const Session s = readSession(session);
        QCOMPARE(s.labelDecisions.size(), std::size_t(2));
        QCOMPARE(s.view, QStringLiteral("labels"));
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::datasetChanged);
        QCOMPARE(window.openSession(session), QString());
        QVERIFY(loaded.wait(10000));
        QVERIFY(QTest::qWaitFor([&] { return !window.workspace()->labelsView()->decisions().empty(); }, 10000));
        const LabelsView* labels = window.workspace()->labelsView();
        QCOMPARE(labels->decisions().keepCount(), 1);
        QCOMPARE(labels->decisions().relabels(), (std::map<qint64, int>{{5, 1}}));
        QCOMPARE(window.workspace()->currentWidget(), static_cast<QWidget*>(window.workspace()->labelsView()));
        // A decision naming a class the data lacks is refused by name.
        try {
            checkDecisionsFit({{1, true, 9}}, 10, 3);
            QFAIL("a relabel to class 9 of 3 was accepted");
        } catch (const std::exception& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("class 9")));
        }
    }

    void theExplorerColoursBySuspicion()
    {
        MainWindow window;
        window.resize(1400, 900);
        Workspace* w = window.workspace();
        w->setDataset(data_, QString());
        w->explorerView()->setModel(model_);
        w->labelsView()->setModel(model_);
        QVERIFY(waitScored(*w->labelsView()));
        ExplorerView* explorer = w->explorerView();
        QCOMPARE(explorer->colorBox()->count(), 4);
        explorer->colorBox()->setCurrentIndex(2);
        QVERIFY(QTest::qWaitFor([&] { return explorer->findChild<ScatterView*>()->coloredByValue(); }, 20000));
        // A gallery choice selects the sample in the explorer.
        Q_EMIT w->labelsView()->sampleChosen(40);
        QCOMPARE(explorer->selectedSample(), qint64(40));
    }

private:
    DatasetPtr data_;
    ModelPtr model_;
};

QTEST_MAIN(TestLabelsView)
#include "test_labels_view.moc"
