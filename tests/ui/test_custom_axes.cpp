// The custom-axes layout driven as a person would, offscreen: each set's mean latent lands where its axis
// says (A at x = 0, B at x = 1, C and D likewise on y), every sample where the core map puts it, the probe
// decodes exactly the latent of the plane under it, the Samples tab's plane grid works on it, named sets are
// offered beside the classes and followed when they change, and a session keeps the choice.
#include "core/analysis/custom_axes.h"
#include "core/util/errors.h"
#include "tests/ui/directions_test_support.h"
#include "ui/explorer/axes_bar.h"
#include "ui/explorer/bookmark.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/image_grid_view.h"
#include "ui/explorer/projection_bar.h"
#include "ui/explorer/sample_sets.h"
#include "ui/explorer/sampling_panel.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/explorer/set_choice_box.h"
#include "ui/shell/session_file.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSpinBox>

using namespace latentlab;
using namespace latentlab::ui;
using namespace latentlab::ui::directions_test;

namespace {

LatentSet latentSet(const std::string& name, const std::vector<std::int64_t>& rows)
{
    return {name, rows};
}

// The mean scatter position of some samples.
QPointF meanPosition(const ScatterView& scatter, const std::vector<std::int64_t>& rows)
{
    QPointF sum;
    for (const auto i : rows)
        sum += scatter.position(static_cast<int>(i));
    return sum / static_cast<double>(rows.size());
}

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to)
{
    std::vector<std::int64_t> r;
    for (std::int64_t i = from; i < to; ++i)
        r.push_back(i);
    return r;
}

ProjectionSettings axes(SetChoice xFrom, SetChoice xTo, SetChoice yFrom = {}, SetChoice yTo = {})
{
    ProjectionSettings s;
    s.method = ProjectionMethod::Axes;
    s.axes.xFrom = std::move(xFrom);
    s.axes.xTo = std::move(xTo);
    s.axes.yFrom = std::move(yFrom);
    s.axes.yTo = std::move(yTo);
    return s;
}

bool near(QPointF a, QPointF b, double eps = 1e-4)
{
    return std::abs(a.x() - b.x()) < eps && std::abs(a.y() - b.y()) < eps;
}

} // namespace

class TestCustomAxes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }

    void fourClassesPutTheirMeansAtZeroAndOne()
    {
        Explorer e;
        const ModelPtr model = e.explore(3);
        QVERIFY(model);
        QSignalSpy frames(&e.view, &ExplorerView::frameShown);
        e.view.setProjection(axes(SetChoice::ofClass(0), SetChoice::ofClass(1), SetChoice::ofClass(2),
                                  SetChoice::ofClass(3)));
        QVERIFY(Explorer::waitFinal(frames));
        QVERIFY(e.view.projectionBox()->currentData().toInt() == static_cast<int>(ProjectionMethod::Axes));
        QVERIFY2(e.view.statusText().contains(QStringLiteral("custom axes")), qPrintable(e.view.statusText()));
        QVERIFY(e.view.projectionBar()->axesBar()->isVisibleTo(e.view.projectionBar()));

        const ScatterView& scatter = *e.view.scatter();
        QCOMPARE(scatter.pointCount(), static_cast<int>(e.data->size()));
        QVERIFY(std::abs(meanPosition(scatter, samplesOfClass(*e.data, 0)).x()) < 1e-4);
        QVERIFY(std::abs(meanPosition(scatter, samplesOfClass(*e.data, 1)).x() - 1.0) < 1e-4);
        QVERIFY(std::abs(meanPosition(scatter, samplesOfClass(*e.data, 2)).y()) < 1e-4);
        QVERIFY(std::abs(meanPosition(scatter, samplesOfClass(*e.data, 3)).y() - 1.0) < 1e-4);

        // Every sample where core's map of the same latents puts it.
        const torch::Tensor z = latentsOf(model, *e.data);
        AxesRequest request;
        request.xFrom = latentSet("class 0", samplesOfClass(*e.data, 0));
        request.xTo = latentSet("class 1", samplesOfClass(*e.data, 1));
        request.yFrom = latentSet("class 2", samplesOfClass(*e.data, 2));
        request.yTo = latentSet("class 3", samplesOfClass(*e.data, 3));
        const AxesMap map = fitAxes(z, request);
        const torch::Tensor xy = map.project(z);
        for (int i : {0, 17, 42, 79})
            QVERIFY(near(scatter.position(i), QPointF(xy[i][0].item<double>(), xy[i][1].item<double>())));

        // The probe decodes the latent of the plane under it: origin + x a + y b.
        QSignalSpy probes(e.view.controller(), &ExplorerController::probeDecoded);
        const QPointF at(0.3, 0.7);
        e.view.controller()->probe(at);
        QVERIFY(QTest::qWaitFor([&] {
            return !probes.isEmpty() && probes.last().at(0).value<ProbeImage>().position == at;
        }, 10000));
        const ProbeImage shown = probes.last().at(0).value<ProbeImage>();
        QVERIFY(shown.note.isEmpty()); // exact, nothing to apologise for
        const torch::Tensor latent = map.inverse(torch::tensor({{0.3f, 0.7f}}))[0];
        QVERIFY(maxPixelDifference(shown.image, decodeDirect(model, latent)) <= 1);
        // A different point decodes differently: the plane is not degenerate.
        QVERIFY(maxPixelDifference(decodeDirect(model, map.inverse(torch::tensor({{-3.f, 4.f}}))[0]),
                                   decodeDirect(model, latent)) > 0);
    }

    void thePrincipalComponentNamedSetsAndThePlaneGrid()
    {
        Explorer e;
        const ModelPtr model = e.explore(4);
        QVERIFY(model);
        SampleSets* sets = e.view.sampleSets();
        sets->put(QStringLiteral("first ten"), {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        sets->put(QStringLiteral("odd"), {1, 3, 5, 7});
        // Offered beside every class, in each end's list.
        const AxesBar* bar = e.view.projectionBar()->axesBar();
        for (SetChoiceBox* box : {bar->xFromBox(), bar->yToBox()}) {
            QVERIFY(box->findText(QStringLiteral("Set: first ten")) >= 0);
            QVERIFY(box->findText(QStringLiteral("Set: odd")) >= 0);
            for (const auto& name : e.data->classNames())
                QVERIFY(box->findText(QString::fromStdString(name)) >= 0);
        }

        QSignalSpy frames(&e.view, &ExplorerView::frameShown);
        e.view.setProjection(axes(SetChoice::named(QStringLiteral("first ten")), SetChoice::ofClass(1)));
        QVERIFY(Explorer::waitFinal(frames));
        const ScatterView& scatter = *e.view.scatter();
        QVERIFY(std::abs(meanPosition(scatter, range(0, 10)).x()) < 1e-4);
        QVERIFY(std::abs(meanPosition(scatter, samplesOfClass(*e.data, 1)).x() - 1.0) < 1e-4);
        QVERIFY(std::abs(meanPosition(scatter, range(0, e.data->size())).y()) < 1e-4); // y centred on the data
        QVERIFY(e.view.statusText().contains(QStringLiteral("main spread")));

        // The Samples tab lays its grid over this plane, each image where its latent lies.
        SamplingPanel* sampling = e.view.samplingPanel();
        QVERIFY(sampling->manifoldBox()->isEnabled());
        sampling->manifoldBox()->setChecked(true);
        sampling->sideBox()->setValue(3);
        QSignalSpy images(e.view.controller(), &ExplorerController::imagesReady);
        sampling->drawButton()->click();
        const RequestTag grid = e.view.controller()->latestTag(DecodeJob::Grid);
        QVERIFY(QTest::qWaitFor([&] {
            return !images.isEmpty() && images.last().at(0).value<ImageSet>().tag == grid;
        }, 10000));
        const ImageSet plane = images.last().at(0).value<ImageSet>();
        QCOMPARE(plane.images.size(), 9);
        QCOMPARE(plane.positions.size(), 9);
        QVERIFY(plane.positions[0].y() > plane.positions[6].y()); // rows run downwards, y upwards
        QVERIFY(plane.positions[0].x() < plane.positions[2].x());

        // The set changes: the axes follow its samples.
        frames.clear();
        sets->put(QStringLiteral("first ten"), {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19});
        QVERIFY(Explorer::waitFinal(frames));
        QVERIFY(std::abs(meanPosition(scatter, range(0, 20)).x()) < 1e-4);
        // A set in use removed: the layout stays and the status line says why.
        sets->remove(sets->find(QStringLiteral("first ten")));
        QVERIFY(!e.view.controller()->isProjecting());
        QVERIFY2(e.view.statusText().contains(QStringLiteral("first ten")), qPrintable(e.view.statusText()));
        QVERIFY(e.view.projectionBar()->axesBar()->xFromBox()->currentText().contains(QStringLiteral("missing")));
    }

    void theBarOffersAxesAndKeepsTheChoice()
    {
        ProjectionBar bar;
        SampleSets sets;
        bar.setSetSources({QStringLiteral("cat"), QStringLiteral("dog")}, &sets);
        bar.setLatentDim(3);
        QSignalSpy chosen(&bar, &ProjectionBar::settingsChosen);
        bar.methodBox()->setCurrentIndex(bar.methodBox()->findData(static_cast<int>(ProjectionMethod::Axes)));
        QCOMPARE(chosen.size(), 1);
        const ProjectionSettings s = chosen.last().at(0).value<ProjectionSettings>();
        QVERIFY(s.method == ProjectionMethod::Axes);
        // From the first class to the second, y along the principal component, from the start.
        QVERIFY(s.axes.xFrom.sameChoice(SetChoice::ofClass(0)));
        QVERIFY(s.axes.xTo.sameChoice(SetChoice::ofClass(1)));
        QVERIFY(!s.axes.yFromSets());
        QVERIFY(bar.axesBar()->isVisibleTo(&bar));
        QVERIFY(!bar.axesBar()->yToBox()->isVisibleTo(&bar));

        // A named set appears in the lists as it is made; the user picks it for y.
        sets.put(QStringLiteral("fluffy"), {2, 4});
        SetChoiceBox* yFrom = bar.axesBar()->yFromBox();
        const int fluffy = yFrom->findText(QStringLiteral("Set: fluffy"));
        QVERIFY(fluffy >= 0);
        yFrom->setCurrentIndex(fluffy);
        Q_EMIT yFrom->activated(fluffy);
        QVERIFY(bar.axesBar()->yToBox()->isVisibleTo(&bar));
        const ProjectionSettings y = chosen.last().at(0).value<ProjectionSettings>();
        QVERIFY(y.axes.yFrom.sameChoice(SetChoice::named(QStringLiteral("fluffy"))));
        QVERIFY(!y.axes.yTo.isEmpty() && !y.axes.yTo.sameChoice(y.axes.yFrom));

        // Renamed away: the choice stays, marked missing, rather than becoming another set.
        sets.rename(0, QStringLiteral("soft"));
        QVERIFY(yFrom->currentText().contains(QStringLiteral("fluffy")));
        QVERIFY(yFrom->currentText().contains(QStringLiteral("missing")));
        QVERIFY(yFrom->findText(QStringLiteral("Set: soft")) >= 0);

        // A 1-d latent has no plane for axes.
        bar.setLatentDim(1);
        QVERIFY(bar.settings().method != ProjectionMethod::Axes);
    }

    void aSessionKeepsTheAxes()
    {
        latentlab::testing::TempDir dir;
        const QString path = QString::fromStdString(dir.file("axes.llsession"));
        Session s;
        s.projection = axes(SetChoice::ofClass(2), SetChoice::named(QStringLiteral("lasso 1")),
                            SetChoice::named(QStringLiteral("odd")), SetChoice::ofClass(0));
        writeSession(path, s);
        const Session back = readSession(path);
        QVERIFY(back.projection.has_value());
        QVERIFY(back.projection->method == ProjectionMethod::Axes);
        QVERIFY(back.projection->axes == s.projection->axes);
        // A bookmark taken under the axes keeps them too.
        ExplorerBookmark mark;
        mark.name = QStringLiteral("along the axes");
        mark.projection = *s.projection;
        s.bookmarks = {mark};
        writeSession(path, s);
        const Session marked = readSession(path);
        QCOMPARE(marked.bookmarks.size(), std::size_t(1));
        QVERIFY(marked.bookmarks[0].projection.method == ProjectionMethod::Axes);
        QVERIFY(marked.bookmarks[0].projection.axes.sameChoice(s.projection->axes));
        s.bookmarks.clear();
        s.projection->axes.yFrom = {};
        s.projection->axes.yTo = {};
        writeSession(path, s);
        QVERIFY(!readSession(path).projection->axes.yFromSets());

        // A hand-edited file with half a y axis is refused in one sentence.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray text = file.readAll();
        file.close();
        text.replace("\"y_from\": null", "\"y_from\": {\"class\": 1}");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
        file.close();
        try {
            readSession(path);
            QFAIL("half a y axis was read");
        } catch (const BadInputError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("y_to")), e.what());
        }
    }
};

QTEST_MAIN(TestCustomAxes)
#include "test_custom_axes.moc"
