// The training tab driven like a user would: the form shows the fields a family uses and puts each refusal
// beside its field; Train fills the loss plot, the KL bars and the reconstruction preview; Pause/Resume,
// a learning rate typed mid-run, Stop, Save and Train More; the window asks before closing over a run.
#include "ui/shell/main_window.h"
#include "ui/training/kl_chart.h"
#include "ui/training/loss_chart.h"
#include "ui/training/model_form.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include "core/data/load_dataset.h"
#include "core/training/checkpoint.h"
#include "tests/support/fixtures.h"
#include "tests/ui/ui_fixtures.h"

#include <QtTest>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;
using latentlab::ui::fixtures::tinyImages;

namespace {

bool itemEnabled(QComboBox* box, int index)
{
    return qobject_cast<QStandardItemModel*>(box->model())->item(index)->isEnabled();
}

void smallModel(ModelForm* form)
{
    form->hiddenEdit()->setText(QStringLiteral("16"));
    form->latentBox()->setValue(2);
    form->batchBox()->setValue(8);
}

} // namespace

class TestTrainingView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        latentlab::ui::fixtures::isolateSettings();
    }

    void init() { QSettings().clear(); }

    void formShowsFamilyFieldsAndRefusesBeside()
    {
        TempDir dir;
        ModelForm form;
        form.show();
        form.setDataset(tinyImages(dir));
        QVERIFY(itemEnabled(form.backboneBox(), 1)); // 8x8 images take the conv backbone
        QVERIFY(itemEnabled(form.familyBox(), 3));   // labelled: the conditional VAE is offered
        QCOMPARE(form.latentBox()->value(), 32);     // the classic defaults for images
        QCOMPARE(form.hiddenEdit()->text(), QStringLiteral("512, 512"));
        QVERIFY(!form.isFieldVisible(form.betaBox()));
        QVERIFY(!form.isFieldVisible(form.codebookBox()));
        form.familyBox()->setCurrentIndex(2); // beta-VAE
        QVERIFY(form.isFieldVisible(form.betaBox()));
        form.familyBox()->setCurrentIndex(4); // VQ-VAE
        QVERIFY(!form.isFieldVisible(form.betaBox()));
        QVERIFY(form.isFieldVisible(form.codebookBox()));
        QVERIFY(form.isFieldVisible(form.normalClassesList()));

        ModelConfig m;
        TrainingConfig t;
        form.latentBox()->setValue(5); // the MLP VQ-VAE splits the latent into codes of 16
        QVERIFY(!form.read(&m, &t));
        QVERIFY2(form.errorFor(QStringLiteral("latent_dim")).contains("multiple of code_dim"),
                 qPrintable(form.errorFor(QStringLiteral("latent_dim"))));
        form.familyBox()->setCurrentIndex(1);
        form.hiddenEdit()->setText(QStringLiteral("512, lots"));
        QVERIFY(!form.read(&m, &t));
        QVERIFY(form.errorFor(QStringLiteral("hidden")).contains("lots"));
        form.hiddenEdit()->setText(QStringLiteral("64 32"));
        for (int i = 0; i < form.normalClassesList()->count(); ++i)
            form.normalClassesList()->item(i)->setCheckState(Qt::Unchecked);
        QVERIFY(!form.read(&m, &t));
        QVERIFY(!form.errorFor(QStringLiteral("normal classes")).isEmpty());
        form.normalClassesList()->item(0)->setCheckState(Qt::Checked);
        form.normalClassesList()->item(2)->setCheckState(Qt::Checked);
        QVERIFY(form.read(&m, &t));
        QCOMPARE(form.errorFor(QStringLiteral("hidden")), QString());
        QCOMPARE(m.hidden, (std::vector<std::int64_t>{64, 32}));
        QCOMPARE(m.latentDim, 5);
        QCOMPARE(t.normalClasses, (std::vector<int>{0, 2}));
        QCOMPARE(t.validationFraction, -1.0); // IDX brings its test split

        // A table without labels: no conv, no conditional VAE, no class list.
        testing::writeText(dir.path() + "/t.csv", "a,b,c\n1,2,3\n4,5,6\n7,8,9\n2,2,2\n");
        form.familyBox()->setCurrentIndex(3);
        form.setDataset(std::make_shared<const Dataset>(loadDataset(dir.path() + "/t.csv")));
        QVERIFY(!itemEnabled(form.backboneBox(), 1));
        QVERIFY(!itemEnabled(form.familyBox(), 3));
        QVERIFY(form.familyBox()->currentIndex() != 3);
        QVERIFY(!form.isFieldVisible(form.normalClassesList()));
    }

    void trainsPausesStopsSavesFromTheTab()
    {
        TempDir dir;
        TrainingView view;
        view.resize(1200, 800);
        view.show();
        view.setConfirmDiscard([] { return true; });
        view.setDataset(tinyImages(dir), QString::fromStdString(dir.path()));
        smallModel(view.form());
        view.form()->epochsBox()->setValue(2000);
        TrainingController* controller = view.controller();
        QSignalSpy progress(controller, &TrainingController::progressed);
        QSignalSpy epochs(controller, &TrainingController::epochDone);
        // Before the first run: the loss chart says what it will draw, and the KL and reconstruction panels,
        // empty until a run fills them, leave it the whole height.
        view.lossChart()->flushNow();
        QVERIFY(view.lossChart()->showsPlaceholder());
        QVERIFY(!view.showsRunPanels());

        QTest::mouseClick(view.trainButton(), Qt::LeftButton);
        QVERIFY(view.showsRunPanels());
        QCOMPARE(controller->state(), TrainingController::State::Training);
        QVERIFY(!view.trainButton()->isEnabled());
        QVERIFY(!view.form()->latentBox()->isEnabled());        // the model is fixed while it trains
        QVERIFY(view.form()->learningRateBox()->isEnabled());   // the rate is not
        QVERIFY(epochs.wait(30000));
        view.lossChart()->flushNow();
        QVERIFY(!view.lossChart()->showsPlaceholder());
        QCOMPARE(view.lossChart()->termNames(), (QStringList{"total", "recon", "kl"}));
        QVERIFY(!view.lossChart()->trainingSeries().first()->points().isEmpty());
        QCOMPARE(view.klChart()->dimensionCount(), 2);
        QTRY_VERIFY(!view.previewLabel()->pixmap().isNull()); // inputs above their reconstructions

        QTest::mouseClick(view.pauseButton(), Qt::LeftButton);
        QCOMPARE(controller->state(), TrainingController::State::Paused);
        QCOMPARE(view.pauseButton()->text(), QStringLiteral("Resume"));
        view.form()->learningRateBox()->setValue(0.0002); // typed mid-run: acts at the next step
        QTest::mouseClick(view.pauseButton(), Qt::LeftButton);
        QCOMPARE(controller->state(), TrainingController::State::Training);
        QTRY_VERIFY_WITH_TIMEOUT(progress.last().at(0).value<TrainingProgressInfo>().learningRate == 0.0002, 30000);
        QVERIFY(view.progressText().contains("samples/s"));

        QSignalSpy finished(controller, &TrainingController::finished);
        QTest::mouseClick(view.stopButton(), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QVERIFY(view.trainButton()->isEnabled() && view.saveButton()->isEnabled() && view.moreButton()->isEnabled());

        QSignalSpy saved(controller, &TrainingController::saved);
        const QString path = QString::fromStdString(dir.path() + "/tab.ckpt");
        view.saveModelAs(path);
        QVERIFY(saved.wait(20000));
        const qint64 done = controller->epochsDone();
        QCOMPARE(loadCheckpoint(path.toStdString()).meta.progress.epoch, done);

        view.form()->epochsBox()->setValue(1);
        QTest::mouseClick(view.moreButton(), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(controller->epochsDone(), done + 1);

        // The next session offers the last configuration: all of it for data of the same shape, only the
        // schedule for other data.
        TrainingView next;
        next.setDataset(tinyImages(dir), {});
        QCOMPARE(next.form()->latentBox()->value(), 2);
        QCOMPARE(next.form()->hiddenEdit()->text(), QStringLiteral("16"));
        QCOMPARE(next.form()->epochsBox()->value(), 2000);
        QCOMPARE(next.form()->learningRateBox()->value(), 0.001);
        TempDir other;
        testing::writeIdxPair(other.path(), "train", 20, 12, 12, 3, false);
        next.setDataset(std::make_shared<const Dataset>(loadDataset(other.path())), {});
        QCOMPARE(next.form()->latentBox()->value(), 32);
        QCOMPARE(next.form()->epochsBox()->value(), 2000);
    }

    void windowOpensAModelOnceItsDataHasLoaded()
    {
        TempDir dir;
        const DatasetPtr data = tinyImages(dir);
        const QString path = QString::fromStdString(dir.path() + "/m.ckpt");
        {
            TrainingView view;
            view.setDataset(data, QString::fromStdString(dir.path())); // first: it sets the data's defaults
            smallModel(view.form());
            view.form()->epochsBox()->setValue(2);
            QSignalSpy finished(view.controller(), &TrainingController::finished);
            view.startTraining();
            QVERIFY(finished.wait(60000));
            QSignalSpy saved(view.controller(), &TrainingController::saved);
            view.saveModelAs(path);
            QVERIFY(saved.wait(20000));
        }
        // As `latentlab DATA --model M` does: the model is asked for while the data is still loading.
        MainWindow window;
        TrainingView* view = window.trainingView();
        QSignalSpy opened(view->controller(), &TrainingController::opened);
        window.openDataset(QString::fromStdString(dir.path()));
        window.openModel(path);
        QVERIFY(opened.wait(20000));
        QVERIFY(window.dataset());
        QCOMPARE(window.workspace()->currentWidget(), view);
        QVERIFY(view->moreButton()->isEnabled()); // opened against the loaded data, so it trains on
        QCOMPARE(view->form()->latentBox()->value(), 2); // settings of the opened model
        QCOMPARE(view->form()->hiddenEdit()->text(), QStringLiteral("16"));
        view->lossChart()->flushNow();
        QCOMPARE(view->lossChart()->trainingSeries().first()->points().last().x(), 16.0);
        QVERIFY(view->progressText().contains("m.ckpt"));
    }

    void windowAsksBeforeClosingOverARun()
    {
        TempDir dir;
        testing::writeIdxPair(dir.path(), "train", 64, 8, 8, 4, false);
        auto window = std::make_unique<MainWindow>();
        QSignalSpy changed(window.get(), &MainWindow::datasetChanged);
        window->openDataset(QString::fromStdString(dir.path()));
        QVERIFY(changed.wait(10000));
        window->show();
        TrainingView* view = window->trainingView();
        smallModel(view->form());
        view->form()->epochsBox()->setValue(100000);
        QSignalSpy steps(view->controller(), &TrainingController::stepsReady);
        view->startTraining();
        QVERIFY(steps.wait(30000));

        int asked = 0;
        window->setConfirmClose([&] { ++asked; return false; });
        QVERIFY(!window->close());
        QCOMPARE(asked, 1);
        QVERIFY(view->controller()->isRunning());
        window->setConfirmClose([&] { ++asked; return true; });
        QVERIFY(window->close());
        QCOMPARE(asked, 2);
        window.reset(); // the run stops at its next batch and the thread is joined
    }
};

QTEST_MAIN(TestTrainingView)
#include "test_training_view.moc"
