// The latent explorer driven as a person would, offscreen: the model's latents land on the scatter, dragging
// the probe decodes exactly the latent under the mouse, the interpolation slider's ends are the endpoints'
// reconstructions, a grid drawn twice with one seed is the same, t-SNE streams frames and stops, a traversal
// has a row per dimension, mid-run snapshots reach the explorer only when it follows training, and a bad model
// file is refused in one sentence.
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"
#include "tests/support/fixtures.h"
#include "tests/ui/directions_test_support.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/common/tensor_image.h"
#include "ui/dataset/gallery_view.h"
#include "ui/dataset/sample_grid.h"
#include "ui/explorer/bookmark_button.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/image_grid_view.h"
#include "ui/explorer/interpolation_panel.h"
#include "ui/explorer/probe_panel.h"
#include "ui/explorer/projection_bar.h"
#include "ui/explorer/sampling_panel.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/explorer/traversal_panel.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_controller.h"

#include <QComboBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QSpinBox>
#include <QSlider>
#include <QTabWidget>
#include <QToolButton>
#include <QtTest>

#include <atomic>
#include <fstream>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;
using latentlab::ui::fixtures::tinyImages;

namespace {

ModelPtr tinyModel(const Dataset& data, std::int64_t latent, ModelKind kind = ModelKind::Vae)
{
    ModelConfig c = ModelConfig::defaultsFor(data.sampleShape(), kind);
    c.hidden = {16};
    c.latentDim = latent;
    c.numClasses = kind == ModelKind::ConditionalVae ? data.numClasses() : 0;
    torch::manual_seed(5);
    return snapshotModel(makeModel(c));
}

QImage reconstructDirect(const ModelPtr& model, const Dataset& data, std::int64_t index)
{
    torch::NoGradGuard g;
    const torch::Tensor x = data.batch({index});
    return tensorToImage(model->decode(model->encode(x).mu).reconstruction.reshape_as(x)[0]);
}

using latentlab::ui::directions_test::decodeDirect;
using latentlab::ui::directions_test::maxPixelDifference;

void send(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons)
{
    QMouseEvent e(type, pos, w->mapToGlobal(pos), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                  Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

struct Explorer {
    TempDir dir;
    DatasetPtr data = tinyImages(dir);
    ExplorerView view;
    Explorer() { view.resize(1100, 700); }
    // The data and a fresh model of this latent size in the view, once its first layout is final; none if
    // the layout never comes.
    ModelPtr explore(int latentDim, ModelKind kind = ModelKind::Vae)
    {
        view.setDataset(data);
        ModelPtr model = tinyModel(*data, latentDim, kind);
        view.setModel(model);
        return waitFinal() ? model : nullptr;
    }
    bool waitFinal(int ms = 20000)
    {
        QSignalSpy frames(&view, &ExplorerView::frameShown);
        return QTest::qWaitFor([&] {
            for (const auto& f : frames)
                if (f.at(0).toBool())
                    return true;
            return false;
        }, ms);
    }
};

} // namespace

class TestExplorerView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }

    void everySampleLandsAtItsLatent()
    {
        Explorer e;
        const ModelPtr model = e.explore(2);
        QVERIFY(model);
        QCOMPARE(e.view.projectionBox()->currentData().toInt(), static_cast<int>(ProjectionMethod::Latent));
        QCOMPARE(e.view.scatter()->pointCount(), static_cast<int>(e.data->size()));
        torch::NoGradGuard g;
        const torch::Tensor mu = model->encode(e.data->batch({7})).mu[0];
        const QPointF p = e.view.scatter()->position(7);
        QVERIFY(std::abs(p.x() - mu[0].item<double>()) < 1e-4);
        QVERIFY(std::abs(p.y() - mu[1].item<double>()) < 1e-4);
        QVERIFY(e.view.statusText().contains(QStringLiteral("80")));
    }

    void draggingTheProbeDecodesTheLatentUnderTheMouse()
    {
        Explorer e;
        e.view.show();
        const ModelPtr model = e.explore(2);
        QVERIFY(model);
        e.view.probeButton()->setChecked(true);
        ScatterView* scatter = e.view.scatter();
        QCOMPARE(scatter->mode(), ScatterView::Mode::Probe);

        QSignalSpy probes(e.view.controller(), &ExplorerController::probeDecoded);
        const QRect plot = scatter->plotRect();
        const QPointF a(plot.left() + plot.width() * 0.3, plot.top() + plot.height() * 0.4);
        const QPointF b(plot.left() + plot.width() * 0.8, plot.top() + plot.height() * 0.7);
        send(scatter, QEvent::MouseButtonPress, a, Qt::LeftButton);
        send(scatter, QEvent::MouseMove, b, Qt::LeftButton);
        send(scatter, QEvent::MouseButtonRelease, b, Qt::NoButton);
        const QPointF at = scatter->toData(b);
        QVERIFY(QTest::qWaitFor([&] {
            return !probes.isEmpty() && probes.last().at(0).value<ProbeImage>().position == at;
        }, 10000));
        const ProbeImage shown = e.view.probePanel()->probe();
        QCOMPARE(shown.position, at);
        const QImage expected = decodeDirect(model, torch::tensor({static_cast<float>(at.x()), static_cast<float>(at.y())}));
        QCOMPARE(maxPixelDifference(shown.image, expected), 0);
        QCOMPARE(e.view.probePanel()->decodedView()->image(0), shown.image);
        QCOMPARE(shown.neighbours.size(), 8);
        QVERIFY(shown.note.isEmpty());

        // The first position decoded something else: the image follows the mouse.
        const QImage atA = decodeDirect(model, torch::tensor({static_cast<float>(scatter->toData(a).x()),
                                                              static_cast<float>(scatter->toData(a).y())}));
        QVERIFY(maxPixelDifference(atA, expected) > 0);
    }

    void aBurstOfProbesEndsOnTheLastOne()
    {
        Explorer e;
        const ModelPtr model = e.explore(2);
        QVERIFY(model);
        QSignalSpy probes(e.view.controller(), &ExplorerController::probeDecoded);
        RequestTag first = 0, last = 0;
        for (int i = 0; i < 200; ++i) {
            last = e.view.controller()->probe(QPointF(-2.0 + i * 0.02, 0.5));
            first = first ? first : last;
        }
        const QPointF lastPosition(-2.0 + 199 * 0.02, 0.5);
        QVERIFY(QTest::qWaitFor([&] {
            return !probes.isEmpty() && probes.last().at(0).value<ProbeImage>().tag == last;
        }, 10000));
        QCOMPARE(probes.last().at(0).value<ProbeImage>().position, lastPosition);
        // Answers come newest-wins and in order: each one newer than the one before, none older than the burst,
        // and nothing after the last request's answer (no queue of stale decodes left behind).
        for (int i = 0; i < probes.size(); ++i) {
            const RequestTag tag = probes.at(i).at(0).value<ProbeImage>().tag;
            QVERIFY(tag >= first && tag <= last);
            if (i > 0)
                QVERIFY(tag > probes.at(i - 1).at(0).value<ProbeImage>().tag);
        }
        qInfo("200 requests, %d decodes", int(probes.size()));
    }

    void tsneDecodesTheNeighboursMeanAndSaysSo()
    {
        Explorer e;
        QVERIFY(e.explore(3));
        QCOMPARE(e.view.projectionBox()->currentData().toInt(), static_cast<int>(ProjectionMethod::Pca));
        QVERIFY(e.view.statusText().contains(QStringLiteral("PCA")));
        QSignalSpy frames(&e.view, &ExplorerView::frameShown);
        ProjectionSettings s;
        s.method = ProjectionMethod::Tsne;
        s.perplexity = 5;
        s.iterations = 300;
        e.view.setProjection(s);
        QVERIFY(e.waitFinal(60000));
        QVERIFY(frames.size() >= 1);
        QSignalSpy probes(e.view.controller(), &ExplorerController::probeDecoded);
        e.view.controller()->probe(e.view.scatter()->position(3));
        QVERIFY(probes.wait(10000));
        const ProbeImage p = probes.last().at(0).value<ProbeImage>();
        QVERIFY(p.note.contains(QStringLiteral("t-SNE")));
        QCOMPARE(p.neighbours.value(0), qint64(3));
    }

    void umapAnimatesDecodesTheNeighboursMeanAndStops()
    {
        Explorer e;
        QVERIFY(e.explore(3));
        QSignalSpy frames(e.view.controller(), &ExplorerController::frameReady);
        ProjectionSettings s;
        s.method = ProjectionMethod::Umap;
        s.neighbours = 6;
        e.view.setProjection(s);
        QVERIFY(e.waitFinal(60000));
        const ProjectionFrame last = frames.last().at(0).value<ProjectionFrame>();
        QVERIFY(last.method == ProjectionMethod::Umap);
        QVERIFY(!last.invertible);
        QVERIFY(last.iterations > 0 && last.iteration == last.iterations);
        QVERIFY(last.description.contains(QStringLiteral("UMAP")));
        QVERIFY(e.view.statusText().contains(QStringLiteral("6 neighbours")));
        QCOMPARE(e.view.scatter()->pointCount(), static_cast<int>(e.data->size()));
        QSignalSpy probes(e.view.controller(), &ExplorerController::probeDecoded);
        e.view.controller()->probe(e.view.scatter()->position(4));
        QVERIFY(probes.wait(10000));
        const ProbeImage p = probes.last().at(0).value<ProbeImage>();
        QVERIFY(p.note.startsWith(QStringLiteral("UMAP has no inverse")));
        QCOMPARE(p.neighbours.value(0), qint64(4));

        // Thousands of epochs would take minutes: it streams, and Stop keeps the layout of that moment.
        frames.clear();
        s.minDist = 0.3; // another layout, so it runs again
        e.view.setProjection(s);
        QVERIFY(QTest::qWaitFor([&] {
            for (const auto& f : frames)
                if (!f.at(0).value<ProjectionFrame>().final)
                    return true;
            return false;
        }, 60000) || !e.view.controller()->isProjecting());
        e.view.controller()->stopProjection();
        QVERIFY(QTest::qWaitFor([&] { return !e.view.controller()->isProjecting(); }, 10000));
        QCOMPARE(e.view.scatter()->pointCount(), static_cast<int>(e.data->size()));
    }

    // A bookmark brings back the layout, the zoom, the colouring, the hidden classes, the selection, the region
    // and the probe, after the layout it needs has been laid out again.
    void aBookmarkRestoresTheWholeView()
    {
        Explorer e;
        QVERIFY(e.explore(3));
        ScatterView* scatter = e.view.scatter();
        QVERIFY(e.view.projection().method == ProjectionMethod::Pca);
        const QRectF zoom(scatter->position(0) - QPointF(0.5, 0.5), QSizeF(1.0, 1.0));
        scatter->showDataRect(zoom);
        scatter->setClassVisible(1, false);
        e.view.selectSample(5);
        scatter->setRegion({2, 4, 8});
        e.view.probeButton()->setChecked(true);
        const QPointF probeAt = scatter->position(9);
        scatter->setProbe(probeAt);
        const ExplorerBookmark saved = e.view.captureBookmark(QStringLiteral("zoomed"));
        QVERIFY(saved.view.has_value());
        QVERIFY(std::abs(saved.view->left() - zoom.left()) < 1e-6 && std::abs(saved.view->width() - zoom.width()) < 1e-6);
        QVERIFY(saved.hiddenClasses == std::vector<int>{1});
        e.view.addBookmark(saved);
        QCOMPARE(e.view.bookmarkButton()->names(), QStringList{QStringLiteral("zoomed")});

        // Somewhere else entirely: another layout, all classes, no zoom, another selection, no probe.
        ProjectionSettings dims;
        dims.method = ProjectionMethod::Dims;
        dims.dimX = 2;
        dims.dimY = 0;
        e.view.setProjection(dims);
        QVERIFY(e.waitFinal());
        scatter->setClassVisible(1, true);
        scatter->resetView();
        e.view.selectSample(6);
        scatter->setRegion({});
        e.view.probeButton()->setChecked(false);

        QSignalSpy applied(&e.view, &ExplorerView::bookmarkApplied);
        Q_EMIT e.view.bookmarkButton()->chosen(0);
        QVERIFY(applied.wait(20000));
        QCOMPARE(applied.last().at(0).toString(), QStringLiteral("zoomed"));
        QVERIFY(e.view.projection().method == ProjectionMethod::Pca);
        QVERIFY(!scatter->classVisible(1) && scatter->classVisible(0));
        QCOMPARE(e.view.selectedSample(), qint64(5));
        QVERIFY(scatter->region() == (std::vector<int>{2, 4, 8}));
        QVERIFY(scatter->probeVisible());
        QCOMPARE(scatter->probe(), probeAt);
        const std::optional<QRectF> shown = scatter->visibleDataRect();
        QVERIFY(shown.has_value());
        QVERIFY(std::abs(shown->left() - zoom.left()) < 1e-6 && std::abs(shown->top() - zoom.top()) < 1e-6);
        QVERIFY(std::abs(shown->width() - zoom.width()) < 1e-6 && std::abs(shown->height() - zoom.height()) < 1e-6);

        // The same layout: restored at once, with no new projection.
        scatter->resetView();
        QVERIFY(!e.view.controller()->isProjecting());
        e.view.applyBookmark(e.view.bookmarks().front());
        QCOMPARE(applied.size(), 2);
        QVERIFY(scatter->visibleDataRect().has_value());
        e.view.removeBookmark(0);
        QVERIFY(e.view.bookmarks().empty() && e.view.bookmarkButton()->names().isEmpty());
    }

    void stoppingATsneKeepsItsLayout()
    {
        Explorer e;
        QVERIFY(e.explore(3));
        ProjectionSettings s;
        s.method = ProjectionMethod::Tsne;
        s.perplexity = 5;
        s.iterations = 1'000'000; // would run for minutes
        e.view.setProjection(s);
        QVERIFY(e.view.controller()->isProjecting());
        QSignalSpy frames(&e.view, &ExplorerView::frameShown);
        QVERIFY(frames.wait(20000)); // it animates
        e.view.controller()->stopProjection();
        QVERIFY(QTest::qWaitFor([&] { return !e.view.controller()->isProjecting(); }, 10000));
        QCOMPARE(e.view.scatter()->pointCount(), static_cast<int>(e.data->size()));
    }

    // Stop pressed at once after a layout is asked for (before its queued run starts, or while its PCA runs,
    // which never looks at the control): the request is still answered, so Stop and the progress bar go.
    void aStoppedProjectionIsAlwaysAnswered()
    {
        TempDir dir;
        const DatasetPtr data = tinyImages(dir);
        const ModelPtr model = tinyModel(*data, 3);
        ExplorerController controller;
        controller.setData(data);
        QSignalSpy cancelled(&controller, &ExplorerController::projectionCancelled);
        QSignalSpy frames(&controller, &ExplorerController::frameReady);
        for (int round = 0; round < 20; ++round) {
            cancelled.clear();
            frames.clear();
            controller.setModel(model);
            QVERIFY(controller.isProjecting());
            controller.stopProjection();
            QVERIFY2(QTest::qWaitFor([&] { return !controller.isProjecting(); }, 20000),
                     qPrintable(QStringLiteral("round %1 was never answered").arg(round)));
            // The answer: cancelled, or the final layout when the run beat the stop to it; never both.
            const bool finished = !frames.isEmpty() && frames.last().at(0).value<ProjectionFrame>().final;
            QCOMPARE(cancelled.count() + (finished ? 1 : 0), 1);
        }
    }

    // The bar's controls (UMAP's parameters shown, the widest) wrap onto a second row in a narrow window rather
    // than clip the last ones off (the tour at 1280x800 lost Bookmarks), and keep to one row in a wide one.
    void theBarWrapsInANarrowWindow()
    {
        Explorer e;
        e.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e.view));
        e.view.projectionBar()->methodBox()->setCurrentIndex(
            e.view.projectionBar()->methodBox()->findData(static_cast<int>(ProjectionMethod::Umap)));
        QTRY_VERIFY(e.view.projectionBar()->neighboursBox()->isVisible());
        // The narrowest the rest of the view allows (its panels), and a 1280 window less the folded dock.
        const int narrowest = std::max(e.view.minimumSizeHint().width(), 800);
        for (const int width : {narrowest, 1100, 1900}) {
            e.view.resize(width, 700);
            QTRY_COMPARE(e.view.width(), width);
            QTRY_VERIFY(e.view.projectionBar()->barRows() > 0);
            QWidget* bookmarks = e.view.bookmarkButton();
            const QRect inView(bookmarks->mapTo(&e.view, QPoint(0, 0)), bookmarks->size());
            QVERIFY2(e.view.rect().contains(inView), qPrintable(QStringLiteral("at %1 px").arg(width)));
            // Nothing of the bar over the scatter below it.
            const QRect bar(e.view.projectionBar()->mapTo(&e.view, QPoint(0, 0)), e.view.projectionBar()->size());
            QVERIFY(inView.bottom() <= bar.bottom());
            const QRect scatter(e.view.scatter()->mapTo(&e.view, QPoint(0, 0)), e.view.scatter()->size());
            QVERIFY2(bar.bottom() < scatter.top(), qPrintable(QStringLiteral("at %1 px").arg(width)));
        }
        QCOMPARE(e.view.projectionBar()->barRows(), 1);
        e.view.resize(narrowest, 700);
        QTRY_VERIFY(e.view.projectionBar()->barRows() >= 2);
    }

    void theInterpolationOpensOnTwoClasses()
    {
        // Opened, the panel draws a strip between two samples of different classes, not sample 0 to itself.
        Explorer e;
        QVERIFY(e.explore(2));
        QSignalSpy images(e.view.controller(), &ExplorerController::imagesReady);
        InterpolationPanel* panel = e.view.interpolationPanel();
        e.view.panels()->setCurrentWidget(panel);
        QVERIFY(QTest::qWaitFor([&] { return panel->stripView()->count() > 0; }, 10000));
        const InterpolationRequest r = panel->request();
        QVERIFY(r.from != r.to);
        const auto& labels = e.data->labels();
        QVERIFY(labels[static_cast<std::size_t>(r.from)] != labels[static_cast<std::size_t>(r.to)]);
        QCOMPARE(panel->stripView()->count(), r.steps);
    }

    void interpolationEndsAreTheReconstructions()
    {
        Explorer e;
        const ModelPtr model = e.explore(3);
        QVERIFY(model);
        e.view.panels()->setCurrentWidget(e.view.interpolationPanel());
        InterpolationPanel* panel = e.view.interpolationPanel();
        QSignalSpy images(e.view.controller(), &ExplorerController::imagesReady);
        QSignalSpy frames(e.view.controller(), &ExplorerController::probeDecoded);
        panel->setEnds(4, 21);
        QVERIFY(images.wait(10000));
        QCOMPARE(panel->stripView()->count(), 10);
        QCOMPARE(e.view.scatter()->path().size(), 10);

        for (double t : {1.0, 0.0}) { // the slider starts at 0: going there first would send nothing
            frames.clear();
            panel->setPosition(t);
            QVERIFY(QTest::qWaitFor([&] {
                return !frames.isEmpty() && frames.last().at(0).value<ProbeImage>().t == t;
            }, 10000));
            const QImage shown = panel->frameView()->image(0);
            const QImage expected = reconstructDirect(model, *e.data, t == 0.0 ? 4 : 21);
            QVERIFY2(maxPixelDifference(shown, expected) <= 1, qPrintable(QStringLiteral("t = %1").arg(t)));
        }
        // The strip's first and last images are the same two reconstructions.
        QVERIFY(maxPixelDifference(panel->stripView()->image(0), reconstructDirect(model, *e.data, 4)) <= 1);
        QVERIFY(maxPixelDifference(panel->stripView()->image(9), reconstructDirect(model, *e.data, 21)) <= 1);
    }

    void aSeedDrawsTheSameGridTwice()
    {
        Explorer e;
        QVERIFY(e.explore(2));
        SamplingPanel* panel = e.view.samplingPanel();
        QSignalSpy images(e.view.controller(), &ExplorerController::imagesReady);
        panel->sideBox()->setValue(4);
        panel->seedBox()->setValue(11);
        // Each draw waits for the answer to its own request: the tab may have asked for a grid of its own.
        auto draw = [&] {
            images.clear();
            panel->drawButton()->click();
            const RequestTag mine = e.view.controller()->latestTag(DecodeJob::Grid);
            const bool answered = QTest::qWaitFor([&] {
                return std::any_of(images.begin(), images.end(), [&](const QList<QVariant>& args) {
                    return args.at(0).value<ImageSet>().tag == mine;
                });
            }, 10000);
            if (!answered || images.last().at(0).value<ImageSet>().tag != mine)
                return QVector<QImage>();
            QVector<QImage> out;
            for (int i = 0; i < panel->grid()->count(); ++i)
                out << panel->grid()->image(i);
            return out;
        };
        const QVector<QImage> first = draw();
        QCOMPARE(first.size(), 16);
        QCOMPARE(draw(), first);
        panel->seedBox()->setValue(12);
        const QVector<QImage> other = draw();
        QCOMPARE(other.size(), 16);
        QVERIFY(other != first);
        // A click on a sample puts the probe at its latent (exactly: this 2-D latent is its own layout).
        // A probe decoded for an earlier position may still arrive after the click: wait for the cell's own.
        const QPointF cell = images.last().at(0).value<ImageSet>().positions.value(2);
        QSignalSpy probes(e.view.controller(), &ExplorerController::probeDecoded);
        Q_EMIT panel->grid()->cellClicked(2);
        QVERIFY(QTest::qWaitFor([&] {
            return !probes.isEmpty() && probes.last().at(0).value<ProbeImage>().position == cell;
        }, 10000));
        QVERIFY(e.view.scatter()->probeVisible());
        QVERIFY(maxPixelDifference(probes.last().at(0).value<ProbeImage>().image, other[2]) <= 1);
    }

    void aTraversalHasARowPerDimension()
    {
        Explorer e;
        QVERIFY(e.explore(3));
        QSignalSpy details(e.view.controller(), &ExplorerController::sampleDescribed);
        e.view.selectSample(9);
        QVERIFY(details.wait(10000));
        QCOMPARE(details.last().at(0).value<SampleDetail>().index, qint64(9));
        QCOMPARE(e.view.scatter()->selected(), 9);
        QSignalSpy images(e.view.controller(), &ExplorerController::imagesReady);
        e.view.panels()->setCurrentWidget(e.view.traversalPanel());
        QVERIFY(images.wait(10000));
        QCOMPARE(e.view.traversalPanel()->grid()->count(), 3 * 9);
    }

    void aConditionalVaeShowsEveryClass()
    {
        Explorer e;
        QVERIFY(e.explore(2, ModelKind::ConditionalVae));
        QSignalSpy probes(e.view.controller(), &ExplorerController::probeDecoded);
        e.view.controller()->probe(QPointF(0.1, -0.2));
        QVERIFY(probes.wait(10000));
        const ProbeImage p = probes.last().at(0).value<ProbeImage>();
        QCOMPARE(p.perClass.size(), e.data->numClasses());
        QVERIFY(p.perClass[0] != p.perClass[1]);
    }

    void followsTrainingOnlyWhenAsked()
    {
        Explorer e;
        TrainingController training;
        QObject::connect(&training, &TrainingController::modelSnapshot, &e.view, &ExplorerView::setModel);
        QObject::connect(&e.view, &ExplorerView::snapshotIntervalChanged, &training, &TrainingController::setSnapshotEvery);
        e.view.setDataset(e.data);
        e.view.projectionBar()->setFollowTraining(true);
        QCOMPARE(training.snapshotEvery(), e.view.projectionBar()->followEvery());
        training.setSnapshotEvery(4); // the spin box's minimum is meant for real data
        QSignalSpy snapshots(&training, &TrainingController::modelSnapshot);
        ModelConfig c = ModelConfig::defaultsFor(e.data->sampleShape());
        c.hidden = {16};
        c.latentDim = 2;
        TrainingConfig t;
        t.epochs = 2;
        t.batchSize = 8;
        t.threads = 1;
        QVERIFY(training.train(c, t, e.data, e.dir.path().c_str()).isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return !training.isRunning(); }, 60000));
        QVERIFY(QTest::qWaitFor([&] { return e.view.hasModel() && !e.view.controller()->isProjecting(); }, 20000));
        int midRun = 0;
        for (const auto& s : snapshots)
            midRun += s.at(2).toBool() ? 1 : 0;
        QVERIFY(midRun >= 2);           // 16 steps, one every 4
        // The first is the initial model, so the scatter follows the run from its start.
        QCOMPARE(snapshots.first().at(1).value<qint64>(), qint64(0));
        QVERIFY(snapshots.first().at(2).toBool());
        QVERIFY(!snapshots.last().at(2).toBool()); // and the finished model last
        QCOMPARE(e.view.scatter()->pointCount(), static_cast<int>(e.data->size()));

        e.view.projectionBar()->setFollowTraining(false);
        QCOMPARE(training.snapshotEvery(), qint64(0));
    }

    void aBadModelFileIsRefusedInOneSentence()
    {
        Explorer e;
        e.view.setDataset(e.data);
        const std::string path = e.dir.path() + "/broken.pt";
        std::ofstream(path) << "not a model";
        QSignalSpy failed(e.view.controller(), &ExplorerController::openFailed);
        e.view.openModelFile(QString::fromStdString(path));
        QVERIFY(failed.wait(10000));
        const QString message = failed.last().at(1).toString();
        QVERIFY(message.contains(QStringLiteral("broken.pt")));
        QVERIFY(!message.contains(QLatin1Char('\n')));
        QVERIFY(!e.view.hasModel());
    }

    void thumbnailsSendSamplesToTheExplorer()
    {
        TempDir dir;
        fixtures::tinyImages(dir);
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::datasetChanged);
        window.openDataset(QString::fromStdString(dir.path()));
        QVERIFY(loaded.wait(10000));
        window.showView(View::Samples);
        SampleGrid* grid = window.gallery()->grid();
        QVERIFY(QTest::qWaitFor([&] { return grid->thumbnailCount() > 0 && grid->isVisible(); }, 5000));
        const QPoint first = grid->cellRect(0).center(); // the columns are centred: not at the corner
        QTest::mouseDClick(grid, Qt::LeftButton, {}, first);
        QCOMPARE(window.workspace()->currentWidget(), window.explorerView());
        QCOMPARE(window.explorerView()->selectedSample(), grid->sampleIndices().front());

        Q_EMIT grid->sampleRequested(5, SampleGrid::Request::InterpolateFrom);
        Q_EMIT grid->sampleRequested(9, SampleGrid::Request::InterpolateTo);
        QCOMPARE(window.explorerView()->panels()->currentWidget(), window.explorerView()->interpolationPanel());
        QCOMPARE(window.explorerView()->interpolationPanel()->request().from, qint64(5));
        QCOMPARE(window.explorerView()->interpolationPanel()->request().to, qint64(9));
    }

    void closingMidLayoutLeavesNoThread()
    {
        TempDir dir;
        DatasetPtr data = tinyImages(dir);
        std::atomic<bool> ended{false};
        {
            ExplorerView view;
            view.setDataset(data);
            view.setModel(tinyModel(*data, 3));
            ProjectionSettings s;
            s.method = ProjectionMethod::Tsne;
            s.perplexity = 5;
            s.iterations = 1'000'000;
            QSignalSpy frames(view.controller(), &ExplorerController::frameReady);
            // Direct: emitted on the projection thread as it ends, while the view's destructor waits for it.
            QObject::connect(view.controller()->projectionThread(), &QThread::finished, view.controller()->projectionThread(),
                             [&ended] { ended = true; }, Qt::DirectConnection);
            view.setProjection(s);
            // Mid-run for certain: the t-SNE has streamed a frame of its million iterations.
            QVERIFY(QTest::qWaitFor([&] {
                return !frames.isEmpty() && !frames.last().at(0).value<ProjectionFrame>().final;
            }, 60000));
        } // destroyed mid-run: cancels and joins both threads (a t-SNE that ignored the cancel would hang here)
        // The projection thread ran to its end (the t-SNE stopped at the cancel) before the view was gone.
        QVERIFY(ended.load());
    }
};

QTEST_MAIN(TestExplorerView)
#include "test_explorer_view.moc"
