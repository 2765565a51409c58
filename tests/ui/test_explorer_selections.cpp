// The explorer's neighbours and selections, driven as a person would, offscreen: the Neighbours tab lists what
// core's nearestNeighbours finds in the model's latents (either metric, any count), a click on a neighbour
// moves the selection there, Isolate leaves only the selection and its neighbours on the scatter, the select
// tools of the bar put the scatter in their mode, a region is kept as a named set, chosen again, renamed and
// deleted, survives a new layout, and exports into a new folder that reads back.
#include "core/analysis/latent_neighbours.h"
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"
#include "tests/support/fixtures.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_selections.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/neighbours_panel.h"
#include "ui/explorer/projection_bar.h"
#include "ui/explorer/sample_sets.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/explorer/sets_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include <fstream>
#include <numeric>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;

namespace {

// The data's latents under this model, as the explorer's encode-all computes them (the mean of a VAE).
std::vector<float> latentsOf(const ModelPtr& model, const Dataset& data)
{
    torch::NoGradGuard g;
    std::vector<std::int64_t> all(static_cast<std::size_t>(data.size()));
    std::iota(all.begin(), all.end(), std::int64_t {0});
    const torch::Tensor mu = model->encode(data.batch(all)).mu.contiguous();
    return {mu.data_ptr<float>(), mu.data_ptr<float>() + mu.numel()};
}

std::vector<qint64> listed(const NeighboursPanel& panel)
{
    std::vector<qint64> out;
    for (int i = 0; i < panel.list()->count(); ++i)
        out.push_back(panel.list()->item(i)->data(Qt::UserRole).toLongLong());
    return out;
}

QMessageBox* openMessageBox()
{
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible())
            return box;
    return nullptr;
}

struct Explorer {
    static constexpr int kLatent = 3;
    TempDir dir;
    DatasetPtr data = fixtures::tinyImages(dir);
    ExplorerView view;
    ModelPtr model;
    NeighboursPanel* neighbours = nullptr;
    SetsPanel* sets = nullptr;

    Explorer()
    {
        view.resize(1100, 700);
        neighbours = view.selections()->neighboursPanel();
        sets = view.selections()->setsPanel();
    }
    // The data and a fresh model in the view, once the first layout is final.
    bool explore()
    {
        QSignalSpy frames(&view, &ExplorerView::frameShown);
        view.setDataset(data);
        ModelConfig c = ModelConfig::defaultsFor(data->sampleShape(), ModelKind::Vae);
        c.hidden = {16};
        c.latentDim = kLatent;
        torch::manual_seed(9);
        model = snapshotModel(makeModel(c));
        view.setModel(model);
        return QTest::qWaitFor([&] {
            for (const auto& f : frames)
                if (f.at(0).toBool())
                    return true;
            return false;
        }, 20000);
    }
    // Waits until the panel lists the neighbours of `index` by `metric`.
    bool waitNeighbours(qint64 index, NeighbourMetric metric = NeighbourMetric::Euclidean, int count = -1)
    {
        return QTest::qWaitFor([&] {
            const NeighbourList& shown = neighbours->shown();
            return shown.index == index && shown.metric == metric
                && (count < 0 || shown.indices.size() == count) && neighbours->list()->count() == shown.indices.size();
        }, 10000);
    }
    std::vector<Neighbour> core(qint64 index, int k, NeighbourMetric metric) const
    {
        const std::vector<float> z = latentsOf(model, *data);
        return nearestNeighbours(z.data(), data->size(), kLatent, index, k, metric);
    }
};

void compare(const NeighboursPanel& panel, const std::vector<Neighbour>& want)
{
    const NeighbourList& shown = panel.shown();
    QCOMPARE(shown.indices.size(), qsizetype(want.size()));
    QCOMPARE(listed(panel).size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        QCOMPARE(shown.indices[int(i)], want[i].index);
        QCOMPARE(listed(panel)[i], want[i].index);
        QVERIFY2(std::abs(shown.distances[int(i)] - want[i].distance) < 1e-4, qPrintable(QString::number(i)));
    }
}

} // namespace

class TestExplorerSelections : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }

    void theTabsAreThere()
    {
        ExplorerView view;
        QTabWidget* tabs = view.panels();
        QVERIFY(tabs->indexOf(view.selections()->neighboursPanel()) >= 0);
        QVERIFY(tabs->indexOf(view.selections()->setsPanel()) >= 0);
        QCOMPARE(tabs->tabText(tabs->indexOf(view.selections()->neighboursPanel())), QStringLiteral("Neighbours"));
        QCOMPARE(tabs->tabText(tabs->indexOf(view.selections()->setsPanel())), QStringLiteral("Sets"));
    }

    void neighboursAreCoresAnswerForEitherMetric()
    {
        Explorer e;
        QVERIFY(e.explore());
        e.view.selectSample(5);
        QVERIFY(e.waitNeighbours(5));
        compare(*e.neighbours, e.core(5, e.neighbours->count(), NeighbourMetric::Euclidean));
        QCOMPARE(e.neighbours->count(), 12);
        // Each with a thumbnail large enough to recognise and its class under it.
        QListWidgetItem* first = e.neighbours->list()->item(0);
        QVERIFY(!first->icon().isNull());
        QVERIFY(first->icon().availableSizes().value(0).width() >= 80);
        const qint64 index = first->data(Qt::UserRole).toLongLong();
        const QString cls = QString::fromStdString(e.data->classNames()[e.data->labels()[index]]);
        QVERIFY2(first->text().startsWith(cls), qPrintable(first->text()));

        e.neighbours->metricBox()->setCurrentIndex(e.neighbours->metricBox()->findData(int(NeighbourMetric::Cosine)));
        QVERIFY(e.waitNeighbours(5, NeighbourMetric::Cosine));
        compare(*e.neighbours, e.core(5, 12, NeighbourMetric::Cosine));
        e.neighbours->countBox()->setValue(4);
        QVERIFY(e.waitNeighbours(5, NeighbourMetric::Cosine, 4));
        compare(*e.neighbours, e.core(5, 4, NeighbourMetric::Cosine));
    }

    void aClickOnANeighbourMovesTheSelection()
    {
        Explorer e;
        e.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e.view));
        QVERIFY(e.explore());
        e.view.panels()->setCurrentWidget(e.neighbours);
        e.view.selectSample(9);
        QVERIFY(e.waitNeighbours(9));
        QSignalSpy selected(&e.view, &ExplorerView::sampleSelected);
        QListWidget* list = e.neighbours->list();
        QListWidgetItem* third = list->item(2);
        const qint64 target = third->data(Qt::UserRole).toLongLong();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(third).center());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.last().at(0).toLongLong(), target);
        QCOMPARE(e.view.selectedSample(), target);
        QCOMPARE(e.view.scatter()->selected(), int(target));
        // The list follows: now the neighbours of the sample clicked.
        QVERIFY(e.waitNeighbours(target));
        compare(*e.neighbours, e.core(target, 12, NeighbourMetric::Euclidean));
    }

    void isolateLeavesOnlyTheSelectionAndItsNeighbours()
    {
        Explorer e;
        QVERIFY(e.explore());
        ScatterView* scatter = e.view.scatter();
        e.view.selectSample(3);
        QVERIFY(e.waitNeighbours(3));
        e.neighbours->isolateBox()->setChecked(true);
        QVERIFY(scatter->isIsolating());
        std::vector<int> kept = e.neighbours->shownWithQuery();
        QCOMPARE(kept.size(), std::size_t(13));
        std::sort(kept.begin(), kept.end());
        for (int i = 0; i < scatter->pointCount(); ++i)
            QCOMPARE(scatter->isVisible(i), std::binary_search(kept.begin(), kept.end(), i));
        QCOMPARE(scatter->pointsIn(QRectF(scatter->rect())), kept);
        // A smaller count isolates fewer.
        e.neighbours->countBox()->setValue(2);
        QVERIFY(e.waitNeighbours(3, NeighbourMetric::Euclidean, 2));
        QCOMPARE(scatter->pointsIn(QRectF(scatter->rect())).size(), std::size_t(3));
        // Off: everything comes back.
        e.neighbours->isolateBox()->setChecked(false);
        QVERIFY(!scatter->isIsolating());
        QCOMPARE(scatter->pointsIn(QRectF(scatter->rect())).size(), std::size_t(e.data->size()));
    }

    void theBarsSelectToolsSetTheScattersMode()
    {
        ExplorerView view;
        ProjectionBar* bar = view.projectionBar();
        ScatterView* scatter = view.scatter();
        QToolButton* select = bar->selectButton();
        QCOMPARE(select->text(), QStringLiteral("Rectangle"));
        select->click();
        QCOMPARE(scatter->mode(), ScatterView::Mode::Rectangle);
        // A shape from the button's menu: the button says it, and the scatter draws it.
        bar->lassoAction()->trigger();
        QCOMPARE(scatter->mode(), ScatterView::Mode::Lasso);
        QCOMPARE(select->text(), QStringLiteral("Lasso"));
        // The probe and the select button take turns.
        bar->probeButton()->click();
        QCOMPARE(scatter->mode(), ScatterView::Mode::Probe);
        QVERIFY(!select->isChecked());
        select->click();
        QCOMPARE(scatter->mode(), ScatterView::Mode::Lasso);
        QVERIFY(!bar->probeButton()->isChecked());
        QVERIFY(!scatter->probeVisible());
        select->click();
        QCOMPARE(scatter->mode(), ScatterView::Mode::Navigate);
        // Chosen while off, a shape turns the button on.
        bar->rectangleAction()->trigger();
        QVERIFY(select->isChecked());
        QCOMPARE(scatter->mode(), ScatterView::Mode::Rectangle);
        bar->setSelectTool(ProjectionBar::SelectTool::None);
        QCOMPARE(scatter->mode(), ScatterView::Mode::Navigate);
        bar->setSelectTool(ProjectionBar::SelectTool::Lasso);
        QCOMPARE(scatter->mode(), ScatterView::Mode::Lasso);
    }

    void aRegionIsKeptChosenRenamedAndDeleted()
    {
        Explorer e;
        QVERIFY(e.explore());
        ScatterView* scatter = e.view.scatter();
        SampleSets* sets = e.view.sampleSets();
        QSignalSpy regions(&e.view, &ExplorerView::regionSelected);
        e.view.selectSample(7);
        QVERIFY(e.waitNeighbours(7));
        // "Select these": the sample and its neighbours become the region.
        e.neighbours->selectButton()->click();
        std::vector<int> near = e.neighbours->shownWithQuery();
        std::sort(near.begin(), near.end());
        QCOMPARE(scatter->region(), near);
        QCOMPARE(regions.count(), 1);
        QCOMPARE(regions.last().at(0).value<std::vector<int>>(), near);
        QVERIFY(e.sets->keepButton()->isEnabled());

        QCOMPARE(sets->uniqueName(QStringLiteral("Selection")), QStringLiteral("Selection"));
        QVERIFY(e.view.selections()->keepRegion(QStringLiteral("Near seven")));
        QCOMPARE(sets->count(), 1);
        QCOMPARE(sets->at(0).indices, near);
        QCOMPARE(e.sets->list()->topLevelItem(0)->text(0), QStringLiteral("Near seven"));
        QCOMPARE(e.sets->list()->topLevelItem(0)->text(1), QStringLiteral("13"));
        // A name taken is refused, in a dialog, and nothing changes.
        QVERIFY(!e.view.selections()->keepRegion(QStringLiteral("Near seven")));
        QTRY_VERIFY(openMessageBox() != nullptr);
        QVERIFY(openMessageBox()->text().contains(QStringLiteral("exists already")));
        openMessageBox()->close();
        QCOMPARE(sets->count(), 1);

        // Cleared, then chosen from the list again.
        e.sets->clearButton()->click();
        QVERIFY(scatter->region().empty());
        QVERIFY(regions.last().at(0).value<std::vector<int>>().empty());
        QTreeWidget* list = e.sets->list();
        e.view.panels()->setCurrentWidget(e.sets);
        e.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e.view));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->topLevelItem(0)).center());
        QCOMPARE(scatter->region(), near);
        QCOMPARE(regions.last().at(0).value<std::vector<int>>(), near);

        // Renamed in place; a name another set has is put back.
        sets->put(QStringLiteral("Other"), {1, 2});
        list->topLevelItem(0)->setText(0, QStringLiteral("Seven's"));
        QCOMPARE(sets->at(0).name, QStringLiteral("Seven's"));
        list->topLevelItem(0)->setText(0, QStringLiteral("Other"));
        QCOMPARE(sets->at(0).name, QStringLiteral("Seven's"));
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Seven's"));
        QTRY_VERIFY(openMessageBox() != nullptr);
        openMessageBox()->close();

        // The region survives a new layout of the same samples.
        ProjectionSettings dims;
        dims.method = ProjectionMethod::Dims;
        dims.dimX = 2;
        dims.dimY = 0;
        QSignalSpy frames(&e.view, &ExplorerView::frameShown);
        e.view.setProjection(dims);
        QVERIFY(QTest::qWaitFor([&] { return !frames.isEmpty() && frames.last().at(0).toBool(); }, 20000));
        QCOMPARE(scatter->region(), near);
        QCOMPARE(scatter->selected(), 7);

        list->setCurrentItem(list->topLevelItem(1));
        e.sets->deleteButton()->click();
        QCOMPARE(sets->count(), 1);
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(sets->at(0).name, QStringLiteral("Seven's"));
    }

    void aSelectionExportsIntoANewFolderAndReadsBack()
    {
        Explorer e;
        QVERIFY(e.explore());
        ScatterView* scatter = e.view.scatter();
        scatter->setRegion({4, 0, 17, 63, 79});
        ExplorerSelections* selections = e.view.selections();
        QSignalSpy ended(selections, &ExplorerSelections::exportEnded);
        const QString folder = QString::fromStdString(e.dir.file("picked"));
        QVERIFY(selections->exportRegion(folder));
        QVERIFY(ended.wait(20000));
        QCOMPARE(ended.last().at(0).toBool(), true);
        QVERIFY(e.sets->status().contains(QStringLiteral("5 images")));

        std::ifstream csv((folder + "/selection.csv").toStdString());
        std::vector<std::string> lines;
        for (std::string line; std::getline(csv, line);)
            lines.push_back(line);
        QCOMPARE(lines.size(), std::size_t(6));
        QCOMPARE(lines[0], std::string("index,label,file"));
        const std::vector<int> want {0, 4, 17, 63, 79};
        for (std::size_t i = 0; i < want.size(); ++i)
            QCOMPARE(lines[i + 1], std::to_string(want[i]) + "," + e.data->classNames()[e.data->labels()[want[i]]] + ",");
        const QStringList pngs = QDir(folder).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
        QCOMPARE(pngs, (QStringList {"00000.png", "00004.png", "00017.png", "00063.png", "00079.png"}));
        for (const QString& name : pngs) {
            const QImage image(folder + "/" + name);
            QCOMPARE(image.size(), QSize(8, 8));
        }

        // Again into the same folder: refused in a dialog, and nothing in it changes.
        QVERIFY(selections->exportRegion(folder));
        QVERIFY(ended.wait(20000));
        QCOMPARE(ended.last().at(0).toBool(), false);
        QTRY_VERIFY(openMessageBox() != nullptr);
        QVERIFY(openMessageBox()->text().contains(QStringLiteral("picked is not empty")));
        openMessageBox()->close();
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 6);
    }
};

QTEST_MAIN(TestExplorerSelections)
#include "test_explorer_selections.moc"
