// The duplicates view on data with planted copies: exact copies (one within training, one from test into
// training) are grouped with or without a model; the leak filter keeps the cross-split group; the histogram
// counts the distances at or below the threshold; a new threshold rescans; a gallery click and the
// explorer's selection go both ways, and the explorer colours by the nearest-sample distance.
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"
#include "core/training/trainer.h"
#include "tests/support/fixtures.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/anomaly/score_histogram.h"
#include "ui/common/strip_gallery.h"
#include "ui/duplicates/duplicates_controller.h"
#include "ui/duplicates/duplicates_view.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/shell/main_window.h"
#include "ui/shell/workspace.h"

#include <QComboBox>
#include <QLabel>
#include <QtTest>

#include <random>
#include <set>

using namespace latentlab;
using namespace latentlab::ui;

namespace {

// 120 distinct 8x8 noise images; 30 is copied onto 31 and 32 (all training), 100 (test) is a copy of 10
// (training). The last 20 samples are the test part.
DatasetPtr plantedCopies()
{
    std::mt19937 rng(9);
    std::uniform_int_distribution<int> any(0, 255);
    std::vector<std::uint8_t> pixels(120 * 64);
    for (auto& p : pixels)
        p = static_cast<std::uint8_t>(any(rng));
    auto copy = [&](int from, int to) {
        std::copy_n(pixels.begin() + from * 64, 64, pixels.begin() + to * 64);
    };
    copy(30, 31);
    copy(30, 32);
    copy(10, 100);
    Dataset d = Dataset::fromImages(std::move(pixels), 120, 1, 8, 8);
    std::vector<std::int32_t> labels(120);
    for (int i = 0; i < 120; ++i)
        labels[static_cast<std::size_t>(i)] = i % 2;
    d.setLabels(std::move(labels), {"even", "odd"});
    d.setPredefinedSplit(100);
    return std::make_shared<const Dataset>(std::move(d));
}

bool waitScanned(DuplicatesView& view)
{
    QSignalSpy scanned(view.controller(), &DuplicatesController::scanned);
    view.scan();
    return scanned.wait(30000);
}

std::set<std::vector<qint64>> groupsOf(const DuplicateResult& r, bool exactOnly)
{
    std::set<std::vector<qint64>> out;
    for (const DuplicateGroupRow& g : r.groups)
        if (!exactOnly || g.exact)
            out.insert(g.members);
    return out;
}

} // namespace

class TestDuplicatesView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        fixtures::isolateSettings();
        data_ = plantedCopies();
        ModelConfig c = ModelConfig::defaultsFor(data_->sampleShape(), ModelKind::Autoencoder);
        c.hidden = {16};
        c.latentDim = 4;
        torch::manual_seed(1);
        auto model = makeModel(c);
        TrainingConfig t;
        t.epochs = 3;
        t.batchSize = 32;
        t.threads = 1;
        Trainer(model, *data_, t).run();
        model_ = snapshotModel(model);
    }

    void exactCopiesWithoutAModel()
    {
        DuplicatesView view;
        view.setDataset(data_);
        QVERIFY(waitScanned(view)); // no model: exact copies alone
        const DuplicateResult& r = view.result();
        QCOMPARE(groupsOf(r, true), (std::set<std::vector<qint64>>{{10, 100}, {30, 31, 32}}));
        QCOMPARE(r.exactGroups, qint64(2));
        QCOMPARE(r.leaks, qint64(1));
        QCOMPARE(r.exactLeaks, qint64(1));
        QVERIFY(r.nearest.empty());
        QVERIFY(view.summaryLabel()->text().contains(QStringLiteral("1 test samples have a copy in training")));
        view.setFilter(DuplicatesView::Filter::Leaks);
        QCOMPARE(view.shown().size(), std::size_t(1));
        QCOMPARE(r.groups[static_cast<std::size_t>(view.shown().front())].members, (std::vector<qint64>{10, 100}));
        QCOMPARE(view.gallery()->entries().size(), 1);
        QCOMPARE(view.gallery()->entries().front().images.size(), 2);
        // Exported in core's groups CSV: a header and one row per member (2 + 3).
        latentlab::testing::TempDir dir;
        const QString csv = QString::fromStdString(dir.path() + "/groups.csv");
        QSignalSpy done(&view, &DuplicatesView::exportFinished);
        view.exportGroups(csv);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.last().at(0).toString(), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QStringLiteral("group,index,split,file,distance,exact")));
        QCOMPARE(text.count(QLatin1Char('\n')), 6);
    }

    void nearDuplicatesWithAModelAndANewThreshold()
    {
        DuplicatesView view;
        view.resize(1200, 700);
        view.show();
        view.setDataset(data_);
        view.setModel(model_);
        QSignalSpy scanned(view.controller(), &DuplicatesController::scanned);
        QVERIFY(scanned.wait(30000)); // shown with a model: scans at once
        const DuplicateResult first = view.result();
        QCOMPARE(first.nearest.size(), std::size_t(120));
        // The copies are exact whatever the threshold, and the distances of copies are zero.
        QVERIFY(groupsOf(first, true) == (std::set<std::vector<qint64>>{{10, 100}, {30, 31, 32}}));
        QCOMPARE(first.nearest[31], 0.0);
        // A threshold past every distance puts every sample in one near group.
        const double far = *std::max_element(first.nearest.begin(), first.nearest.end()) * 2 + 1;
        view.setThreshold(far);
        QVERIFY(scanned.wait(30000));
        QCOMPARE(view.result().threshold, far);
        QCOMPARE(view.result().samplesInGroups, qint64(120));
        QCOMPARE(view.histogram()->threshold(), far);
        // Copies are members of that one group now (a sample is in one group at most), marked exact there.
        QCOMPARE(view.result().groups.size(), std::size_t(1));
        QVERIFY(!view.result().groups.front().exact);
        view.setFilter(DuplicatesView::Filter::Exact);
        QVERIFY(view.shown().empty());
        // A click on a group reports its first sample.
        view.setFilter(DuplicatesView::Filter::All);
        QSignalSpy chosen(&view, &DuplicatesView::sampleChosen);
        QTest::mouseClick(view.gallery(), Qt::LeftButton, {}, view.gallery()->itemRect(0).center());
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.front().at(0).toLongLong(), view.gallery()->entries().front().index);
    }

    void linkedWithTheExplorer()
    {
        MainWindow window;
        window.resize(1400, 900);
        Workspace* w = window.workspace();
        w->setDataset(data_, QString());
        w->explorerView()->setModel(model_);
        DuplicatesView* view = w->duplicatesView();
        view->setModel(model_);
        QVERIFY(waitScanned(*view));
        ExplorerView* explorer = w->explorerView();
        explorer->colorBox()->setCurrentIndex(3);
        QVERIFY(QTest::qWaitFor([&] { return explorer->findChild<ScatterView*>()->coloredByValue(); }, 20000));
        Q_EMIT view->sampleChosen(30);
        QCOMPARE(explorer->selectedSample(), qint64(30));
        // The explorer's selection of a copy turns the gallery to its group.
        view->setFilter(DuplicatesView::Filter::Leaks);
        Q_EMIT explorer->sampleSelected(32); // as a click on the scatter says it
        QCOMPARE(view->gallery()->selected(), qint64(30));
    }

private:
    DatasetPtr data_;
    ModelPtr model_;
};

QTEST_MAIN(TestDuplicatesView)
#include "test_duplicates_view.moc"
