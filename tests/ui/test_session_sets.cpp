// The explorer's named sets in a session: written one set a line and read back as they were; a list that is
// not one, a name missing or twice, an index that is negative or no whole number are refused in one sentence
// naming the file; and opened in a window, the sets come back once their dataset has loaded, unless one holds
// a sample the dataset does not have, which a dialog says instead; custom axes that run to a named set find
// it when the session is reopened, and lay out on its samples once a model arrives.
#include "tests/ui/directions_test_support.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/explorer/axes_bar.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/projection_bar.h"
#include "ui/explorer/set_choice_box.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/sample_sets.h"
#include "ui/shell/session_controller.h"
#include "ui/shell/session_file.h"
#include "ui/shell/workspace.h"

#include "core/util/errors.h"

#include <QMessageBox>
#include <QtTest>

#include <fstream>
#include <numeric>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;

namespace {

QString refusal(const QString& path)
{
    try {
        readSession(path);
    } catch (const BadInputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QMessageBox* openMessageBox()
{
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible())
            return box;
    return nullptr;
}

// A workspace, a loader and a session controller wired as the window wires them.
struct Window {
    Workspace workspace;
    DatasetLoader loader;
    SessionController sessions {&workspace, &loader, &workspace};
    Window()
    {
        QObject::connect(&sessions, &SessionController::datasetRequested, &loader, &DatasetLoader::load);
        QObject::connect(&loader, &DatasetLoader::loaded, &workspace, [this](const QString& p, DatasetPtr d) {
            workspace.setDataset(std::move(d), p);
            sessions.applyPending();
        });
    }
    SampleSets* sets() { return workspace.explorerView()->sampleSets(); }
};

} // namespace

class TestSessionSets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }

    void setsRoundTripThroughTheFile()
    {
        TempDir dir;
        Session s;
        s.dataset = QString::fromStdString(dir.path());
        s.sets = {{QStringLiteral("Boots"), {5, 1, 3, 3}}, {QStringLiteral("Odd, \"quoted\" ones"), {0}},
                  {QStringLiteral("Empty"), {}}};
        const QString path = QString::fromStdString(dir.file("s.latentlab"));
        writeSession(path, s);
        const Session back = readSession(path);
        QCOMPARE(back.sets.size(), std::size_t(3));
        QCOMPARE(back.sets[0].name, QStringLiteral("Boots"));
        QCOMPARE(back.sets[0].indices, (std::vector<int> {1, 3, 5})); // sorted, each once
        QCOMPARE(back.sets[1].name, QStringLiteral("Odd, \"quoted\" ones"));
        QCOMPARE(back.sets[1].indices, (std::vector<int> {0}));
        QVERIFY(back.sets[2].indices.empty());
        QCOMPARE(back.dataset, s.dataset);

        // A set of every sample is one line, not one line per index.
        s.sets = {{QStringLiteral("All"), std::vector<int>(70000)}};
        std::iota(s.sets[0].indices.begin(), s.sets[0].indices.end(), 0);
        writeSession(path, s);
        std::ifstream in(path.toStdString());
        int lines = 0;
        for (std::string line; std::getline(in, line);)
            ++lines;
        QVERIFY2(lines < 30, qPrintable(QString::number(lines)));
        QCOMPARE(readSession(path).sets[0].indices.size(), std::size_t(70000));
        // Without sets, no "sets" at all.
        s.sets.clear();
        writeSession(path, s);
        QVERIFY(readSession(path).sets.empty());
    }

    void badSetsAreRefusedInOneSentence()
    {
        TempDir dir;
        const auto write = [&](const char* name, const std::string& sets) {
            latentlab::testing::writeText(dir.file(name),
                                          R"({"format": "latentlab-session", "version": 1, "sets": )" + sets + "}");
            return QString::fromStdString(dir.file(name));
        };
        QCOMPARE(refusal(write("a.latentlab", "5")), QStringLiteral("a.latentlab: \"sets\" must be a list of {\"name\", \"indices\"}"));
        QCOMPARE(refusal(write("b.latentlab", R"([{"indices": [1]}])")),
                 QStringLiteral("b.latentlab: every set needs a \"name\" that is text"));
        QCOMPARE(refusal(write("c.latentlab", R"([{"name": "A", "indices": [1]}, {"name": "A", "indices": []}])")),
                 QStringLiteral("c.latentlab: two sets are named \"A\""));
        QCOMPARE(refusal(write("d.latentlab", R"([{"name": "A", "indices": [1, -4]}])")),
                 QStringLiteral("d.latentlab: set \"A\" holds sample -4, and samples count from 0"));
        QVERIFY(refusal(write("e.latentlab", R"([{"name": "A", "indices": [1.5]}])"))
                    .startsWith(QStringLiteral("e.latentlab: set \"A\": an index must be a whole number")));
        QVERIFY(refusal(write("f.latentlab", R"([{"name": "A", "indices": ["7"]}])"))
                    .startsWith(QStringLiteral("f.latentlab: set \"A\": an index must be a whole number")));
        QCOMPARE(refusal(write("g.latentlab", R"([{"name": "A"}])")),
                 QStringLiteral("g.latentlab: set \"A\" needs \"indices\", a list of sample numbers"));
        QCOMPARE(refusal(write("h.latentlab", R"([{"name": " ", "indices": []}])")),
                 QStringLiteral("h.latentlab: a set has an empty name"));
        QCOMPARE(refusal(write("i.latentlab", "null")), QString()); // no sets

        try {
            checkSetsFit({{QStringLiteral("Fine"), {0, 79}}, {QStringLiteral("Too far"), {3, 80}}}, 80);
            QFAIL("a sample past the end was accepted");
        } catch (const BadInputError& e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QStringLiteral("set \"Too far\" holds sample 80, but the dataset has 80 samples"));
        }
        checkSetsFit({{QStringLiteral("Fine"), {0, 79}}}, 80);
    }

    void aSessionBringsItsSetsBackWithItsDataset()
    {
        TempDir dir;
        fixtures::tinyImages(dir);
        const QString data = QString::fromStdString(dir.path());
        const QString path = data + "/kept.latentlab";
        {
            Window first;
            QSignalSpy loaded(&first.loader, &DatasetLoader::loaded);
            first.loader.load(data);
            QVERIFY(loaded.wait(10000));
            first.sets()->put(QStringLiteral("Boots"), {9, 2, 40});
            first.sets()->put(QStringLiteral("Last"), {79});
            QCOMPARE(first.sessions.save(path), QString());
        }
        Window second;
        QSignalSpy loaded(&second.loader, &DatasetLoader::loaded);
        QCOMPARE(second.sessions.open(path), QString());
        QCOMPARE(second.sets()->count(), 0); // not before the data is there
        QVERIFY(loaded.wait(10000));
        QCOMPARE(second.sets()->count(), 2);
        QCOMPARE(second.sets()->at(0).name, QStringLiteral("Boots"));
        QCOMPARE(second.sets()->at(0).indices, (std::vector<int> {2, 9, 40}));
        QCOMPARE(second.sets()->at(1).indices, (std::vector<int> {79}));
        QCOMPARE(second.sessions.collect().sets.size(), std::size_t(2));
    }

    void axesThatNameASetFindItInTheReopenedSession()
    {
        TempDir dir;
        fixtures::tinyImages(dir);
        Session s;
        s.dataset = QString::fromStdString(dir.path());
        s.sets = {{QStringLiteral("Boots"), {2, 9, 40}}, {QStringLiteral("Last"), {77, 78, 79}}};
        ProjectionSettings axes;
        axes.method = ProjectionMethod::Axes;
        axes.axes.xFrom = SetChoice::named(QStringLiteral("Boots"));
        axes.axes.xTo = SetChoice::named(QStringLiteral("Last"));
        s.projection = axes;
        const QString path = QString::fromStdString(dir.file("axes.latentlab"));
        writeSession(path, s);

        Window window;
        ExplorerView* view = window.workspace.explorerView();
        QSignalSpy loaded(&window.loader, &DatasetLoader::loaded);
        QCOMPARE(window.sessions.open(path), QString());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(window.sets()->count(), 2);
        QVERIFY(view->projection().method == ProjectionMethod::Axes);
        const AxesBar* bar = view->projectionBar()->axesBar();
        QCOMPARE(bar->xFromBox()->currentText(), QStringLiteral("Set: Boots"));
        QCOMPARE(bar->xToBox()->currentText(), QStringLiteral("Set: Last"));
        QVERIFY2(!view->statusText().contains(QStringLiteral("missing")), qPrintable(view->statusText()));

        // The model the session names arrives after its data: the axes run between the restored sets' samples.
        QSignalSpy frames(view, &ExplorerView::frameShown);
        view->setModel(directions_test::tinyModel(*window.workspace.dataset(), 2));
        QVERIFY(directions_test::Explorer::waitFinal(frames));
        const ProjectionSettings& shown = view->controller()->projection();
        QVERIFY(shown.method == ProjectionMethod::Axes);
        QCOMPARE(shown.axes.xFrom.rows, (std::vector<int> {2, 9, 40}));
        QCOMPARE(shown.axes.xTo.rows, (std::vector<int> {77, 78, 79}));
        QVERIFY(!bar->xFromBox()->currentText().contains(QStringLiteral("missing")));
    }

    void setsPastTheEndOfTheDatasetAreRefused()
    {
        TempDir dir;
        fixtures::tinyImages(dir);
        Session s;
        s.dataset = QString::fromStdString(dir.path());
        s.sets = {{QStringLiteral("Fine"), {1}}, {QStringLiteral("Too far"), {3, 80}}};
        const QString path = QString::fromStdString(dir.file("far.latentlab"));
        writeSession(path, s);
        Window window;
        QSignalSpy loaded(&window.loader, &DatasetLoader::loaded);
        QCOMPARE(window.sessions.open(path), QString());
        QVERIFY(loaded.wait(10000));
        QTRY_VERIFY(openMessageBox() != nullptr);
        QCOMPARE(openMessageBox()->text(), QStringLiteral("set \"Too far\" holds sample 80, but the dataset has 80 samples"));
        openMessageBox()->close();
        QCOMPARE(window.sets()->count(), 0);
    }
};

QTEST_MAIN(TestSessionSets)
#include "test_session_sets.moc"
