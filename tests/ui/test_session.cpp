// Sessions: a bad file is refused in one sentence naming it; a saved session reopens the data, the model
// and the view together, and without a model its settings. The SessionController on its own: what it
// collects from a workspace, and that a session's settings wait for its dataset.
#include "tests/ui/ui_fixtures.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/explorer/explorer_view.h"
#include "ui/shell/main_window.h"
#include "ui/shell/session_controller.h"
#include "ui/shell/session_file.h"
#include "ui/shell/workspace.h"
#include "ui/training/model_form.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include "core/util/errors.h"

#include <QtTest>

#include <QFileInfo>
#include <QLineEdit>
#include <QSpinBox>
#include <QTabWidget>

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

} // namespace

class TestSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }
    void init() { QSettings().clear(); }

    void badFilesAreRefusedByName()
    {
        TempDir dir;
        const auto write = [&](const char* name, const std::string& text) {
            latentlab::testing::writeText(dir.path() + "/" + name, text);
            return QString::fromStdString(dir.path() + "/" + name);
        };
        QVERIFY(refusal(write("a.latentlab", "{not json")).contains("a.latentlab is not a LatentLab session: it is not JSON"));
        QVERIFY(refusal(write("b.latentlab", R"({"format": "other"})")).contains("b.latentlab is not a LatentLab session"));
        QVERIFY(refusal(write("c.latentlab", R"({"format": "latentlab-session", "version": 99})")).contains("newer"));
        QVERIFY(refusal(write("d.latentlab", R"({"format": "latentlab-session", "version": 1, "dataset": 5})"))
                    .contains("d.latentlab: a field has the wrong type"));
        QVERIFY(refusal(write("e.latentlab", R"({"format": "latentlab-session", "version": 1, "model_config": {"kind": "gan"}})"))
                    .startsWith("e.latentlab: "));
        QVERIFY(refusal(write("f.latentlab", R"({"format": "latentlab-session", "version": 1, "explorer": {"layout": "isomap"}})"))
                    .contains("f.latentlab: explorer layout \"isomap\""));
        // Numbers that do not fit and fields of the wrong kind (found by fuzzing): refused, not cast.
        QVERIFY(refusal(write("g.latentlab", R"({"format": 5, "version": 1})")).contains("g.latentlab is not a LatentLab session"));
        QVERIFY(refusal(write("h.latentlab", R"({"format": "latentlab-session", "version": 1e300})"))
                    .contains("h.latentlab: session version must be a whole number"));
        QVERIFY(refusal(write("i.latentlab", R"({"format": "latentlab-session", "version": 1, "explorer": {"layout": "dims", "x": 1e300}})"))
                    .contains("i.latentlab: explorer x must be a whole number"));
        QVERIFY(refusal(write("j.latentlab", R"({"format": "latentlab-session", "version": 1, "explorer": 3})"))
                    .contains("j.latentlab: explorer settings: expected a JSON object"));
        MainWindow window; // in the window: a dialog, and nothing else changes
        QVERIFY(!window.openSession(QString::fromStdString(dir.path() + "/a.latentlab")).isEmpty());
        QVERIFY(window.showsWelcome());
    }

    void bookmarksRoundTripAndBadOnesAreRefused()
    {
        TempDir dir;
        Session s;
        ExplorerBookmark a;
        a.name = QStringLiteral("umap, zoomed");
        a.projection.method = ProjectionMethod::Umap;
        a.projection.neighbours = 9;
        a.projection.minDist = 0.25;
        a.view = QRectF(-1.5, 2.0, 3.25, 0.5);
        a.colouring = 1;
        a.hiddenClasses = {0, 3};
        a.selected = 17;
        a.region = {4, 5, 70000};
        a.probe = QPointF(0.125, -7.5);
        ExplorerBookmark b;
        b.name = QStringLiteral("plain");
        s.bookmarks = {a, b};
        const QString path = QString::fromStdString(dir.file("b.latentlab"));
        writeSession(path, s);
        const Session back = readSession(path);
        QCOMPARE(int(back.bookmarks.size()), 2);
        const ExplorerBookmark& r = back.bookmarks[0];
        QCOMPARE(r.name, a.name);
        QVERIFY(r.projection.method == ProjectionMethod::Umap);
        QCOMPARE(r.projection.neighbours, 9);
        QCOMPARE(r.projection.minDist, 0.25);
        QCOMPARE(r.view.value(), a.view.value());
        QCOMPARE(r.colouring, 1);
        QVERIFY(r.hiddenClasses == a.hiddenClasses);
        QCOMPARE(r.selected, qint64(17));
        QVERIFY(r.region == a.region);
        QCOMPARE(r.probe.value(), a.probe.value());
        QVERIFY(!back.bookmarks[1].view && !back.bookmarks[1].probe && back.bookmarks[1].selected == -1);

        const auto bad = [&](const char* bookmark) {
            const std::string file = dir.path() + "/bad.latentlab";
            latentlab::testing::writeText(file, std::string(R"({"format": "latentlab-session", "version": 1, "bookmarks": [)")
                                                    + bookmark + "]}");
            return refusal(QString::fromStdString(file));
        };
        QVERIFY(bad(R"({"explorer": {"layout": "pca"}})").contains("needs a \"name\""));
        QVERIFY(bad(R"({"name": "x"})").contains("bookmark \"x\" needs its \"explorer\""));
        QVERIFY(bad(R"({"name": "x", "explorer": {"layout": "pca"}, "view": [0, 0, -1, 1]})").contains("width and height"));
        QVERIFY(bad(R"({"name": "x", "explorer": {"layout": "pca"}, "colouring": 4})").contains("colouring"));
        QVERIFY(bad(R"({"name": "x", "explorer": {"layout": "pca"}, "region": [1, -2]})").contains("count from 0"));
        QVERIFY(bad(R"({"name": "x", "explorer": {"layout": "isomap"}})").contains("bookmark \"x\": explorer layout"));
        QVERIFY(bad(R"({"name": "x", "explorer": {"layout": "pca"}, "probe": [1]})").contains("[x, y]"));
    }

    void reopensDataModelAndView()
    {
        TempDir dir;
        fixtures::tinyImages(dir);
        const QString data = QString::fromStdString(dir.path());
        const QString session = data + "/s.latentlab", model = data + "/m.ckpt";
        {
            MainWindow window;
            QSignalSpy loaded(&window, &MainWindow::datasetChanged);
            window.openDataset(data);
            QVERIFY(loaded.wait(10000));
            TrainingView* view = window.trainingView();
            view->form()->hiddenEdit()->setText(QStringLiteral("16"));
            view->form()->latentBox()->setValue(3);
            view->form()->epochsBox()->setValue(1);
            QSignalSpy finished(view->controller(), &TrainingController::finished);
            view->startTraining();
            QVERIFY(finished.wait(30000));
            QSignalSpy saved(view->controller(), &TrainingController::saved);
            view->saveModelAs(model);
            QVERIFY(saved.wait(20000));
            ProjectionSettings layout;
            layout.method = ProjectionMethod::Dims;
            layout.dimX = 2;
            layout.dimY = 0;
            window.explorerView()->setProjection(layout);
            window.showView(View::Training);
            QCOMPARE(window.saveSession(session), QString());
        }
        MainWindow window;
        QSignalSpy opened(window.trainingView()->controller(), &TrainingController::opened);
        QCOMPARE(window.openSession(session), QString());
        QVERIFY(opened.wait(20000));
        QCOMPARE(window.datasetPath(), data);
        QCOMPARE(window.workspace()->currentWidget(), window.trainingView());
        QCOMPARE(window.trainingView()->form()->latentBox()->value(), 3);
        QCOMPARE(window.trainingView()->modelPath(), model);
        // The opened model reaches the explorer, under the session's layout.
        QVERIFY(QTest::qWaitFor([&] { return window.explorerView()->hasModel(); }, 20000));
        QVERIFY(window.explorerView()->projection().method == ProjectionMethod::Dims);
        QCOMPARE(window.explorerView()->projection().dimX, 2);
        QCOMPARE(window.explorerView()->projection().dimY, 0);

        // Without a saved model: the settings come back over the data's defaults.
        Session s = readSession(session);
        QVERIFY(s.modelConfig.has_value());
        s.model.clear();
        s.modelConfig->latentDim = 5;
        s.view = viewName(View::Samples);
        writeSession(session, s);
        MainWindow again;
        QSignalSpy loaded(&again, &MainWindow::datasetChanged);
        QCOMPARE(again.openSession(session), QString());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(again.trainingView()->form()->latentBox()->value(), 5);
        QVERIFY(again.workspace()->currentWidget() != again.trainingView());
    }

    void collectsWhatTheWorkspaceShows()
    {
        Workspace workspace;
        DatasetLoader loader;
        SessionController sessions(&workspace, &loader, &workspace);
        Session s = sessions.collect();
        QVERIFY(s.dataset.isEmpty());
        QVERIFY(s.model.isEmpty());
        QVERIFY(!s.modelConfig && !s.training); // the form is read against a dataset: none is open
        QCOMPARE(s.view, QStringLiteral("samples"));
        QVERIFY(s.projection.has_value());

        TempDir dir;
        workspace.setDataset(fixtures::tinyImages(dir), QString::fromStdString(dir.path()));
        workspace.trainingView()->form()->latentBox()->setValue(4);
        ProjectionSettings layout;
        layout.method = ProjectionMethod::Dims;
        layout.dimX = 1;
        layout.dimY = 0;
        workspace.explorerView()->setProjection(layout);
        workspace.showView(View::Anomalies);
        s = sessions.collect();
        QCOMPARE(s.dataset, QFileInfo(QString::fromStdString(dir.path())).absoluteFilePath());
        QVERIFY(s.modelConfig.has_value() && s.training.has_value());
        QCOMPARE(s.modelConfig->latentDim, std::int64_t(4));
        QVERIFY(s.projection->method == ProjectionMethod::Dims);
        QCOMPARE(s.projection->dimX, 1);
        QCOMPARE(s.view, QStringLiteral("anomalies"));

        // Saved, it reads back as collected, and says so in the status bar.
        const QString path = QString::fromStdString(dir.path() + "/c.latentlab");
        QSignalSpy status(&sessions, &SessionController::statusMessage);
        QCOMPARE(sessions.save(path), QString());
        QCOMPARE(status.size(), 1);
        QVERIFY(status.last().at(0).toString().contains(path));
        const Session back = readSession(path);
        QCOMPARE(back.dataset, s.dataset);
        QCOMPARE(back.view, s.view);
        QCOMPARE(back.modelConfig->latentDim, std::int64_t(4));
        QCOMPARE(back.projection->dimY, 0);
    }

    void settingsWaitForTheSessionsDataset()
    {
        TempDir dir;
        fixtures::tinyImages(dir);
        const QString data = QString::fromStdString(dir.path());
        Session saved;
        saved.dataset = data;
        saved.view = viewName(View::Explorer);
        ProjectionSettings layout;
        layout.method = ProjectionMethod::Dims;
        layout.dimX = 2;
        layout.dimY = 1;
        saved.projection = layout;
        const QString path = data + "/w.latentlab";
        writeSession(path, saved);

        // Wired as the window wires it: the dataset goes to the loader, and what waits is applied once it has loaded.
        Workspace workspace;
        DatasetLoader loader;
        SessionController sessions(&workspace, &loader, &workspace);
        QSignalSpy datasets(&sessions, &SessionController::datasetRequested);
        QSignalSpy models(&sessions, &SessionController::modelRequested);
        connect(&sessions, &SessionController::datasetRequested, &loader, &DatasetLoader::load);
        connect(&loader, &DatasetLoader::loaded, &workspace, [&](const QString& p, DatasetPtr d) {
            workspace.setDataset(std::move(d), p);
            sessions.applyPending();
        });
        QSignalSpy loaded(&loader, &DatasetLoader::loaded);
        QCOMPARE(sessions.open(path), QString());
        QCOMPARE(datasets.size(), 1);
        QCOMPARE(datasets.last().at(0).toString(), data);
        QCOMPARE(models.size(), 0); // the session has no model
        QVERIFY(sessions.hasPending());
        QCOMPARE(workspace.currentView(), View::Samples); // not before the data is there
        QVERIFY(workspace.explorerView()->projection().method != ProjectionMethod::Dims);

        QVERIFY(loaded.wait(10000));
        QVERIFY(!sessions.hasPending());
        QCOMPARE(workspace.currentView(), View::Explorer);
        QVERIFY(workspace.explorerView()->projection().method == ProjectionMethod::Dims);
        QCOMPARE(workspace.explorerView()->projection().dimX, 2);
    }

    void withoutDataASessionAppliesAtOnce()
    {
        TempDir dir;
        Session saved;
        saved.view = QStringLiteral("a view of a later version");
        ProjectionSettings layout;
        layout.method = ProjectionMethod::Tsne;
        layout.perplexity = 12;
        saved.projection = layout;
        const QString path = QString::fromStdString(dir.path() + "/n.latentlab");
        writeSession(path, saved);

        Workspace workspace;
        workspace.showView(View::Training);
        DatasetLoader loader;
        SessionController sessions(&workspace, &loader, &workspace);
        QSignalSpy datasets(&sessions, &SessionController::datasetRequested);
        QCOMPARE(sessions.open(path), QString());
        QCOMPARE(datasets.size(), 0);
        QVERIFY(!sessions.hasPending());
        QVERIFY(workspace.explorerView()->projection().method == ProjectionMethod::Tsne);
        QCOMPARE(workspace.explorerView()->projection().perplexity, 12.0);
        QCOMPARE(workspace.currentView(), View::Training); // a name no view has changes nothing

        // A file that is no session: the reason comes back, and nothing waits.
        QVERIFY(sessions.open(QString::fromStdString(dir.path() + "/missing.latentlab")).contains("missing.latentlab"));
        QVERIFY(!sessions.hasPending());
    }
};

QTEST_MAIN(TestSession)
#include "test_session.moc"
