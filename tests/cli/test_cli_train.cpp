// `latentlab-cli train` end to end: JSON progress, resume, every model family, divergence, and what Ctrl-C
// and kill -9 leave behind.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <thread>

using namespace latentlab::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

void expectTerms(const nlohmann::json& terms, std::initializer_list<const char*> names)
{
    ASSERT_TRUE(terms.is_object()) << terms;
    for (const char* name : names) {
        ASSERT_TRUE(terms.contains(name)) << name << " missing in " << terms;
        ASSERT_TRUE(terms[name].is_number()) << name << " is not a number in " << terms;
        EXPECT_TRUE(std::isfinite(terms[name].get<double>())) << name << " in " << terms;
    }
}

// eval on a checkpoint succeeds with finite numbers.
void expectLoadable(const std::string& checkpoint)
{
    const CliResult r = runCli({"eval", "--model", checkpoint, "--json", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"total", "recon", "mse"}) {
        ASSERT_TRUE(j.contains(key)) << r.out;
        EXPECT_TRUE(std::isfinite(j[key].get<double>())) << r.out;
    }
}

// Polls until `done` holds or `limit` passes; generous limits, so a slow machine only waits longer.
template <typename F>
bool pollUntil(F done, std::chrono::milliseconds limit, std::chrono::microseconds every = 20ms)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(every);
    }
    return true;
}

} // namespace

TEST(CliTrain, JsonReportsEveryEpochAndTheEnd)
{
    TempDir dir;
    const std::string ckpt = dir.file("m.ckpt");
    const CliResult r = runCli(quickTrain(sharedIdxFolder(), ckpt, {"--epochs", "3", "--json"}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = jsonLines(r.out);
    ASSERT_EQ(lines.size(), 4u) << r.out;
    for (int e = 0; e < 3; ++e) {
        SCOPED_TRACE("epoch line " + std::to_string(e + 1));
        const auto& j = lines[static_cast<std::size_t>(e)];
        EXPECT_EQ(j["event"], "epoch");
        EXPECT_EQ(j["epoch"], e + 1);
        EXPECT_EQ(j["epochs"], 3);
        expectTerms(j["train"], {"total", "recon", "kl"});
        expectTerms(j["validation"], {"total", "recon", "kl"});
        EXPECT_EQ(j["kl_per_dim"].size(), static_cast<std::size_t>(kLatent));
    }
    EXPECT_EQ(lines[3]["event"], "done");
    EXPECT_EQ(lines[3]["status"], "completed");
    EXPECT_EQ(lines[3]["epoch"], 3);
    EXPECT_EQ(lines[3]["checkpoint"], ckpt);
    EXPECT_TRUE(fs::exists(ckpt));
    EXPECT_TRUE(r.err.empty()) << r.err; // no progress bar when stderr is not a terminal
}

TEST(CliTrain, ResumeTrainsOnToTheTotalEpochs)
{
    TempDir dir;
    const std::string ckpt = dir.file("m.ckpt");
    CliResult r = runCli(quickTrain(sharedIdxFolder(), ckpt, {"--epochs", "1"}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("trained 1 epochs"), std::string::npos) << r.out;

    r = runCli({"train", "--resume", ckpt, "--epochs", "3", "--json", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = jsonLines(r.out);
    ASSERT_EQ(lines.size(), 3u) << r.out;
    EXPECT_EQ(lines[0]["event"], "epoch");
    EXPECT_EQ(lines[0]["epoch"], 2);
    EXPECT_EQ(lines[1]["epoch"], 3);
    EXPECT_EQ(lines[2]["event"], "done");
    EXPECT_EQ(lines[2]["status"], "completed");
    EXPECT_EQ(lines[2]["epoch"], 3);
    expectLoadable(ckpt);

    // Nothing left to do: --epochs must go above what the checkpoint has trained.
    r = runCli({"train", "--resume", ckpt, "--epochs", "3"});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find("has already trained 3 epochs"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

    // The model's shape belongs to the checkpoint.
    r = runCli({"train", "--resume", ckpt, "--epochs", "5", "--latent", "8"});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find("--latent"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(CliTrain, ACheckpointFindsItsDataFromAnotherFolder)
{
    TempDir dir;
    writeIdxFolder(dir.file("images"), 32, 8, 8, 8);
    // Relative --data and --out, as typed in a shell.
    const CliResult r = runCli({"train", "--data", "images", "--out", "m.ckpt", "--hidden", "16", "--latent", "2",
                                "--epochs", "1", "--threads", "1"},
                               dir.path());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    // eval, encode and --resume default to the training data, wherever they run from.
    expectLoadable(dir.file("m.ckpt"));
}

// Every model family trains an epoch on tiny data and leaves a checkpoint that eval reads.
struct Family {
    const char* name;
    std::vector<std::string> args;
    int size = 8; // images are size x size
};

void PrintTo(const Family& f, std::ostream* os)
{
    *os << f.name;
}

class CliTrainFamily : public ::testing::TestWithParam<Family> {};

TEST_P(CliTrainFamily, TrainsOneEpoch)
{
    const Family& f = GetParam();
    TempDir dir;
    const std::string data = f.size == 8 ? sharedIdxFolder() : writeIdxFolder(dir.file("data"), 64, 16, f.size, f.size);
    const std::string ckpt = dir.file("m.ckpt");
    std::vector<std::string> extra = f.args;
    extra.insert(extra.end(), {"--epochs", "1", "--json"});
    const CliResult r = runCli(quickTrain(data, ckpt, extra));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = jsonLines(r.out);
    ASSERT_EQ(lines.size(), 2u) << r.out;
    expectTerms(lines[0]["train"], {"total", "recon"});
    EXPECT_EQ(lines[1]["status"], "completed");
    EXPECT_TRUE(fs::exists(ckpt));
}

INSTANTIATE_TEST_SUITE_P(
    AllModels, CliTrainFamily,
    ::testing::Values(Family{"ae", {"--model", "ae"}}, Family{"vae", {"--model", "vae"}},
                      Family{"beta_vae", {"--model", "beta-vae"}}, Family{"cvae", {"--model", "cvae"}},
                      Family{"cvae_standard_prior", {"--model", "cvae", "--class-prior", "off"}},
                      Family{"vqvae", {"--model", "vqvae", "--code-dim", "2", "--codebook", "8"}},
                      Family{"hvae", {"--model", "hvae"}}, Family{"conv_vae", {"--model", "vae", "--arch", "conv"}, 28}),
    [](const ::testing::TestParamInfo<Family>& info) { return std::string(info.param.name); });

// A learning rate of 100 (the most allowed) blows a VAE up within a few steps.
static CliResult trainUntilDiverged(const std::string& ckpt)
{
    return runCli(quickTrain(sharedIdxFolder(), ckpt, {"--lr", "100", "--epochs", "20", "--seed", "3", "--json"}));
}

TEST(CliTrain, DivergedRunExitsOneAndSaysSo)
{
    TempDir dir;
    const std::string ckpt = dir.file("m.ckpt");
    const CliResult r = trainUntilDiverged(ckpt);
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find("diverged"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    const auto lines = jsonLines(r.out);
    ASSERT_FALSE(lines.empty()) << r.out;
    EXPECT_EQ(lines.back()["event"], "done");
    EXPECT_EQ(lines.back()["status"], "diverged");
    EXPECT_LT(lines.back()["epoch"].get<int>(), 20);
    EXPECT_TRUE(fs::exists(ckpt));
}

// Fails today: the diverged epoch's NaN validation loss goes into the checkpoint's loss history as JSON null,
// which LossHistory::fromJson (core/training/loss_history.cpp) refuses, so the saved checkpoint does not load.
// Enable once core writes/reads non-finite history values.
TEST(CliTrain, DivergedRunLeavesALoadableCheckpoint)
{
    TempDir dir;
    const std::string ckpt = dir.file("m.ckpt");
    ASSERT_EQ(trainUntilDiverged(ckpt).exitCode, 1);
    expectLoadable(ckpt);
}

TEST(CliTrain, CtrlCStopsSavesAndTellsHowToResume)
{
    TempDir dir;
    const std::string ckpt = dir.file("m.ckpt");
    // Batches of 8: several per epoch, so the stop lands mid-epoch and resuming picks up inside one.
    CliProcess p(quickTrain(sharedIdxFolder(), ckpt, {"--epochs", "100000", "--batch", "8", "--json"}));
    ASSERT_TRUE(pollUntil([&] { return fs::exists(ckpt) || !p.running(); }, 60s))
        << "no checkpoint after 60 s";
    ASSERT_TRUE(p.running()) << p.result().err;
    p.signal(SIGINT);
    ASSERT_TRUE(p.waitFor(60s)) << "still running 60 s after SIGINT";
    const CliResult r = p.result();
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find("--resume"), std::string::npos) << r.err;
    const auto lines = jsonLines(r.out);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back()["status"], "stopped");
    expectLoadable(ckpt);

    const int epochsDone = lines.back()["epoch"].get<int>();
    const CliResult resumed = runCli({"train", "--resume", ckpt, "--epochs", std::to_string(epochsDone + 1), "--json"});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    const auto more = jsonLines(resumed.out);
    ASSERT_EQ(more.size(), 2u) << resumed.out;
    EXPECT_EQ(more[0]["epoch"], epochsDone + 1);
    EXPECT_EQ(more[1]["status"], "completed");
}

// The checkpoint is written atomically after every epoch: a process killed with SIGKILL, at any moment and
// in particular in the middle of a save, leaves the previous checkpoint whole.
TEST(CliTrain, KillNineDuringSavesLeavesALoadableCheckpoint)
{
    TempDir dir;
    // Wide layers make a checkpoint of several MB, so a save takes long enough to be hit.
    const std::string data = writeIdxFolder(dir.file("data"), 16, 0, 28, 28, false);
    const std::string ckpt = dir.file("m.ckpt");
    std::mt19937 rng(20240611);
    std::uniform_int_distribution<int> delayUs(0, 6000);
    std::vector<std::unique_ptr<CliProcess>> evals;
    int killedMidSave = 0;
    constexpr int kRounds = 8;
    for (int round = 0; round < kRounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        auto p = round == 0 ? std::make_unique<CliProcess>(std::vector<std::string>{
                     "train", "--data", data, "--out", ckpt, "--hidden", "256,256", "--latent", "4", "--epochs",
                     "100000", "--batch", "16", "--threads", "1", "--seed", "1"})
                            : std::make_unique<CliProcess>(std::vector<std::string>{"train", "--resume", ckpt});
        ASSERT_TRUE(pollUntil([&] { return fs::exists(ckpt) || !p->running(); }, 60s));
        // Wait for the next save to begin (its temporary file beside the checkpoint), then kill at a random
        // moment of it: during the write, the fsync, or just after the rename.
        const std::string tmp = ckpt + ".tmp-" + std::to_string(p->pid());
        ASSERT_TRUE(pollUntil([&] { return fs::exists(tmp) || !p->running(); }, 60s, 100us))
            << "no save started within 60 s";
        ASSERT_TRUE(p->running()) << p->result().err;
        std::this_thread::sleep_for(std::chrono::microseconds(delayUs(rng)));
        p->signal(SIGKILL);
        const CliResult r = p->result();
        ASSERT_EQ(r.exitCode, 128 + SIGKILL) << r.err;
        if (fs::exists(tmp)) {
            ++killedMidSave;
            fs::remove(tmp);
        }
        // Check this round's checkpoint while the next round trains; on a copy, as the next round replaces it.
        const std::string copy = dir.file("round" + std::to_string(round) + ".ckpt");
        fs::copy_file(ckpt, copy);
        evals.push_back(std::make_unique<CliProcess>(std::vector<std::string>{"eval", "--model", copy, "--threads", "1"}));
    }
    for (std::size_t i = 0; i < evals.size(); ++i) {
        const CliResult r = evals[i]->result();
        EXPECT_EQ(r.exitCode, 0) << "the checkpoint after kill " << i << " does not load: " << r.err;
    }
    EXPECT_GE(killedMidSave, 1) << "no kill landed inside a save, so the test proved little";
    RecordProperty("kills_inside_a_save", killedMidSave);
    std::printf("%d of %d kills landed inside a save\n", killedMidSave, kRounds);
}
