// Trainer: learning, reports, determinism, control from another thread, divergence, and refusals.
#include "core/models/model_snapshot.h"
#include "core/training/model_fit.h"
#include "core/training/trainer.h"
#include "core/util/torch_threads.h"
#include "tests/core/training/training_fixtures.h"

#include <gtest/gtest.h>

#include "core/util/errors.h"

#include <mutex>
#include <thread>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

struct Recorder : TrainingObserver {
    std::vector<BatchReport> batches;
    std::vector<EpochReport> epochs;
    std::vector<TrainingOutcome> finished;
    std::function<void(const BatchReport&)> onEachBatch;
    void onBatch(const BatchReport& r) override
    {
        batches.push_back(r);
        if (onEachBatch)
            onEachBatch(r);
    }
    void onEpoch(const EpochReport& r) override { epochs.push_back(r); }
    void onFinished(const TrainingOutcome& o) override { finished.push_back(o); }
};

std::vector<double> totals(const LossHistory& h)
{
    std::vector<double> out;
    for (const auto& s : h.steps())
        out.push_back(s.values.at(0));
    return out;
}

bool allFinite(LatentModel& m)
{
    for (const auto& p : m.parameters())
        if (!torch::isfinite(p).all().item<bool>())
            return false;
    return true;
}

} // namespace

TEST(Trainer, LossFallsAndEveryReportArrives)
{
    const Dataset ds = prototypeImages();
    Trainer trainer(seededModel(smallModel()), ds, quickTraining(8));
    Recorder rec;
    trainer.setObserver(&rec);
    const TrainingOutcome out = trainer.run();

    EXPECT_EQ(out.status, TrainingStatus::Completed);
    const std::int64_t perEpoch = (static_cast<std::int64_t>(ds.split().train.size()) + 15) / 16;
    EXPECT_EQ(out.step, 8 * perEpoch);
    ASSERT_EQ(rec.batches.size(), static_cast<std::size_t>(8 * perEpoch));
    ASSERT_EQ(rec.epochs.size(), 8u);
    ASSERT_EQ(rec.finished.size(), 1u);
    EXPECT_EQ(rec.batches.back().batchesPerEpoch, perEpoch);
    EXPECT_EQ(rec.batches.front().terms.front().first, "total");
    EXPECT_GT(rec.batches.back().samplesPerSecond, 0.0);

    const EpochReport& first = rec.epochs.front();
    const EpochReport& last = rec.epochs.back();
    EXPECT_LT(last.validation.front().second, 0.8 * first.validation.front().second);
    EXPECT_LT(last.train.front().second, first.train.front().second);
    EXPECT_EQ(last.klPerDim.size(), 3u);
    EXPECT_DOUBLE_EQ(last.etaSeconds, 0.0);
    EXPECT_GT(first.etaSeconds, 0.0);
    EXPECT_EQ(trainer.progress().history.epochs().size(), 8u);
    EXPECT_EQ(trainer.progress().history.termNames(), (std::vector<std::string>{"total", "recon", "kl"}));
}

TEST(Trainer, SameSeedGivesTheSameLossCurve)
{
    const Dataset ds = prototypeImages();
    Trainer a(seededModel(smallModel()), ds, quickTraining(3));
    Trainer b(seededModel(smallModel()), ds, quickTraining(3));
    a.run();
    b.run();
    EXPECT_EQ(totals(a.progress().history), totals(b.progress().history));

    TrainingConfig other = quickTraining(3);
    other.seed = 12;
    Trainer c(seededModel(smallModel()), ds, other);
    c.run();
    EXPECT_NE(totals(a.progress().history), totals(c.progress().history));
}

TEST(Trainer, StopsAtTheNextBatchWhenAsked)
{
    const Dataset ds = prototypeImages();
    Trainer trainer(seededModel(smallModel()), ds, quickTraining(50));
    TrainingControl control;
    Recorder rec;
    rec.onEachBatch = [&](const BatchReport& r) {
        if (r.step == 7)
            control.requestStop();
    };
    trainer.setControl(&control);
    trainer.setObserver(&rec);
    const TrainingOutcome out = trainer.run();
    EXPECT_EQ(out.status, TrainingStatus::Stopped);
    EXPECT_EQ(out.step, 7);
    EXPECT_EQ(trainer.progress().step, 7);
}

TEST(Trainer, PausesUntilResumedFromAnotherThread)
{
    const Dataset ds = prototypeImages();
    Trainer trainer(seededModel(smallModel()), ds, quickTraining(2));
    TrainingControl control;
    Recorder rec;
    rec.onEachBatch = [&](const BatchReport& r) {
        if (r.step == 3)
            control.pause();
    };
    trainer.setControl(&control);
    trainer.setObserver(&rec);
    std::atomic<std::int64_t> stepWhenChecked{-1};
    std::thread resumer([&] {
        while (!control.isPaused())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        stepWhenChecked = static_cast<std::int64_t>(rec.batches.size()); // the trainer is asleep: no data race
        control.resume();
    });
    const TrainingOutcome out = trainer.run();
    resumer.join();
    EXPECT_EQ(stepWhenChecked.load(), 3);
    EXPECT_EQ(out.status, TrainingStatus::Completed);
}

// What the GUI does with its threads, without Qt (so that ThreadSanitizer sees every synchronisation): the
// trainer runs on one thread and publishes snapshots between steps; another thread decodes the latest snapshot
// over and over, pauses, resumes and finally stops the run.
TEST(Trainer, SnapshotsDecodeOnAnotherThreadWhileTrainingRunsPausesAndStops)
{
    const Dataset ds = prototypeImages();
    const std::shared_ptr<LatentModel> model = seededModel(smallModel());
    Trainer trainer(model, ds, quickTraining(200));
    TrainingControl control;
    Recorder rec;
    std::mutex mutex;
    std::shared_ptr<LatentModel> latest;
    std::atomic<std::int64_t> lastStep{0};
    rec.onEachBatch = [&](const BatchReport& r) {
        lastStep = r.step;
        if (r.step % 3 == 0) {
            std::shared_ptr<LatentModel> snap = snapshotModel(model);  // on the training thread, between steps
            std::lock_guard<std::mutex> lock(mutex);
            latest = std::move(snap);
        }
    };
    trainer.setControl(&control);
    trainer.setObserver(&rec);
    TrainingOutcome out;
    std::atomic<bool> done{false};
    std::thread training([&] {
        out = trainer.run();
        done = true;
    });

    int decodes = 0;
    const auto decodeLatest = [&] {
        std::shared_ptr<LatentModel> snap;
        {
            std::lock_guard<std::mutex> lock(mutex);
            snap = latest;
        }
        if (!snap)
            return;
        torch::NoGradGuard noGrad;
        const torch::Tensor image = snap->decode(torch::zeros({2, snap->latentDim()})).reconstruction;
        EXPECT_EQ(image.size(0), 2);
        EXPECT_TRUE(torch::isfinite(image).all().item<bool>());
        ++decodes;
    };
    while (lastStep < 12 && !done)
        decodeLatest();
    const std::int64_t paused = lastStep;
    control.pause();
    for (int i = 0; i < 3; ++i)
        decodeLatest();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_LE(lastStep.load(), paused + 1);  // the step under way, if any, and then asleep
    control.resume();
    while (lastStep < paused + 6 && !done)
        decodeLatest();
    control.requestStop();
    training.join();
    EXPECT_EQ(out.status, TrainingStatus::Stopped);
    EXPECT_GE(decodes, 3);
}

TEST(Trainer, LearningRateAndBetaChangeAtTheNextStep)
{
    const Dataset ds = prototypeImages();
    auto model = seededModel(smallModel());
    Trainer trainer(model, ds, quickTraining(1));
    TrainingControl control;
    Recorder rec;
    rec.onEachBatch = [&](const BatchReport& r) {
        if (r.step == 2) {
            control.setLearningRate(1e-4);
            control.setBeta(0.5);
        }
    };
    trainer.setControl(&control);
    trainer.setObserver(&rec);
    trainer.run();
    EXPECT_DOUBLE_EQ(rec.batches[1].learningRate, 3e-3);
    EXPECT_DOUBLE_EQ(rec.batches[2].learningRate, 1e-4);
    EXPECT_DOUBLE_EQ(model->config().beta, 0.5);
}

TEST(Trainer, ANaNStopsTrainingAndKeepsTheLastGoodWeights)
{
    const Dataset ds = prototypeImages();
    auto model = seededModel(smallModel());
    Trainer trainer(model, ds, quickTraining(5));
    Recorder rec;
    std::vector<torch::Tensor> afterStep4;
    rec.onEachBatch = [&](const BatchReport& r) {
        torch::NoGradGuard g;
        if (r.step == 4)
            for (const auto& p : model->parameters())
                afterStep4.push_back(p.detach().clone());
        if (r.step == 5) // as if step 5 had produced poisoned weights
            model->parameters()[0].fill_(std::numeric_limits<float>::quiet_NaN());
    };
    trainer.setObserver(&rec);
    const TrainingOutcome out = trainer.run();
    EXPECT_EQ(out.status, TrainingStatus::Diverged);
    EXPECT_NE(out.message.find("step 6"), std::string::npos) << out.message;
    EXPECT_EQ(out.step, 4);
    ASSERT_TRUE(allFinite(*model));
    for (std::size_t i = 0; i < afterStep4.size(); ++i)
        EXPECT_TRUE(torch::equal(afterStep4[i], model->parameters()[i]));
}

TEST(Trainer, AHugeLearningRateDivergesWithFiniteWeightsKept)
{
    const Dataset ds = prototypeImages();
    auto model = seededModel(smallModel());
    TrainingConfig t = quickTraining(30);
    t.learningRate = 10.0;
    Trainer trainer(model, ds, t);
    const TrainingOutcome out = trainer.run();
    ASSERT_EQ(out.status, TrainingStatus::Diverged) << out.message;
    EXPECT_NE(out.message.find("diverged"), std::string::npos);
    EXPECT_TRUE(allFinite(*model));
}

TEST(Trainer, RefusesAModelThatDoesNotFitTheData)
{
    const Dataset ds = prototypeImages();
    ModelConfig wrong = smallModel();
    wrong.inputShape = {1, 28, 28};
    try {
        Trainer t(seededModel(wrong), ds, quickTraining());
        FAIL() << "accepted a 28x28 model for 8x8 data";
    } catch (const ModelMismatchError& e) {
        EXPECT_NE(std::string(e.what()).find("1x28x28"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("1x8x8"), std::string::npos) << e.what();
    }
    EXPECT_THROW(Trainer(seededModel(smallModel(ModelKind::ConditionalVae, 7)), ds, quickTraining()),
                 ModelMismatchError);
    Dataset unlabelled = Dataset::fromImages(std::vector<std::uint8_t>(64 * 10, 0), 10, 1, 8, 8);
    EXPECT_THROW(Trainer(seededModel(smallModel(ModelKind::ConditionalVae)), unlabelled, quickTraining()),
                 BadInputError);
    TrainingConfig bad = quickTraining();
    bad.batchSize = 0;
    EXPECT_THROW(Trainer(seededModel(smallModel()), ds, bad), BadInputError);
    bad = quickTraining();
    bad.device = "tpu";
    EXPECT_THROW(Trainer(seededModel(smallModel()), ds, bad), BadInputError);
}

// The check the trainer makes, which the window also makes before a finished run reaches the views.
TEST(Trainer, ModelFitNamesWhatDiffers)
{
    const Dataset ds = prototypeImages();
    EXPECT_TRUE(checkModelFits(smallModel(), ds).fits());
    ModelConfig wrong = smallModel();
    wrong.inputShape = {1, 8, 9};
    const ModelFit shape = checkModelFits(wrong, ds);
    EXPECT_TRUE(shape.problem == ModelFitProblem::Shape);
    EXPECT_NE(shape.why.find("1x8x9"), std::string::npos) << shape.why;
    EXPECT_TRUE(checkModelFits(smallModel(ModelKind::ConditionalVae, 7), ds).problem == ModelFitProblem::ClassCount);
    EXPECT_TRUE(checkModelFits(smallModel(ModelKind::ConditionalVae), ds).fits());
    Dataset unlabelled = Dataset::fromImages(std::vector<std::uint8_t>(64 * 10, 0), 10, 1, 8, 8);
    EXPECT_TRUE(checkModelFits(smallModel(ModelKind::ConditionalVae), unlabelled).problem
                == ModelFitProblem::NoLabels);
    EXPECT_TRUE(checkModelFits(smallModel(), unlabelled).fits());
}

// A typed thread count above the machine's is capped: 1024 OpenMP threads on two cores stalled the window.
TEST(Trainer, ThreadCountIsCappedAtTheMachines)
{
    TrainingConfig t;
    t.threads = 1;
    EXPECT_EQ(t.resolvedThreads(), 1);
    t.threads = 0;
    EXPECT_EQ(t.resolvedThreads(), allCores());
    t.threads = 1 << 20;
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    EXPECT_EQ(t.resolvedThreads(), std::max(cores, allCores()));
}

TEST(Trainer, CudaIsRefusedClearlyWhenLibTorchHasNone)
{
    if (torch::cuda::is_available())
        GTEST_SKIP() << "this LibTorch has CUDA";
    const Dataset ds = prototypeImages();
    TrainingConfig t = quickTraining();
    t.device = "cuda";
    try {
        Trainer trainer(seededModel(smallModel()), ds, t);
        FAIL() << "accepted cuda";
    } catch (const BadInputError& e) {
        EXPECT_NE(std::string(e.what()).find("CUDA"), std::string::npos) << e.what();
    }
}

TEST(Trainer, EveryFamilyTrains)
{
    const Dataset ds = prototypeImages();
    for (ModelKind kind : {ModelKind::Autoencoder, ModelKind::BetaVae, ModelKind::ConditionalVae, ModelKind::VqVae,
                           ModelKind::HierarchicalVae}) {
        Trainer trainer(seededModel(smallModel(kind)), ds, quickTraining(3));
        const TrainingOutcome out = trainer.run();
        EXPECT_EQ(out.status, TrainingStatus::Completed) << toString(kind) << ": " << out.message;
        const auto& epochs = trainer.progress().history.epochs();
        EXPECT_LT(epochs.back().train.front().second, epochs.front().train.front().second) << toString(kind);
    }
}
