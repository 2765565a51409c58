// train, eval and encode refuse bad input with exit code 2 and one line on stderr that names the problem.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

using namespace latentlab::testing;
namespace fs = std::filesystem;

namespace {

using Argv = std::vector<std::string>;

struct BadArgs {
    const char* name;
    std::function<Argv(const TempDir&)> args; // the command line; may write files into the folder first
    const char* expected;                     // a piece of the message
};

void PrintTo(const BadArgs& c, std::ostream* os)
{
    *os << c.name;
}

// train, on the shared 8x8 images unless told otherwise; a refused run must not write d/m.ckpt.
Argv train(const TempDir& d, const std::vector<std::string>& extra, const std::string& data = sharedIdxFolder())
{
    return quickTrain(data, d.file("m.ckpt"), extra);
}

std::string halfOfCheckpoint(const TempDir& d)
{
    std::ifstream in(sharedCheckpoint(), std::ios::binary);
    std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
    bytes.resize(bytes.size() / 2);
    writeBytes(d.file("half.ckpt"), bytes);
    return d.file("half.ckpt");
}

} // namespace

class CliTrainEvalBadInput : public ::testing::TestWithParam<BadArgs> {};

TEST_P(CliTrainEvalBadInput, ExitsTwoWithOneClearLine)
{
    TempDir dir;
    const BadArgs& c = GetParam();
    const CliResult r = runCli(c.args(dir));
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.rfind("latentlab-cli: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.file("m.ckpt"))) << "a refused run wrote a checkpoint";
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, CliTrainEvalBadInput,
    ::testing::Values(
        BadArgs{"UnknownModel", [](const TempDir& d) { return train(d, {"--model", "gan"}); }, "'gan' is not one of ae, vae"},
        BadArgs{"UnknownArch", [](const TempDir& d) { return train(d, {"--arch", "transformer"}); }, "'transformer' is not one of mlp, conv"},
        BadArgs{"ConvOnATable", [](const TempDir& d) { return train(d, {"--label-column", "kind", "--arch", "conv"}, writeTable(d.file("t.csv"), 20)); }, "conv needs image data"},
        BadArgs{"ConvOnOddSizes", [](const TempDir& d) { return train(d, {"--arch", "conv"}, writeIdxFolder(d.file("i"), 8, 0, 10, 10)); }, "multiples of 4"},
        BadArgs{"LrNotANumber", [](const TempDir& d) { return train(d, {"--lr", "abc"}); }, "--lr: 'abc' is not a number"},
        BadArgs{"LrZero", [](const TempDir& d) { return train(d, {"--lr", "0"}); }, "--lr: 0 is outside"},
        BadArgs{"LrAboveMax", [](const TempDir& d) { return train(d, {"--lr", "101"}); }, "--lr: 101 is outside"},
        BadArgs{"EpochsZero", [](const TempDir& d) { return train(d, {"--epochs", "0"}); }, "--epochs: 0 is outside"},
        BadArgs{"BatchNegative", [](const TempDir& d) { return train(d, {"--batch", "-1"}); }, "--batch: -1 is outside"},
        BadArgs{"HiddenZero", [](const TempDir& d) { return train(d, {"--hidden", "0"}); }, "--hidden: '0'"},
        BadArgs{"HiddenNotANumber", [](const TempDir& d) { return train(d, {"--hidden", "12,x"}); }, "--hidden: '12,x'"},
        BadArgs{"DeviceCuda", [](const TempDir& d) { return train(d, {"--device", "cuda"}); }, "CUDA"},
        BadArgs{"DeviceUnknown", [](const TempDir& d) { return train(d, {"--device", "tpu"}); }, "'tpu' is not one of cpu, cuda"},
        BadArgs{"TrainOnTheTestSplit", [](const TempDir& d) { return train(d, {"--split", "test"}); }, "--split test"},
        BadArgs{"MissingOut", [](const TempDir&) { return Argv{"train", "--data", sharedIdxFolder()}; }, "--out"},
        BadArgs{"MissingData", [](const TempDir& d) { return Argv{"train", "--out", d.file("m.ckpt")}; }, "--data"},
        BadArgs{"CvaeOnUnlabelledImages", [](const TempDir& d) { return train(d, {"--model", "cvae"}, writeIdxFolder(d.file("i"), 16, 0, 8, 8, false)); }, "needs labelled data"},
        BadArgs{"CvaeOnCsvWithoutLabelColumn", [](const TempDir& d) { writeText(d.file("n.csv"), "a,b\n1,2\n3,4\n5,6\n"); return train(d, {"--model", "cvae"}, d.file("n.csv")); }, "--label-column"},
        BadArgs{"ClassPriorNotOnOrOff", [](const TempDir& d) { return train(d, {"--model", "cvae", "--class-prior", "maybe"}); }, "--class-prior: 'on'"},
        BadArgs{"ClassPriorWithoutCvae", [](const TempDir& d) { return train(d, {"--model", "vae", "--class-prior", "off"}); }, "--class-prior belongs to --model cvae"},
        BadArgs{"ResumeMissingFile", [](const TempDir& d) { return Argv{"train", "--resume", d.file("none.ckpt"), "--epochs", "3"}; }, "none.ckpt"},
        BadArgs{"ResumeChangesBatch", [](const TempDir& d) { return Argv{"train", "--resume", d.file("any.ckpt"), "--epochs", "3", "--batch", "4"}; }, "--batch cannot change"},
        BadArgs{"EvalATextFile", [](const TempDir& d) { writeText(d.file("notes.ckpt"), "hello\n"); return Argv{"eval", "--model", d.file("notes.ckpt")}; }, "notes.ckpt is not a LatentLab checkpoint"},
        BadArgs{"EvalATruncatedCheckpoint", [](const TempDir& d) { return Argv{"eval", "--model", halfOfCheckpoint(d)}; }, "half.ckpt is not a readable LatentLab checkpoint"},
        BadArgs{"EvalDataOfAnotherShape", [](const TempDir& d) { return Argv{"eval", "--model", sharedCheckpoint(), "--data", writeIdxFolder(d.file("big"), 8, 0, 28, 28)}; }, "shape 1x8x8 but"},
        BadArgs{"EvalUnknownSplit", [](const TempDir&) { return Argv{"eval", "--model", sharedCheckpoint(), "--split", "dev"}; }, "--split: 'dev'"},
        BadArgs{"EvalWithoutModel", [](const TempDir&) { return Argv{"eval", "--data", sharedIdxFolder()}; }, "--model"},
        BadArgs{"EncodeToText", [](const TempDir& d) { return Argv{"encode", "--model", d.file("m.ckpt"), "--out", d.file("latents.txt")}; }, ".csv or .npy"},
        BadArgs{"EncodeWithoutModel", [](const TempDir& d) { return Argv{"encode", "--out", d.file("latents.csv")}; }, "--model"}),
    [](const ::testing::TestParamInfo<BadArgs>& info) { return std::string(info.param.name); });

TEST(CliTrainUsage, HelpPrintsTheUsageAndExitsZero)
{
    const CliResult r = runCli({"train", "--help"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_EQ(r.out.rfind("usage: latentlab-cli train --data PATH --out CHECKPOINT", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("--resume"), std::string::npos) << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
}
