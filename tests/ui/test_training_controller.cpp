// The training controller as the window drives it: a run on a worker thread reports steps, epochs and
// previews; pause holds the steps, resume continues, a new learning rate reaches the next step, stop ends the
// run; the model saves to a checkpoint core can load, trains more, and a controller destroyed mid-run stops
// and joins its thread.
#include "ui/training/training_controller.h"

#include "core/data/load_dataset.h"
#include "core/training/checkpoint.h"
#include "core/training/device.h"
#include "tests/support/fixtures.h"
#include "tests/ui/ui_fixtures.h"

#include <QtTest>

#include <QDir>

#include <random>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;
using latentlab::ui::fixtures::threadCount;
using latentlab::ui::fixtures::tinyImages;

namespace {

ModelConfig tinyVae(const Dataset& data)
{
    ModelConfig c = ModelConfig::defaultsFor(data.sampleShape());
    c.hidden = {16};
    c.latentDim = 2;
    return c;
}

TrainingConfig quick(std::int64_t epochs)
{
    TrainingConfig t;
    t.epochs = epochs;
    t.batchSize = 8;
    t.threads = 1;
    return t;
}

qint64 lastStep(const QSignalSpy& spy)
{
    return spy.isEmpty() ? 0 : spy.last().at(0).value<StepBatch>().steps.last();
}

qint64 stepsReported(const QSignalSpy& spy)
{
    qint64 n = 0;
    for (const auto& args : spy)
        n += args.at(0).value<StepBatch>().steps.size();
    return n;
}

} // namespace

class TestTrainingController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void trainsReportsAndSaves()
    {
        TempDir dir;
        const DatasetPtr data = tinyImages(dir);
        TrainingController controller;
        QSignalSpy steps(&controller, &TrainingController::stepsReady);
        QSignalSpy epochs(&controller, &TrainingController::epochDone);
        QSignalSpy previews(&controller, &TrainingController::previewReady);
        QSignalSpy finished(&controller, &TrainingController::finished);
        QCOMPARE(controller.train(tinyVae(*data), quick(3), data, QString::fromStdString(dir.path())), QString());
        QCOMPARE(controller.state(), TrainingController::State::Training);
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.first().at(0).value<TrainingStatus>() == TrainingStatus::Completed);
        QCOMPARE(controller.state(), TrainingController::State::Idle);
        QVERIFY(controller.hasModel() && controller.isModified());

        // Every step arrives exactly once, in bursts, with one value per term.
        QCOMPARE(stepsReported(steps), 3 * 8);
        QCOMPARE(lastStep(steps), 24);
        const StepBatch first = steps.first().at(0).value<StepBatch>();
        QCOMPARE(first.terms, (QStringList{"total", "recon", "kl"}));
        QCOMPARE(first.values.first().size(), 3);
        QCOMPARE(epochs.size(), 3);
        const EpochInfo last = epochs.last().at(0).value<EpochInfo>();
        QCOMPARE(last.epoch, 3);
        QCOMPARE(last.validation.size(), 3); // IDX comes with its test split: validated on it
        QCOMPARE(last.klPerDim.size(), 2);
        QVERIFY2(last.train.first() < epochs.first().at(0).value<EpochInfo>().train.first(), qPrintable(QStringLiteral("%1 then %2").arg(epochs.first().at(0).value<EpochInfo>().train.first(), 0, 'g', 12).arg(last.train.first(), 0, 'g', 12))); // it learns

        // Previews: eight validation inputs beside their reconstructions, at the data's resolution.
        QVERIFY(!previews.isEmpty());
        const ReconstructionPreview p = previews.last().at(0).value<ReconstructionPreview>();
        QCOMPARE(p.inputs.size(), 8);
        QCOMPARE(p.reconstructions.size(), 8);
        QCOMPARE(p.reconstructions.first().size(), QSize(8, 8));

        // Saved on the worker; core loads what the GUI saved, with its progress.
        QSignalSpy saved(&controller, &TrainingController::saved);
        const QString path = QString::fromStdString(dir.path() + "/gui.ckpt");
        QCOMPARE(controller.save(path), QString());
        QVERIFY(saved.wait(20000));
        QVERIFY(!controller.isModified());
        const LoadedCheckpoint loaded = loadCheckpoint(path.toStdString());
        QCOMPARE(loaded.meta.progress.epoch, 3);
        QCOMPARE(loaded.meta.progress.step, 24);
        QCOMPARE(loaded.model->latentDim(), 2);

        // More epochs continue the same model where it stopped.
        QVERIFY(!controller.trainMore(3).isEmpty()); // not more than it has
        QCOMPARE(controller.trainMore(5), QString());
        QVERIFY(finished.wait(60000));
        QCOMPARE(controller.epochsDone(), 5);
        QCOMPARE(lastStep(steps), 40);
    }

    void opensCheckpointsWithOrWithoutFittingData()
    {
        TempDir dir;
        const DatasetPtr data = tinyImages(dir);
        const QString path = QString::fromStdString(dir.path() + "/trained.ckpt");
        {
            TrainingController trainer;
            QSignalSpy finished(&trainer, &TrainingController::finished);
            trainer.train(tinyVae(*data), quick(2), data, QString::fromStdString(dir.path()));
            QVERIFY(finished.wait(60000));
            QSignalSpy saved(&trainer, &TrainingController::saved);
            trainer.save(path);
            QVERIFY(saved.wait(20000));
        }

        // With the data it was trained on: history, settings, and it trains on from epoch 2.
        TrainingController controller;
        QSignalSpy opened(&controller, &TrainingController::opened);
        QCOMPARE(controller.open(path, data, QString::fromStdString(dir.path())), QString());
        QVERIFY(opened.wait(20000));
        OpenedModelInfo info = opened.last().at(0).value<OpenedModelInfo>();
        QVERIFY(info.canTrain);
        QCOMPARE(info.epochsDone, 2);
        QCOMPARE(info.history.steps.size(), 16);
        QCOMPARE(info.history.terms, (QStringList{"total", "recon", "kl"}));
        QCOMPARE(info.epochs.size(), 2);
        QVERIFY(info.summary.contains("vae"));
        QCOMPARE(controller.modelConfig().latentDim, 2);
        QVERIFY(controller.canTrainMore() && !controller.isModified());
        QSignalSpy finished(&controller, &TrainingController::finished);
        QCOMPARE(controller.trainMore(3), QString());
        QVERIFY(finished.wait(60000));
        QCOMPARE(controller.epochsDone(), 3);

        // From a GPU machine (its checkpoint says cuda): where there is none, it trains on on the CPU.
        if (!cudaAvailable()) {
            LoadedCheckpoint fromGpu = loadCheckpoint(path.toStdString());
            fromGpu.meta.training.device = "cuda";
            const QString gpuPath = QString::fromStdString(dir.path() + "/from-gpu.ckpt");
            saveCheckpoint(gpuPath.toStdString(), *fromGpu.model, nullptr, fromGpu.meta);
            QCOMPARE(controller.open(gpuPath, data, QString::fromStdString(dir.path())), QString());
            QVERIFY(opened.wait(20000));
            info = opened.last().at(0).value<OpenedModelInfo>();
            QVERIFY2(info.canTrain, qPrintable(info.whyNotTrain));
            QCOMPARE(controller.trainMore(3), QString());
            QVERIFY(finished.wait(60000));
            QCOMPARE(controller.epochsDone(), 3);
        }

        // Without data: it opens and saves (no optimizer state), but cannot train.
        QCOMPARE(controller.open(path, nullptr, {}), QString());
        QVERIFY(opened.wait(20000));
        info = opened.last().at(0).value<OpenedModelInfo>();
        QVERIFY(!info.canTrain);
        QVERIFY(info.whyNotTrain.contains("data"));
        QVERIFY(!controller.trainMore(10).isEmpty());
        QSignalSpy saved(&controller, &TrainingController::saved);
        const QString copy = QString::fromStdString(dir.path() + "/copy.ckpt");
        QCOMPARE(controller.save(copy), QString());
        QVERIFY(saved.wait(20000));
        QCOMPARE(loadCheckpoint(copy.toStdString()).meta.progress.epoch, 2);

        // A file that is not a checkpoint: core's message, and the controller carries on.
        testing::writeText(dir.path() + "/bad.ckpt", "not a checkpoint at all");
        QSignalSpy failed(&controller, &TrainingController::openFailed);
        QCOMPARE(controller.open(QString::fromStdString(dir.path() + "/bad.ckpt"), data, {}), QString());
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.first().at(1).toString().contains("bad.ckpt"));
        QVERIFY(!controller.hasModel());
    }

    void pauseResumeLearningRateStop()
    {
        TempDir dir;
        const DatasetPtr data = tinyImages(dir);
        TrainingController controller;
        QSignalSpy steps(&controller, &TrainingController::stepsReady);
        QSignalSpy progress(&controller, &TrainingController::progressed);
        QSignalSpy finished(&controller, &TrainingController::finished);
        QCOMPARE(controller.train(tinyVae(*data), quick(100000), data, {}), QString());
        QVERIFY(steps.wait(30000));

        // The run reports where it waits; every step before it has arrived, and none after it.
        QSignalSpy paused(&controller, &TrainingController::pausedAt);
        controller.pause();
        QCOMPARE(controller.state(), TrainingController::State::Paused);
        QVERIFY(paused.wait(30000));
        const qint64 pausedAt = paused.first().at(0).toLongLong();
        QCOMPARE(lastStep(steps), pausedAt);
        QCOMPARE(controller.state(), TrainingController::State::Paused);

        // It resumes exactly where it stopped: the next step trained is the one after the pause.
        const int batchesBefore = steps.count();
        controller.setLearningRate(1e-4);
        controller.resume();
        QVERIFY(QTest::qWaitFor([&] { return steps.count() > batchesBefore; }, 30000));
        QCOMPARE(steps.at(batchesBefore).at(0).value<StepBatch>().steps.first(), pausedAt + 1);
        QTRY_VERIFY_WITH_TIMEOUT(lastStep(steps) > pausedAt + 20, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(progress.last().at(0).value<TrainingProgressInfo>().learningRate == 1e-4, 30000);

        controller.stop();
        QVERIFY(finished.wait(30000));
        QVERIFY(finished.first().at(0).value<TrainingStatus>() == TrainingStatus::Stopped);
        QVERIFY(controller.hasModel());
    }

    void refusesBadRequests()
    {
        TempDir dir;
        const DatasetPtr data = tinyImages(dir);
        TrainingController controller;
        ModelConfig bad = tinyVae(*data);
        bad.latentDim = 0;
        QVERIFY(controller.train(bad, quick(1), data, {}).contains("latent"));
        QVERIFY(!controller.train(tinyVae(*data), quick(1), nullptr, {}).isEmpty());
        QVERIFY(!controller.save(QString::fromStdString(dir.path() + "/none.ckpt")).isEmpty()); // nothing trained

        // A model that does not fit the data is refused by core on the worker and reported, not thrown.
        ModelConfig other = tinyVae(*data);
        other.inputShape = {1, 4, 4};
        QSignalSpy failed(&controller, &TrainingController::failed);
        QCOMPARE(controller.train(other, quick(1), data, {}), QString());
        QVERIFY(failed.wait(20000));
        QVERIFY(!failed.first().at(0).toString().isEmpty());
        QCOMPARE(controller.state(), TrainingController::State::Idle);
    }

    // 200 seeded random sequences of what a person can do to a run, each ending with the controller destroyed
    // (the window closing): no crash, no deadlock, and every thread a run started is gone afterwards. Between
    // two actions the test waits for an event, never for a length of time: for the answer to a request that
    // was accepted (a run's first steps or its end, a save's result), or just for what has already arrived, so
    // a failing seed replays the same actions at the same points of a run.
    void randomControlSequences()
    {
        TempDir dir;
        const DatasetPtr data = tinyImages(dir);
        const int threadsBefore = threadCount();
        std::mt19937 rng(7);
        for (int sequence = 0; sequence < 200; ++sequence) {
            auto controller = std::make_unique<TrainingController>();
            QSignalSpy answers(controller.get(), &TrainingController::stepsReady);
            QSignalSpy ended(controller.get(), &TrainingController::finished);
            QSignalSpy failed(controller.get(), &TrainingController::failed);
            QSignalSpy saved(controller.get(), &TrainingController::saved);
            QSignalSpy saveFailed(controller.get(), &TrainingController::saveFailed);
            auto answered = [&] { return answers.count() + ended.count() + failed.count() + saved.count() + saveFailed.count(); };
            const int ops = 1 + static_cast<int>(rng() % 8);
            for (int op = 0; op < ops; ++op) {
                const int before = answered();
                QString refused = QStringLiteral("no answer to wait for");
                switch (rng() % 8) {
                case 0:
                case 1: refused = controller->train(tinyVae(*data), quick(1 + rng() % 50), data, {}); break;
                case 2: controller->pause(); break;
                case 3: controller->resume(); break;
                case 4: controller->stop(); break;
                case 5: controller->setLearningRate(1e-4 * (1 + rng() % 10)); break;
                case 6: refused = controller->trainMore(controller->epochsDone() + 1 + rng() % 5); break;
                case 7: refused = controller->save(QString::fromStdString(dir.path() + "/r.ckpt")); break;
                }
                // Every other time, the accepted request's first answer (a paused run answers nothing more
                // until resumed, hence the bound); otherwise only what has already arrived.
                if (refused.isEmpty() && rng() % 2 == 0 && controller->state() != TrainingController::State::Paused)
                    QVERIFY(QTest::qWaitFor([&] { return answered() > before; }, 30000));
                else
                    QCoreApplication::processEvents();
            }
            controller.reset();
        }
        // The training threads (and the OpenMP helpers each one started) end with their controller: 200 runs
        // leave at most a pool thread or two of Qt or LibTorch behind, not one per run.
        QTRY_VERIFY_WITH_TIMEOUT(threadCount() <= threadsBefore + 2, 10000);
    }

    void destroyedWhileTrainingStopsAndJoins()
    {
        TempDir dir;
        const DatasetPtr data = tinyImages(dir);
        for (const bool paused : {false, true}) {
            auto controller = std::make_unique<TrainingController>();
            QSignalSpy steps(controller.get(), &TrainingController::stepsReady);
            QCOMPARE(controller->train(tinyVae(*data), quick(100000), data, {}), QString());
            QVERIFY(steps.wait(30000));
            if (paused)
                controller->pause();
            controller.reset(); // must return: stops at the next batch, joins the thread
        }
    }
};

QTEST_MAIN(TestTrainingController)
#include "test_training_controller.moc"
