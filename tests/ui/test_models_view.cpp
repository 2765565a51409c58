// The Models tab: model files become rows with their figures (evaluated on the worker), the table sorts and
// exports; a comparison of two models links hover, selection and region across their scatters; a TorchScript
// module beside a checkpoint shows what both can do and says what it cannot; the table comes back with a
// session, names as the user gave them.
#include "core/models/make_model.h"
#include "core/training/checkpoint.h"
#include "tests/support/fixtures.h"
#include "tests/ui/scatter_test_support.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/compare/compare_controller.h"
#include "ui/compare/comparison_view.h"
#include "ui/compare/linked_scatters.h"
#include "ui/compare/models_table_model.h"
#include "ui/compare/models_view.h"
#include "ui/compare/unsaved_copies.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/shell/main_window.h"
#include "ui/shell/workspace.h"
#include "ui/training/model_form.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QFile>
#include <QPushButton>
#include <QTableView>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtTest>

#include <torch/script.h>

#include <cmath>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;
using latentlab::ui::scatter_test::click;
using latentlab::ui::scatter_test::moveTo;

namespace {

// A small model of `kind` for the data, with a short training record, saved as a checkpoint.
QString checkpoint(const TempDir& dir, const Dataset& data, ModelKind kind, const std::string& file)
{
    torch::manual_seed(static_cast<std::uint64_t>(kind) + 1);
    ModelConfig config = ModelConfig::defaultsFor(data.sampleShape(), kind);
    config.hidden = {16};
    config.latentDim = 2;
    CheckpointMeta meta;
    meta.dataset = DatasetFingerprint::of(data);
    meta.progress.epoch = 1;
    meta.progress.step = 4;
    for (std::int64_t s = 1; s <= 4; ++s)
        meta.progress.history.addStep(s, {{"total", 300.0 - s}, {"recon", 290.0 - s}});
    EpochRecord e;
    e.epoch = 1;
    e.step = 4;
    e.seconds = 0.5;
    e.validation = {{"total", 295.0}, {"recon", 286.0}};
    meta.progress.history.addEpoch(e);
    const std::string path = dir.file(file);
    saveCheckpoint(path, *makeModel(config), nullptr, meta);
    return QString::fromStdString(path);
}

// An autoencoder-style TorchScript module from "PyTorch" for 1x8x8 images: it encodes and decodes but has no
// prior to sample from.
QString torchScriptAe(const TempDir& dir)
{
    torch::manual_seed(11);
    torch::jit::Module m("AeExport");
    m.register_parameter("w_enc", torch::randn({64, 2}) * 0.1, false);
    m.register_parameter("w_dec", torch::randn({2, 64}), false);
    m.define(R"JIT(
def encode(self, x):
    return x.flatten(1).matmul(self.w_enc)
def decode(self, z):
    return torch.sigmoid(z.matmul(self.w_dec)).view(-1, 1, 8, 8)
)JIT");
    const std::string path = dir.file("from-pytorch.pt");
    m.save(path);
    return QString::fromStdString(path);
}

bool waitSummaries(ModelsView& view, int count)
{
    QSignalSpy spy(view.controller(), &CompareController::summarized);
    QSignalSpy failed(view.controller(), &CompareController::evaluationFailed);
    while (spy.count() + failed.count() < count)
        if (!spy.wait(30000))
            return false;
    return failed.isEmpty();
}

bool compareAll(ModelsView& view)
{
    QSignalSpy compared(view.controller(), &CompareController::compared);
    view.compareButton()->click();
    return compared.wait(60000);
}

int column(const char* header, const ModelsTableModel& model)
{
    for (int c = 0; c < model.columnCount(); ++c)
        if (model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString() == QLatin1String(header))
            return c;
    return -1;
}

} // namespace

class TestModelsView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }

    void filesBecomeRowsWithTheirFigures()
    {
        TempDir dir;
        const DatasetPtr data = fixtures::tinyImages(dir);
        const QString vae = checkpoint(dir, *data, ModelKind::Vae, "vae.ckpt");
        const QString ae = checkpoint(dir, *data, ModelKind::Autoencoder, "ae.ckpt");
        ModelsView view;
        view.setDataset(data, QString::fromStdString(dir.path()));
        view.addModel(vae);
        view.addModel(ae);
        view.addModel(vae); // once only
        QCOMPARE(view.tableModel()->rowCount(), 2);
        QVERIFY(waitSummaries(view, 2));
        ModelsTableModel& m = *view.tableModel();
        QCOMPARE(m.stateAt(0), ModelsTableModel::State::Done);
        QCOMPARE(m.data(m.index(0, column("Family", m)), Qt::DisplayRole).toString(), QStringLiteral("vae"));
        QCOMPARE(m.data(m.index(1, column("Family", m)), Qt::DisplayRole).toString(), QStringLiteral("ae"));
        QVERIFY(!m.data(m.index(0, column("Test -ELBO", m)), Qt::DisplayRole).toString().isEmpty());
        QCOMPARE(m.data(m.index(1, column("Test -ELBO", m)), Qt::DisplayRole).toString(), QStringLiteral("–"));
        QCOMPARE(m.data(m.index(0, column("Epochs", m)), Qt::DisplayRole).toString(), QStringLiteral("1"));
        // Sorting by test recon puts the better model first, whichever it is.
        const int recon = column("Test recon", m);
        view.table()->sortByColumn(recon, Qt::AscendingOrder);
        const double first = view.table()->model()->index(0, recon).data(ModelsTableModel::kSortRole).toDouble();
        const double second = view.table()->model()->index(1, recon).data(ModelsTableModel::kSortRole).toDouble();
        QVERIFY(first <= second);
        // The CSV, as the CLI writes it.
        const QString csv = QString::fromStdString(dir.file("models.csv"));
        QCOMPARE(view.exportTable(csv), QString());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("name,family")));
        // A file that is not a model fails its row in one sentence, and the rest stay.
        latentlab::testing::writeText(dir.file("junk.ckpt"), "not a checkpoint");
        QSignalSpy failed(view.controller(), &CompareController::evaluationFailed);
        view.addModel(QString::fromStdString(dir.file("junk.ckpt")));
        QVERIFY(failed.wait(30000));
        QCOMPARE(m.stateAt(2), ModelsTableModel::State::Failed);
        QVERIFY(m.data(m.index(2, 0), Qt::ToolTipRole).toString().contains(QStringLiteral("junk.ckpt")));
    }

    void hoverSelectionAndRegionAreLinkedAcrossScatters()
    {
        TempDir dir;
        const DatasetPtr data = fixtures::tinyImages(dir);
        ModelsView view;
        view.resize(1200, 900);
        view.setDataset(data, QString::fromStdString(dir.path()));
        for (const auto& [kind, file] : {std::pair{ModelKind::Vae, "a.ckpt"}, std::pair{ModelKind::BetaVae, "b.ckpt"}}) {
            const QString path = checkpoint(dir, *data, kind, file);
            view.addModel(path);
            view.tableModel()->setChecked(path, true);
        }
        QVERIFY(waitSummaries(view, 2));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.compareButton()->isEnabled());
        QVERIFY(compareAll(view));
        LinkedScatters* linked = view.comparison()->scatters();
        QCOMPARE(linked->views().size(), std::size_t(2));
        ScatterView* a = linked->views()[0];
        ScatterView* b = linked->views()[1];
        QTRY_VERIFY(a->QWidget::isVisible() && a->width() > 100);
        // The 16 test samples in both, the same point for the same sample.
        const std::vector<int>& labels = view.comparison()->result().layoutLabels;
        QCOMPARE(labels.size(), std::size_t(16));
        // A real click on a point of the first scatter selects it in the second.
        const auto& xy = view.comparison()->result().models[0].layout;
        int point = -1;
        QPoint at;
        for (int i = 0; i < 16 && point < 0; ++i) {
            const QPointF w = a->toWidget(QPointF(xy[2 * i], xy[2 * i + 1]));
            if (a->nearestPoint(w, 2.0) == i) {
                point = i;
                at = w.toPoint();
            }
        }
        QVERIFY2(point >= 0, "no point of the first scatter stands alone");
        moveTo(*a, at, Qt::NoButton);
        QCOMPARE(b->outlined(), std::vector<int>{point});
        click(*a, at);
        QCOMPARE(b->selected(), point);
        QCOMPARE(linked->selected(), point);
        // A region drawn in the second (as its rectangle tool reports one) becomes the first's.
        Q_EMIT b->regionSelected({1, 2, 3});
        QCOMPARE(a->region(), (std::vector<int>{1, 2, 3}));
        // The clicked point's sample goes into the interpolation's first end; new ends redo the comparison.
        QCOMPARE(view.comparison()->fromBox()->value(),
                 static_cast<int>(view.comparison()->result().layoutIndices[static_cast<std::size_t>(point)]));
        view.comparison()->toBox()->setValue(5);
        QSignalSpy again(view.controller(), &CompareController::compared);
        view.comparison()->interpolateButton()->click();
        QVERIFY(again.wait(60000));
        QCOMPARE(view.comparison()->result().to, qint64(5));
        QCOMPARE(view.comparison()->result().from,
                 qint64(view.comparison()->result().layoutIndices[static_cast<std::size_t>(point)]));
        // The curves: one line a model for the chosen term, from their training records.
        QCOMPARE(view.comparison()->term(), QStringLiteral("recon"));
        QVERIFY(view.comparison()->curves()->chart()->series().size() >= 2);
    }

    void aTorchScriptModelBesideACheckpointSaysWhatItCannotDo()
    {
        TempDir dir;
        const DatasetPtr data = fixtures::tinyImages(dir);
        ModelsView view;
        view.setDataset(data, QString::fromStdString(dir.path()));
        const QString vae = checkpoint(dir, *data, ModelKind::Vae, "vae.ckpt");
        const QString ts = torchScriptAe(dir);
        for (const QString& p : {vae, ts}) {
            view.addModel(p);
            view.tableModel()->setChecked(p, true);
        }
        QVERIFY(waitSummaries(view, 2));
        ModelsTableModel& m = *view.tableModel();
        QCOMPARE(m.data(m.index(1, column("Family", m)), Qt::DisplayRole).toString(), QStringLiteral("torchscript"));
        QCOMPARE(m.data(m.index(1, column("Epochs", m)), Qt::DisplayRole).toString(), QStringLiteral("–"));
        QVERIFY(m.data(m.index(1, 0), Qt::ToolTipRole).toString().contains(QStringLiteral("TorchScript")));
        QVERIFY(compareAll(view));
        const ComparisonResult& r = view.comparison()->result();
        QCOMPARE(r.models.size(), 2);
        // What both can do: reconstructions, an interpolation, an aligned layout.
        for (const ComparedModel& cm : r.models) {
            QVERIFY(!cm.reconstructions.isNull());
            QVERIFY(!cm.interpolation.isNull());
            QCOMPARE(cm.layout.size(), std::size_t(32));
        }
        // What the module cannot: it has no KL (no bars in the KL chart) and no training record (no curve;
        // the chart's title names it). It still samples, decoding N(0, I) as the explorer's grid does for it.
        QVERIFY(!r.models[0].samples.isNull());
        QVERIFY(!r.models[1].samples.isNull());
        QVERIFY(r.models[0].hasKl);
        QVERIFY(!r.models[1].hasKl);
        QVERIFY(std::isnan(r.models[1].classKl.value(0)));
        QVERIFY(!r.models[0].stepCurves.isEmpty());
        QVERIFY(r.models[1].stepCurves.isEmpty());
        QVERIFY(view.comparison()->curves()->chart()->title().contains(QStringLiteral("from-pytorch")));
        // Its report is written too, with both models in it.
        const QString html = QString::fromStdString(dir.file("comparison.html"));
        QSignalSpy written(&view, &ModelsView::reportWritten);
        view.setSavePathChooser([html](const QString&, const QString&) { return html; });
        view.chooseComparisonPath();
        QVERIFY(written.wait(60000));
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(f.readAll());
        QVERIFY(page.contains(QStringLiteral("from-pytorch")));
        QVERIFY(page.contains(QStringLiteral("no training record")));
    }

    void aModelTrainedInTheWindowIsARowUntilSavedAndThenItsFile()
    {
        TempDir dir;
        fixtures::tinyImages(dir);
        MainWindow window;
        window.setConfirmClose([] { return true; });
        QSignalSpy loaded(&window, &MainWindow::datasetChanged);
        window.openDataset(QString::fromStdString(dir.path()));
        QVERIFY(loaded.wait(30000));
        TrainingView* training = window.trainingView();
        training->form()->hiddenEdit()->setText(QStringLiteral("16"));
        training->form()->latentBox()->setValue(2);
        training->form()->epochsBox()->setValue(1);
        ModelsView* models = window.workspace()->modelsView();
        QSignalSpy kept(training->controller(), &TrainingController::copyKept);
        training->startTraining();
        QVERIFY(kept.wait(60000));
        const QString copy = kept.first().first().toString();
        QVERIFY(isUnsavedCopy(copy));
        QVERIFY(QFileInfo::exists(copy));
        QVERIFY2(training->controller()->isModified(), "a kept copy is not the user's save");
        QCOMPARE(models->tableModel()->rowCount(), 1);
        QVERIFY(models->tableModel()->nameAt(0).startsWith(QStringLiteral("unsaved vae")));
        QTRY_COMPARE_WITH_TIMEOUT(models->tableModel()->stateAt(0), ModelsTableModel::State::Done, 30000);
        // Saved: the file takes the copy's place, and the copy goes.
        const QString saved = QString::fromStdString(dir.file("mine.ckpt"));
        QSignalSpy savedSpy(training->controller(), &TrainingController::saved);
        training->saveModelAs(saved);
        QVERIFY(savedSpy.wait(30000));
        QCOMPARE(models->tableModel()->rowCount(), 1);
        QCOMPARE(models->tableModel()->pathAt(0), QFileInfo(saved).absoluteFilePath());
        QVERIFY(!QFileInfo::exists(copy));
    }

    void theTableComesBackWithASession()
    {
        TempDir dir;
        const DatasetPtr data = fixtures::tinyImages(dir);
        const QString vae = checkpoint(dir, *data, ModelKind::Vae, "vae.ckpt");
        const QString ae = checkpoint(dir, *data, ModelKind::Autoencoder, "ae.ckpt");
        const QString session = QString::fromStdString(dir.file("work.latentlab"));
        {
            MainWindow window;
            window.setConfirmClose([] { return true; });
            QSignalSpy loaded(&window, &MainWindow::datasetChanged);
            window.openDataset(QString::fromStdString(dir.path()));
            QVERIFY(loaded.wait(30000));
            ModelsView* models = window.workspace()->modelsView();
            models->addModel(vae);
            models->addModel(ae);
            QVERIFY(models->tableModel()->setData(models->tableModel()->index(1, 0), QStringLiteral("plain AE"), Qt::EditRole));
            QCOMPARE(window.saveSession(session), QString());
        }
        MainWindow again;
        again.setConfirmClose([] { return true; });
        QSignalSpy loaded(&again, &MainWindow::datasetChanged);
        QCOMPARE(again.openSession(session), QString());
        QVERIFY(loaded.wait(30000));
        ModelsView* models = again.workspace()->modelsView();
        QTRY_COMPARE(models->tableModel()->rowCount(), 2);
        const std::vector<ModelsTableEntry> entries = models->entries();
        QCOMPARE(QFileInfo(entries[0].path).fileName(), QStringLiteral("vae.ckpt"));
        QCOMPARE(entries[0].name, QStringLiteral("vae"));
        QCOMPARE(QFileInfo(entries[1].path).fileName(), QStringLiteral("ae.ckpt"));
        QCOMPARE(entries[1].name, QStringLiteral("plain AE"));
        QTRY_COMPARE_WITH_TIMEOUT(models->tableModel()->stateAt(1), ModelsTableModel::State::Done, 30000);
    }
};

QTEST_MAIN(TestModelsView)
#include "test_models_view.moc"
