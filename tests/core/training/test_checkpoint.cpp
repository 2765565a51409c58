// Checkpoints: exact round trip, resume equal to an uninterrupted run, atomic saves, and clear refusals.
#include "core/training/checkpoint.h"
#include "tests/core/training/training_fixtures.h"

#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

#include "core/util/atomic_file.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

std::vector<std::uint8_t> fileBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

void expectSameWeights(LatentModel& a, LatentModel& b)
{
    const auto pa = a.named_parameters();
    const auto pb = b.named_parameters();
    ASSERT_EQ(pa.size(), pb.size());
    for (const auto& item : pa)
        EXPECT_TRUE(torch::equal(item.value(), pb[item.key()])) << item.key();
    for (const auto& item : a.named_buffers())
        EXPECT_TRUE(torch::equal(item.value(), b.named_buffers()[item.key()])) << item.key();
}

CheckpointMeta metaOf(const Trainer& t, const Dataset& ds)
{
    return {t.config(), t.progress(), DatasetFingerprint::of(ds)};
}

} // namespace

TEST(Checkpoint, RoundTripsEverythingExactly)
{
    TempDir dir;
    const Dataset ds = prototypeImages();
    for (ModelKind kind : {ModelKind::Vae, ModelKind::VqVae, ModelKind::Autoencoder, ModelKind::HierarchicalVae,
                           ModelKind::ConditionalVae}) {
        Trainer trainer(seededModel(smallModel(kind)), ds, quickTraining(2));
        trainer.run();
        const std::string path = dir.file(toString(kind) + ".ckpt");
        saveCheckpoint(path, *trainer.model(), &trainer.optimizer(), metaOf(trainer, ds));

        const LoadedCheckpoint loaded = loadCheckpoint(path);
        EXPECT_EQ(loaded.model->config(), trainer.model()->config());
        expectSameWeights(*trainer.model(), *loaded.model);
        EXPECT_EQ(loaded.meta.progress.step, trainer.progress().step);
        EXPECT_EQ(loaded.meta.progress.epoch, 2);
        EXPECT_EQ(loaded.meta.progress.history.steps().size(), trainer.progress().history.steps().size());
        EXPECT_EQ(loaded.meta.progress.history.epochs().back().klPerDim,
                  trainer.progress().history.epochs().back().klPerDim);
        EXPECT_EQ(loaded.meta.training.toJson(), trainer.config().toJson());
        EXPECT_EQ(loaded.meta.dataset.shape, ds.sampleShape());
        EXPECT_EQ(loaded.meta.dataset.classNames, ds.classNames());
        EXPECT_EQ(loaded.optimizerState.size(), trainer.optimizer().state().size());
    }
}

TEST(Checkpoint, ResumingGivesTheSameModelAsAnUninterruptedRun)
{
    TempDir dir;
    const Dataset ds = prototypeImages();
    Trainer straight(seededModel(smallModel()), ds, quickTraining(4));
    straight.run();

    // Stop in the middle of epoch 2, save, load, and go on to 4 epochs.
    Trainer firstHalf(seededModel(smallModel()), ds, quickTraining(4));
    TrainingControl control;
    struct StopAt : TrainingObserver {
        TrainingControl* c;
        explicit StopAt(TrainingControl* c) : c(c) {}
        void onBatch(const BatchReport& r) override
        {
            if (r.step == 9)
                c->requestStop();
        }
    } stopper(&control);
    firstHalf.setControl(&control);
    firstHalf.setObserver(&stopper);
    ASSERT_EQ(firstHalf.run().status, TrainingStatus::Stopped);
    saveCheckpoint(dir.file("half.ckpt"), *firstHalf.model(), &firstHalf.optimizer(), metaOf(firstHalf, ds));

    LoadedCheckpoint loaded = loadCheckpoint(dir.file("half.ckpt"));
    Trainer resumed(loaded.model, ds, loaded.meta.training);
    resumed.restore(loaded.meta.progress, loaded.optimizerState);
    ASSERT_EQ(resumed.run().status, TrainingStatus::Completed);

    EXPECT_EQ(resumed.progress().step, straight.progress().step);
    std::vector<double> a, b;
    for (const auto& s : straight.progress().history.steps())
        a.push_back(s.values[0]);
    for (const auto& s : resumed.progress().history.steps())
        b.push_back(s.values[0]);
    EXPECT_EQ(a, b);
    expectSameWeights(*straight.model(), *resumed.model());
}

TEST(Checkpoint, ATruncatedCorruptedOrForeignFileIsRefusedClearly)
{
    TempDir dir;
    const Dataset ds = prototypeImages();
    Trainer trainer(seededModel(smallModel()), ds, quickTraining(1));
    trainer.run();
    const std::string good = dir.file("good.ckpt");
    saveCheckpoint(good, *trainer.model(), &trainer.optimizer(), metaOf(trainer, ds));
    const std::vector<std::uint8_t> bytes = fileBytes(good);

    for (std::size_t keep : {std::size_t{0}, std::size_t{3}, std::size_t{100}, bytes.size() / 2, bytes.size() - 10}) {
        const std::string path = dir.file("cut.ckpt");
        writeBytes(path, std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(keep)));
        const std::string message = badInputMessage([&] { loadCheckpoint(path); });
        EXPECT_NE(message.find("cut.ckpt"), std::string::npos) << message;
    }
    // Damage in the middle: refused or, where the byte was slack, loaded; never a crash.
    for (std::size_t at = 40; at < bytes.size(); at += bytes.size() / 17) {
        std::vector<std::uint8_t> damaged = bytes;
        damaged[at] ^= 0x5a;
        writeBytes(dir.file("damaged.ckpt"), damaged);
        try {
            loadCheckpoint(dir.file("damaged.ckpt"));
        } catch (const BadInputError&) {
        }
    }
    writeText(dir.file("notes.ckpt"), "hello, I am text\n");
    EXPECT_NE(badInputMessage([&] { loadCheckpoint(dir.file("notes.ckpt")); }).find("not a LatentLab checkpoint"),
              std::string::npos);
    const std::vector<char> tensorFile = torch::pickle_save(torch::ones({3}));
    writeBytes(dir.file("tensor.pt"), std::vector<std::uint8_t>(tensorFile.begin(), tensorFile.end()));
    EXPECT_NE(badInputMessage([&] { loadCheckpoint(dir.file("tensor.pt")); }).find("not a LatentLab checkpoint"),
              std::string::npos);
    EXPECT_THROW(loadCheckpoint(dir.file("missing.ckpt")), Error);
}

// A zip directory that claims a record of 4 GB in a small file: refused from the directory alone, before
// LibTorch would allocate the 4 GB (found by fuzzing).
TEST(Checkpoint, ARecordSizeTheFileCannotHoldIsRefusedBeforeAllocating)
{
    TempDir dir;
    const Dataset ds = prototypeImages();
    Trainer trainer(seededModel(smallModel()), ds, quickTraining(1));
    saveCheckpoint(dir.file("good.ckpt"), *trainer.model(), nullptr, metaOf(trainer, ds));
    std::vector<std::uint8_t> bytes = fileBytes(dir.file("good.ckpt"));
    // The first central-directory entry (signature PK\1\2): its uncompressed size at offset 24.
    const std::string sig("PK\x01\x02", 4);
    const auto at = std::search(bytes.begin(), bytes.end(), sig.begin(), sig.end());
    ASSERT_NE(at, bytes.end());
    const std::size_t entry = static_cast<std::size_t>(at - bytes.begin());
    for (std::size_t i = 0; i < 4; ++i) {
        bytes[entry + 20 + i] = 0xF0; // compressed size
        bytes[entry + 24 + i] = 0xF0; // uncompressed size
    }
    writeBytes(dir.file("forged.ckpt"), bytes);
    const std::string message = badInputMessage([&] { loadCheckpoint(dir.file("forged.ckpt")); });
    EXPECT_NE(message.find("forged.ckpt is not a readable LatentLab checkpoint: its directory says the record"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("holds 4042322160 bytes, more than the file can hold"), std::string::npos) << message;
}

TEST(Checkpoint, WeightsThatDoNotFitTheConfigAreRefusedNamingTheTensor)
{
    TempDir dir;
    const Dataset ds = prototypeImages();
    Trainer trainer(seededModel(smallModel()), ds, quickTraining(1));
    // Save the weights of a 3-d latent model under the config of a 5-d one.
    ModelConfig other = smallModel();
    other.latentDim = 5;
    saveCheckpoint(dir.file("a.ckpt"), *trainer.model(), nullptr, metaOf(trainer, ds));
    c10::IValue root = torch::pickle_load([&] {
        const auto b = fileBytes(dir.file("a.ckpt"));
        return std::vector<char>(b.begin(), b.end());
    }());
    auto d = root.toGenericDict();
    d.insert_or_assign(std::string("config"), other.toJson().dump());
    const std::vector<char> forged = torch::pickle_save(root);
    writeBytes(dir.file("forged.ckpt"), std::vector<std::uint8_t>(forged.begin(), forged.end()));
    try {
        loadCheckpoint(dir.file("forged.ckpt"));
        FAIL() << "loaded weights of the wrong shape";
    } catch (const ModelMismatchError& e) {
        EXPECT_NE(std::string(e.what()).find("shape"), std::string::npos) << e.what();
    }
    d.insert_or_assign(std::string("version"), std::int64_t{99});
    const std::vector<char> future = torch::pickle_save(root);
    writeBytes(dir.file("future.ckpt"), std::vector<std::uint8_t>(future.begin(), future.end()));
    EXPECT_NE(badInputMessage([&] { loadCheckpoint(dir.file("future.ckpt")); }).find("newer"), std::string::npos);
}

// A writer killed mid-write, many times: the file always holds one whole content, never a mix or a truncation.
// The child writes two contents in turn and reports each completed write on a pipe; the parent kills it right
// after the k-th report, while write k + 1 is under way (k differs from round to round, so the kill finds
// either content on disk). Every round must see new content: the file the test started with never comes back.
TEST(AtomicFile, AKilledWriterLeavesTheOldFileIntact)
{
    TempDir dir;
    const std::string path = dir.file("data.bin");
    const std::vector<char> initial(2 << 20, 'o');
    const std::vector<char> first(3 << 20, 'a');
    const std::vector<char> second(5 << 20, 'b');
    auto bytesOf = [](const std::vector<char>& c) { return std::vector<std::uint8_t>(c.begin(), c.end()); };
    const std::vector<std::uint8_t> a = bytesOf(first), b = bytesOf(second), o = bytesOf(initial);
    int seenA = 0, seenB = 0;
    for (int round = 0; round < 20; ++round) {
        writeFileAtomically(path, initial.data(), initial.size());
        int done[2];
        ASSERT_EQ(::pipe(done), 0);
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            ::close(done[0]);
            for (long n = 0;; ++n) {
                const std::vector<char>& c = n % 2 == 0 ? first : second;
                writeFileAtomically(path, c.data(), c.size());
                const char one = 1;
                if (::write(done[1], &one, 1) != 1)
                    ::_exit(1);
            }
        }
        ::close(done[1]);
        const int reports = 1 + round % 3;
        for (int r = 0; r < reports; ++r) {
            char byte = 0;
            ASSERT_EQ(::read(done[0], &byte, 1), 1) << "round " << round << ": the writer died on its own";
        }
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
        ::close(done[0]);
        const std::vector<std::uint8_t> now = fileBytes(path);
        ASSERT_NE(now, o) << "round " << round << ": a completed write was lost";
        ASSERT_TRUE(now == a || now == b) << "round " << round << ": " << now.size() << " bytes of neither content";
        (now == a ? seenA : seenB) += 1;
    }
    // Both contents were found on disk at a kill, so the kills did land between different writes.
    EXPECT_GT(seenA, 0);
    EXPECT_GT(seenB, 0);
}

// A disk that fills up (a file size limit does the same to write()): a clear error, the old file intact.
TEST(AtomicFile, AFullDiskLeavesTheOldFileAndNoTemporary)
{
    TempDir dir;
    const std::string path = dir.file("model.ckpt");
    const std::vector<char> oldContent(1000, 'o');
    writeFileAtomically(path, oldContent.data(), oldContent.size());
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{64 << 10, 64 << 10};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        const std::vector<char> big(1 << 20, 'n');
        try {
            writeFileAtomically(path, big.data(), big.size());
        } catch (const IoError& e) {
            _exit(std::string(e.what()).find("model.ckpt") != std::string::npos ? 42 : 3);
        }
        _exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 42);
    EXPECT_EQ(fileBytes(path), std::vector<std::uint8_t>(oldContent.begin(), oldContent.end()));
    int entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path()))
        ++entries;
    EXPECT_EQ(entries, 1);
}

// The promise to PyTorch users: torch.load opens a checkpoint, and "model" is a plain state_dict.
TEST(Checkpoint, PythonTorchLoadReadsTheWeights)
{
    TempDir dir;
    const Dataset ds = prototypeImages();
    Trainer trainer(seededModel(smallModel()), ds, quickTraining(1));
    trainer.run();
    const std::string ckpt = dir.file("m.ckpt");
    saveCheckpoint(ckpt, *trainer.model(), &trainer.optimizer(), metaOf(trainer, ds));
    writeText(dir.file("read.py"),
              "import json, sys, torch\n"
              "ck = torch.load(sys.argv[1])\n"
              "sd = ck['model']\n"
              "print(ck['format'], json.loads(ck['config'])['kind'], len(sd), '%.6f' % float(sd['mu.weight'].double().sum()))\n");
    const std::string out = dir.file("out.txt");
    const std::string command = "/usr/bin/python3 " + dir.file("read.py") + " " + ckpt + " > " + out + " 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << std::string(fileBytes(out).begin(), fileBytes(out).end());
    const auto bytes = fileBytes(out);
    const std::string text(bytes.begin(), bytes.end());
    char expected[64];
    std::snprintf(expected, sizeof expected, "%.6f",
                  trainer.model()->named_parameters()["mu.weight"].to(torch::kDouble).sum().item<double>());
    const std::size_t tensors = trainer.model()->named_parameters().size() + trainer.model()->named_buffers().size();
    EXPECT_EQ(text, "latentlab-checkpoint vae " + std::to_string(tensors) + " " + expected + "\n");
}

// A full disk during a checkpoint save (RLIMIT_FSIZE makes write() fail as ENOSPC would): the save reports
// which file it could not write, the previous checkpoint still loads with its weights, and the process
// carries on (it loads that checkpoint and saves elsewhere afterwards).
TEST(Checkpoint, AFullDiskDuringASaveKeepsThePreviousCheckpointAndTheProcessRuns)
{
    TempDir dir;
    const Dataset ds = prototypeImages();
    Trainer trainer(seededModel(smallModel()), ds, quickTraining(1));
    trainer.run();
    const std::string path = dir.file("model.ckpt");
    saveCheckpoint(path, *trainer.model(), &trainer.optimizer(), metaOf(trainer, ds));
    const std::vector<std::uint8_t> before = fileBytes(path);
    ASSERT_GT(before.size(), 8u << 10);

    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit original{};
        ::getrlimit(RLIMIT_FSIZE, &original);
        rlimit limit = original;
        limit.rlim_cur = 4 << 10; // the soft limit only, so that the child may lift it again
        ::setrlimit(RLIMIT_FSIZE, &limit);
        int code = 3;
        try {
            saveCheckpoint(path, *trainer.model(), &trainer.optimizer(), metaOf(trainer, ds));
        } catch (const IoError& e) {
            code = std::string(e.what()).find("model.ckpt") != std::string::npos ? 42 : 4;
        } catch (...) {
            code = 5;
        }
        try {
            (void)loadCheckpoint(path);
            ::setrlimit(RLIMIT_FSIZE, &original);
            saveCheckpoint(path + ".elsewhere", *trainer.model(), nullptr, metaOf(trainer, ds));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "after the failed save: %s\n", e.what());
            code = 6;
        }
        _exit(code);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 42);
    EXPECT_EQ(fileBytes(path), before);
    expectSameWeights(*loadCheckpoint(path).model, *trainer.model());
    EXPECT_TRUE(std::filesystem::exists(path + ".elsewhere"));
}

// Training that diverges (a learning rate of 10) stops with the NaN message and keeps weights that are finite
// and can be saved and opened again.
TEST(Checkpoint, ADivergedRunSavesItsLastGoodWeights)
{
    TempDir dir;
    const Dataset ds = prototypeImages();
    TrainingConfig t = quickTraining(30);
    t.learningRate = 10.0;
    Trainer trainer(seededModel(smallModel()), ds, t);
    const TrainingOutcome out = trainer.run();
    ASSERT_EQ(out.status, TrainingStatus::Diverged) << out.message;
    EXPECT_NE(out.message.find("step"), std::string::npos) << out.message;
    saveCheckpoint(dir.file("last-good.ckpt"), *trainer.model(), &trainer.optimizer(), metaOf(trainer, ds));
    const LoadedCheckpoint back = loadCheckpoint(dir.file("last-good.ckpt"));
    expectSameWeights(*back.model, *trainer.model());
    for (const auto& p : back.model->parameters())
        EXPECT_TRUE(torch::isfinite(p).all().item<bool>());
    EXPECT_EQ(back.meta.progress.step, trainer.progress().step);
}
