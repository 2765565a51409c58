// The explorer's ways in and out of other tools, driven as the File menu drives them: the Embedding Projector
// export written from the explorer reads back (the latents the model gives, labels, the anomaly scores the
// explorer holds, the sprite, the config) and a second export into the same folder is refused; an imported
// layout puts every point where the file says, a file that does not fit is refused and changes nothing, and
// a session whose layout file is gone says so and shows PCA. The menu items wait for a model. The model
// export (File > Export > Model) writes the explored model and refuses a busy folder; its dialog offers the
// anomaly scorer only for ONNX and once the Anomalies tab has scored.
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"
#include "core/util/errors.h"
#include "tests/support/fixtures.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/probe_panel.h"
#include "ui/explorer/projection_bar.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/shell/export_model_dialog.h"
#include "ui/shell/interop_menu.h"
#include "ui/shell/session_controller.h"
#include "ui/shell/session_file.h"
#include "ui/shell/workspace.h"

#include <QAction>
#include <QCheckBox>
#include <QFileInfo>
#include <QRadioButton>
#include <QComboBox>
#include <QMenu>
#include <QMessageBox>
#include <QtTest>

#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;
using latentlab::ui::fixtures::tinyImages;

namespace {

ModelPtr tinyModel(const Dataset& data, std::int64_t latent)
{
    ModelConfig c = ModelConfig::defaultsFor(data.sampleShape(), ModelKind::Vae);
    c.hidden = {16};
    c.latentDim = latent;
    torch::manual_seed(5);
    return snapshotModel(makeModel(c));
}

std::string fileText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

QList<QStringList> tsv(const std::string& path)
{
    QList<QStringList> rows;
    for (const QString& line : QString::fromStdString(fileText(path)).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        rows << line.split(QLatin1Char('\t'));
    return rows;
}

// Waits for the final frame of a layout by this method.
bool waitFinal(ExplorerController* controller, ProjectionMethod method, int ms = 20000)
{
    QSignalSpy frames(controller, &ExplorerController::frameReady);
    return QTest::qWaitFor([&] {
        for (const auto& f : frames) {
            const auto frame = f.at(0).value<ProjectionFrame>();
            if (frame.final && frame.method == method)
                return true;
        }
        return false;
    }, ms);
}

bool offersImported(const ExplorerView& view)
{
    return view.projectionBox()->findData(static_cast<int>(ProjectionMethod::Imported)) >= 0;
}

struct Explorer {
    TempDir dir;
    DatasetPtr data = tinyImages(dir); // 80 images of 8 x 8 in 4 classes
    ExplorerView view;
    ModelPtr explore(int latentDim)
    {
        view.setDataset(data);
        ModelPtr model = tinyModel(*data, latentDim);
        view.setModel(model);
        return waitFinal(view.controller(), ProjectionMethod::Pca) ? model : nullptr;
    }
    // A layout of every sample, rows shuffled, with a column the reader ignores.
    std::vector<QPointF> writeLayout(const std::string& path, int rows)
    {
        std::vector<int> order(static_cast<std::size_t>(rows));
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), std::mt19937(3));
        std::vector<QPointF> xy(static_cast<std::size_t>(rows));
        std::ostringstream csv;
        csv << "x,index,note,y\n";
        for (const int i : order) {
            xy[static_cast<std::size_t>(i)] = QPointF(0.5 * i - 7.25, std::sin(i) * 3.0);
            csv << xy[static_cast<std::size_t>(i)].x() << ',' << i << ",umap," << xy[static_cast<std::size_t>(i)].y()
                << '\n';
        }
        latentlab::testing::writeText(path, csv.str());
        return xy;
    }
};

} // namespace

class TestExplorerInterop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }

    void theProjectorExportReadsBackAndIsNotWrittenTwice()
    {
        Explorer e;
        const ModelPtr model = e.explore(4);
        QVERIFY(model);
        std::vector<float> scores(static_cast<std::size_t>(e.data->size()));
        for (std::size_t i = 0; i < scores.size(); ++i)
            scores[i] = 0.01f * static_cast<float>(i) + 0.5f;
        e.view.setAnomalyScores(scores);

        ExplorerController* controller = e.view.controller();
        QSignalSpy done(controller, &ExplorerController::projectorExported);
        QSignalSpy failed(controller, &ExplorerController::projectorExportFailed);
        const std::string out = e.dir.path() + "/projector";
        const RequestTag tag = e.view.exportForProjector(QString::fromStdString(out));
        QVERIFY(done.wait(20000));
        QCOMPARE(done.last().at(0).value<RequestTag>(), tag);
        const QString summary = done.last().at(2).toString();
        QVERIFY2(summary.contains(QStringLiteral("80 latents of 4 dimensions with their anomaly scores")), qPrintable(summary));
        QVERIFY(failed.isEmpty());

        // The latents are the model's means of every sample, in dataset order.
        torch::NoGradGuard g;
        std::vector<std::int64_t> all(static_cast<std::size_t>(e.data->size()));
        std::iota(all.begin(), all.end(), std::int64_t{0});
        const torch::Tensor mu = model->encode(e.data->batch(all)).mu;
        const auto tensors = tsv(out + "/tensors.tsv");
        QCOMPARE(tensors.size(), 80);
        for (int r = 0; r < 80; ++r) {
            QCOMPARE(tensors[r].size(), 4);
            for (int c = 0; c < 4; ++c)
                QVERIFY(std::abs(tensors[r][c].toDouble() - mu[r][c].item<double>()) < 1e-5);
        }
        const auto meta = tsv(out + "/metadata.tsv");
        QCOMPARE(meta.size(), 81);
        QCOMPARE(meta[0], (QStringList{"index", "label", "class", "anomaly_score"}));
        for (int r = 0; r < 80; ++r) {
            QCOMPARE(meta[r + 1][0].toInt(), r);
            QCOMPARE(meta[r + 1][1].toInt(), e.data->labels()[static_cast<std::size_t>(r)]);
            QCOMPARE(meta[r + 1][2], QString::fromStdString(e.data->classNames()[static_cast<std::size_t>(meta[r + 1][1].toInt())]));
            QCOMPARE(meta[r + 1][3].toFloat(), scores[static_cast<std::size_t>(r)]);
        }
        const latentlab::testing::PngImage sprite = latentlab::testing::readPng(out + "/sprite.png");
        QCOMPARE(sprite.width, 72); // 9 x 9 cells of 8 x 8 for 80 images
        QCOMPARE(sprite.height, 72);
        std::vector<float> px(64);
        e.data->sampleTo01(10, px.data()); // row 1, column 1
        QCOMPARE(int(sprite.at(8 + 3, 8 + 4)), int(std::lround(px[4 * 8 + 3] * 255)));
        const QString config = QString::fromStdString(fileText(out + "/projector_config.pbtxt"));
        QVERIFY(config.contains(QStringLiteral("tensor_shape: [80, 4]")));
        QVERIFY(config.contains(QStringLiteral("single_image_dim: [8, 8]")));
        QVERIFY(config.contains(QStringLiteral("metadata_path: \"metadata.tsv\"")));

        // Again into the same folder: refused, in one sentence, the files as they were.
        const std::string before = fileText(out + "/tensors.tsv");
        e.view.exportForProjector(QString::fromStdString(out));
        QVERIFY(failed.wait(20000));
        const QString message = failed.last().at(2).toString();
        QVERIFY2(message.contains(QStringLiteral("already holds tensors.tsv")), qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
        QCOMPARE(fileText(out + "/tensors.tsv"), before);
    }

    void theMenuItemsWaitForAModel()
    {
        Explorer e;
        QMenu file;
        InteropMenu menu(&file, &e.view, &e.view, [] { return QString(); });
        QVERIFY(!menu.importAction()->isEnabled());
        QVERIFY(!menu.exportAction()->isEnabled());
        QVERIFY(e.explore(3));
        QVERIFY(menu.importAction()->isEnabled());
        QVERIFY(menu.exportAction()->isEnabled());
        // A refusal reaches the status bar as well as the dialog.
        QSignalSpy status(&menu, &InteropMenu::statusMessage);
        latentlab::testing::writeText(e.dir.path() + "/tensors.tsv", "mine");
        e.view.exportForProjector(QString::fromStdString(e.dir.path()));
        QVERIFY(status.wait(20000));
        QVERIFY(status.last().at(0).toString().startsWith(QStringLiteral("Nothing was exported")));
        QCOMPARE(fileText(e.dir.path() + "/tensors.tsv"), std::string("mine"));
        e.view.setDataset(e.data); // the model goes with new data
        Q_EMIT file.aboutToShow();
        QVERIFY(!menu.exportAction()->isEnabled());
    }

    void theModelExportWritesTheExploredModelAndRefusesABusyFolder()
    {
        Explorer e;
        QMenu file;
        InteropMenu menu(&file, &e.view, &e.view, [] { return QString(); });
        QVERIFY(!menu.exportModelAction()->isEnabled());
        const ModelPtr model = e.explore(3);
        QVERIFY(model);
        QVERIFY(menu.exportModelAction()->isEnabled());
        ExplorerController* controller = e.view.controller();
        QSignalSpy done(controller, &ExplorerController::modelExported);
        QSignalSpy failed(controller, &ExplorerController::modelExportFailed);
        QSignalSpy status(&menu, &InteropMenu::statusMessage);

        const QString folder = QString::fromStdString(e.dir.path() + "/exported");
        ModelExportChoice onnx{QStringLiteral("onnx"), QStringLiteral("mse"), 0.125, QStringLiteral("given")};
        menu.exportModelTo(folder, onnx);
        QVERIFY(done.wait(20000));
        QVERIFY(failed.isEmpty());
        QVERIFY2(done.last().at(2).toString().contains(QStringLiteral("scorer.onnx")), qPrintable(done.last().at(2).toString()));
        for (const char* name : {"encoder.onnx", "decoder.onnx", "scorer.onnx", "USAGE.txt"})
            QVERIFY2(QFileInfo::exists(folder + QLatin1Char('/') + QLatin1String(name)), name);
        // The threshold went into the scorer's metadata as the window chose it.
        QVERIFY(fileText((folder + QStringLiteral("/scorer.onnx")).toStdString()).find("latentlab.threshold") != std::string::npos);
        QVERIFY(fileText((folder + QStringLiteral("/scorer.onnx")).toStdString()).find("0.125") != std::string::npos);

        // Into the same folder again: refused in one sentence, the files as they were.
        const std::string before = fileText((folder + QStringLiteral("/encoder.onnx")).toStdString());
        menu.exportModelTo(folder, ModelExportChoice{QStringLiteral("pytorch"), {}, 0.0, {}});
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.last().at(2).toString().contains(QStringLiteral("is not empty")), qPrintable(failed.last().at(2).toString()));
        QVERIFY(status.last().at(0).toString().startsWith(QStringLiteral("Nothing was exported")));
        QCOMPARE(fileText((folder + QStringLiteral("/encoder.onnx")).toStdString()), before);
        QVERIFY(!QFileInfo::exists(folder + QStringLiteral("/model.py")));
    }

    void theExportDialogOffersTheScorerOnlyForOnnxAfterScoring()
    {
        TempDir dir;
        latentlab::testing::writeText(dir.path() + "/exported-model", "taken");
        ExportModelDialog none(ScorerOffer{}, QString::fromStdString(dir.path()));
        QVERIFY(none.folder().endsWith(QStringLiteral("exported-model-2"))); // never a name that is taken
        auto* onnx = none.findChild<QRadioButton*>(QStringLiteral("exportOnnx"));
        auto* scorer = none.findChild<QCheckBox*>(QStringLiteral("exportScorer"));
        QVERIFY(onnx && scorer);
        onnx->setChecked(true);
        QVERIFY(!scorer->isEnabled()); // nothing scored yet
        QCOMPARE(none.choice().format, QStringLiteral("onnx"));
        QVERIFY(none.choice().score.isEmpty());

        ExportModelDialog offered(ScorerOffer{true, QStringLiteral("elbo"), 412.5, QStringLiteral("mean + 3 std")},
                                  QString::fromStdString(dir.path()));
        auto* scorer2 = offered.findChild<QCheckBox*>(QStringLiteral("exportScorer"));
        QVERIFY(!scorer2->isEnabled()); // PyTorch is chosen first, and has no scorer
        offered.findChild<QRadioButton*>(QStringLiteral("exportOnnx"))->setChecked(true);
        QVERIFY(scorer2->isEnabled());
        scorer2->setChecked(true);
        const ModelExportChoice c = offered.choice();
        QCOMPARE(c.score, QStringLiteral("elbo"));
        QCOMPARE(c.threshold, 412.5);
        offered.findChild<QRadioButton*>(QStringLiteral("exportPytorch"))->setChecked(true);
        QVERIFY(offered.choice().score.isEmpty());
    }

    void anImportedLayoutPutsEveryPointWhereTheFileSays()
    {
        Explorer e;
        QVERIFY(e.explore(4));
        const std::string path = e.dir.path() + "/layout.csv";
        const std::vector<QPointF> xy = e.writeLayout(path, 80);
        QVERIFY(!offersImported(e.view));
        QSignalSpy imported(e.view.controller(), &ExplorerController::layoutImported);
        e.view.importLayout(QString::fromStdString(path));
        QVERIFY(waitFinal(e.view.controller(), ProjectionMethod::Imported));
        QCOMPARE(imported.size(), 1);
        ScatterView* scatter = e.view.scatter();
        QCOMPARE(scatter->pointCount(), 80);
        for (int i = 0; i < 80; ++i) {
            QVERIFY(std::abs(scatter->position(i).x() - xy[static_cast<std::size_t>(i)].x()) < 1e-5);
            QVERIFY(std::abs(scatter->position(i).y() - xy[static_cast<std::size_t>(i)].y()) < 1e-5);
        }
        QVERIFY(offersImported(e.view));
        QCOMPARE(e.view.projectionBox()->currentData().toInt(), static_cast<int>(ProjectionMethod::Imported));
        QVERIFY(e.view.projection().method == ProjectionMethod::Imported);
        QCOMPARE(e.view.projection().layoutFile, QString::fromStdString(path));
        QVERIFY2(e.view.statusText().contains(QStringLiteral("imported from layout.csv")), qPrintable(e.view.statusText()));

        // No inverse: the probe decodes the nearest samples' weighted mean, and says so.
        QSignalSpy probes(e.view.controller(), &ExplorerController::probeDecoded);
        e.view.controller()->probe(scatter->position(11));
        QVERIFY(probes.wait(10000));
        const ProbeImage p = probes.last().at(0).value<ProbeImage>();
        QVERIFY2(p.note.contains(QStringLiteral("imported layout has no inverse")), qPrintable(p.note));
        QCOMPARE(p.neighbours.value(0), qint64(11));

        // Away to PCA and back through the bar: the file's layout again.
        e.view.projectionBox()->setCurrentIndex(e.view.projectionBox()->findData(static_cast<int>(ProjectionMethod::Pca)));
        QVERIFY(waitFinal(e.view.controller(), ProjectionMethod::Pca));
        e.view.projectionBox()->setCurrentIndex(e.view.projectionBox()->findData(static_cast<int>(ProjectionMethod::Imported)));
        QVERIFY(waitFinal(e.view.controller(), ProjectionMethod::Imported));
        QVERIFY(std::abs(scatter->position(42).x() - xy[42].x()) < 1e-5);
    }

    void aLayoutThatDoesNotFitIsRefusedAndChangesNothing()
    {
        Explorer e;
        QVERIFY(e.explore(4));
        const QPointF before = e.view.scatter()->position(5);
        const std::string path = e.dir.path() + "/layout.csv";
        e.writeLayout(path, 79);
        QSignalSpy failed(e.view.controller(), &ExplorerController::layoutImportFailed);
        e.view.importLayout(QString::fromStdString(path));
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.last().at(2).toString(), QStringLiteral("layout.csv has 79 rows but the dataset has 80 samples"));
        QVERIFY(e.view.statusText().contains(QStringLiteral("79 rows")));
        QVERIFY(!offersImported(e.view));
        QVERIFY(e.view.projection().method == ProjectionMethod::Pca);
        QCOMPARE(e.view.scatter()->position(5), before);
        const auto boxes = e.view.findChildren<QMessageBox*>();
        QVERIFY(std::any_of(boxes.begin(), boxes.end(), [](QMessageBox* b) { return b->text().contains("79 rows"); }));
    }

    void aSessionWhoseLayoutIsGoneShowsPca()
    {
        TempDir dir;
        fixtures::tinyImages(dir);
        const QString data = QString::fromStdString(dir.path());
        Session saved;
        saved.dataset = data;
        ProjectionSettings layout;
        layout.method = ProjectionMethod::Imported;
        layout.layoutFile = data + "/umap.csv"; // never written
        saved.projection = layout;
        const QString path = data + "/s.latentlab";
        writeSession(path, saved);
        // Kept relative to the session, so the two move together.
        QVERIFY(QString::fromStdString(fileText(path.toStdString())).contains(QStringLiteral("\"layout_file\": \"umap.csv\"")));
        QCOMPARE(readSession(path).projection->layoutFile, layout.layoutFile);

        Workspace workspace;
        DatasetLoader loader;
        SessionController sessions(&workspace, &loader, &workspace);
        connect(&sessions, &SessionController::datasetRequested, &loader, &DatasetLoader::load);
        connect(&loader, &DatasetLoader::loaded, &workspace, [&](const QString& p, DatasetPtr d) {
            workspace.setDataset(std::move(d), p);
            sessions.applyPending();
        });
        QSignalSpy loaded(&loader, &DatasetLoader::loaded);
        QCOMPARE(sessions.open(path), QString());
        QVERIFY(loaded.wait(10000));
        ExplorerView* explorer = workspace.explorerView();
        QVERIFY(explorer->projection().method == ProjectionMethod::Imported);
        QVERIFY(offersImported(*explorer));

        QSignalSpy status(explorer, &ExplorerView::statusMessage);
        explorer->setModel(tinyModel(*workspace.dataset(), 4));
        QVERIFY(waitFinal(explorer->controller(), ProjectionMethod::Pca));
        QVERIFY(!status.isEmpty());
        QCOMPARE(status.last().at(0).toString(), QStringLiteral("umap.csv: no such file, so the explorer shows PCA instead."));
        QVERIFY(explorer->projection().method == ProjectionMethod::Pca);
        QVERIFY(!offersImported(*explorer));

        // A session that says "imported" without naming the file is refused by name.
        latentlab::testing::writeText(dir.path() + "/bad.latentlab",
                                      R"({"format": "latentlab-session", "version": 1, "explorer": {"layout": "imported", "x": 0, "y": 1, "perplexity": 30}})");
        try {
            readSession(data + "/bad.latentlab");
            QFAIL("a session without its layout file was read");
        } catch (const BadInputError& error) {
            QCOMPARE(QString::fromUtf8(error.what()), QStringLiteral("bad.latentlab: explorer layout \"imported\" names no layout_file"));
        }
    }
};

QTEST_MAIN(TestExplorerInterop)
#include "test_explorer_interop.moc"
