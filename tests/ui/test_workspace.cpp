// The workspace's views: one enum in tab order, the names session files and the command line use (which
// never change: files written today must open later), a thumbnail's request answered in the explorer, and a
// model opened where it can be used.
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/anomaly/anomaly_view.h"
#include "ui/dataset/gallery_view.h"
#include "ui/dataset/sample_grid.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/interpolation_panel.h"
#include "ui/duplicates/duplicates_view.h"
#include "ui/labels/labels_view.h"
#include "ui/compare/models_view.h"
#include "ui/shell/workspace.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include <QtTest>

#include <fstream>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;

namespace {

constexpr View kAll[] = {View::Samples, View::Training, View::Explorer, View::Anomalies,
                         View::Labels,  View::Duplicates, View::Models};

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }

    void namesAreTheFilesNames()
    {
        QCOMPARE(viewName(View::Samples), QStringLiteral("samples"));
        QCOMPARE(viewName(View::Training), QStringLiteral("training"));
        QCOMPARE(viewName(View::Explorer), QStringLiteral("explorer"));
        QCOMPARE(viewName(View::Anomalies), QStringLiteral("anomalies"));
        QCOMPARE(viewName(View::Models), QStringLiteral("models"));
        for (View view : kAll)
            QCOMPARE(viewFromName(viewName(view)), std::optional<View>(view));
        // Exactly as written: a session from elsewhere or a typo names no view.
        for (const char* name : {"", "Training", "explorer ", "latent", "0"})
            QVERIFY2(!viewFromName(QString::fromLatin1(name)).has_value(), name);
    }

    void tabsFollowTheEnum()
    {
        Workspace workspace;
        QCOMPARE(workspace.count(), 7);
        QCOMPARE(workspace.page(View::Training), static_cast<QWidget*>(workspace.trainingView()));
        QCOMPARE(workspace.page(View::Labels), static_cast<QWidget*>(workspace.labelsView()));
        QCOMPARE(workspace.page(View::Duplicates), static_cast<QWidget*>(workspace.duplicatesView()));
        QCOMPARE(workspace.page(View::Models), static_cast<QWidget*>(workspace.modelsView()));
        QCOMPARE(workspace.page(View::Explorer), static_cast<QWidget*>(workspace.explorerView()));
        QCOMPARE(workspace.page(View::Anomalies), static_cast<QWidget*>(workspace.anomalyView()));
        QVERIFY(workspace.page(View::Samples)->isAncestorOf(workspace.gallery()));
        for (View view : kAll) {
            QCOMPARE(workspace.indexOf(workspace.page(view)), static_cast<int>(view));
            workspace.showView(view);
            QCOMPARE(workspace.currentView(), view);
            QCOMPARE(workspace.currentWidget(), workspace.page(view));
        }
        // A tab the user clicks is the current view as well.
        workspace.setCurrentIndex(static_cast<int>(View::Explorer));
        QCOMPARE(workspace.currentView(), View::Explorer);
    }

    void thumbnailsAreAnsweredInTheExplorer()
    {
        TempDir dir;
        const DatasetPtr data = fixtures::tinyImages(dir);
        Workspace workspace;
        workspace.setDataset(data, QString::fromStdString(dir.path()));
        QCOMPARE(workspace.dataset(), data);
        QCOMPARE(workspace.datasetPath(), QString::fromStdString(dir.path()));
        QCOMPARE(workspace.gallery()->filtered().size(), static_cast<std::size_t>(data->size()));
        workspace.showView(View::Samples);

        Q_EMIT workspace.gallery()->grid()->sampleRequested(12, SampleGrid::Request::Select);
        QCOMPARE(workspace.currentView(), View::Explorer);
        QCOMPARE(workspace.explorerView()->selectedSample(), qint64(12));
        workspace.showView(View::Samples);
        workspace.showSample(3, SampleGrid::Request::InterpolateFrom);
        workspace.showSample(7, SampleGrid::Request::InterpolateTo);
        QCOMPARE(workspace.currentView(), View::Explorer);
        QCOMPARE(workspace.explorerView()->interpolationPanel()->request().from, qint64(3));
        QCOMPARE(workspace.explorerView()->interpolationPanel()->request().to, qint64(7));
    }

    // A run that finishes after other data was opened (the monkey test's find: its model reached the
    // duplicates scan, which failed inside LibTorch) is kept by the training tab and explored only where it fits.
    void aFinishedRunThatDoesNotFitTheOpenDataIsNotExplored()
    {
        TempDir dir;
        const DatasetPtr data = fixtures::tinyImages(dir);
        Workspace workspace;
        workspace.setDataset(data, QString::fromStdString(dir.path()));
        QSignalSpy status(&workspace, &Workspace::statusMessage);
        auto modelFor = [](std::vector<std::int64_t> shape) {
            ModelConfig c = ModelConfig::defaultsFor(shape, ModelKind::Vae);
            c.hidden = {8};
            c.latentDim = 2;
            return ModelPtr(snapshotModel(makeModel(c)));
        };
        std::vector<std::int64_t> other = data->sampleShape();
        other.back() += 1;
        TrainingController* training = workspace.trainingView()->controller();
        Q_EMIT training->modelSnapshot(modelFor(other), 100, true); // mid-run: quietly left out
        QVERIFY(!workspace.explorerView()->hasModel());
        QCOMPARE(status.count(), 0);
        Q_EMIT training->modelSnapshot(modelFor(other), 200, false);
        QVERIFY(!workspace.explorerView()->hasModel());
        QCOMPARE(status.count(), 1);
        QVERIFY2(status.last().at(0).toString().contains(QStringLiteral("expects samples of shape")),
                 qPrintable(status.last().at(0).toString()));
        Q_EMIT training->modelSnapshot(modelFor(data->sampleShape()), 300, false);
        QVERIFY(workspace.explorerView()->hasModel());
        QCOMPARE(status.count(), 1);
    }

    void aCheckpointOpensInTheTrainingTab()
    {
        TempDir dir;
        const std::string path = dir.path() + "/broken.ckpt";
        std::ofstream(path) << "not a checkpoint";
        Workspace workspace;
        QSignalSpy failed(workspace.trainingView()->controller(), &TrainingController::openFailed);
        workspace.openModel(QString::fromStdString(path));
        QCOMPARE(workspace.currentView(), View::Training);
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.last().at(0).toString(), QString::fromStdString(path));
    }
};

QTEST_MAIN(TestWorkspace)
#include "test_workspace.moc"
