// `latentlab-cli duplicates` end to end on an IDX folder of random 8x8 images with copies planted: within the
// training part (2 -> 9) and across the split (train 4 -> test 1, dataset index kTrain + 1). The groups file's
// columns, the JSON summary, exact-only without a model, the model's near-duplicates, and the refusals.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using namespace latentlab::testing;

namespace {

constexpr int kTrain = 40, kTest = 12;

std::vector<std::uint8_t> idxImages(const std::vector<std::uint8_t>& pixels, int n)
{
    std::vector<std::uint8_t> bytes{0, 0, 8, 3};
    for (const int v : {n, 8, 8})
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.push_back(static_cast<std::uint8_t>((v >> shift) & 0xff));
    bytes.insert(bytes.end(), pixels.begin(), pixels.end());
    return bytes;
}

// The folder, made once per test process.
const std::string& plantedFolder()
{
    static const TempDir dir;
    static const std::string path = [] {
        std::mt19937_64 rng(31);
        std::vector<std::uint8_t> train(kTrain * 64), test(kTest * 64);
        for (auto& p : train)
            p = static_cast<std::uint8_t>(rng() & 0xff);
        for (auto& p : test)
            p = static_cast<std::uint8_t>(rng() & 0xff);
        std::copy_n(train.begin() + 2 * 64, 64, train.begin() + 9 * 64);
        std::copy_n(train.begin() + 4 * 64, 64, test.begin() + 1 * 64);
        const std::string folder = dir.file("planted");
        std::filesystem::create_directories(folder);
        writeBytes(folder + "/train-images-idx3-ubyte", idxImages(train, kTrain));
        writeBytes(folder + "/t10k-images-idx3-ubyte", idxImages(test, kTest));
        return folder;
    }();
    return path;
}

const std::string& plantedCheckpoint()
{
    static const TempDir dir;
    static const std::string path = [] {
        const std::string out = dir.file("planted.ckpt");
        const CliResult r = runCli(quickTrain(plantedFolder(), out, {"--epochs", "1"}));
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return out;
    }();
    return path;
}

std::string contents(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

TEST(CliDuplicates, ExactOnlyNeedsNoModelAndWritesTheDocumentedColumns)
{
    const TempDir dir;
    const std::string csv = dir.file("groups.csv");
    const CliResult r = runCli({"duplicates", "--data", plantedFolder(), "--exact-only", "--out", csv, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_TRUE(j["threshold"].is_null()) << j;
    EXPECT_EQ(j["samples"], kTrain + kTest);
    EXPECT_EQ(j["exact_groups"], 2);
    EXPECT_EQ(j["near_groups"], 0);
    EXPECT_EQ(j["samples_in_groups"], 4);
    EXPECT_EQ(j["leaks"], 1);
    EXPECT_EQ(j["exact_leaks"], 1);
    ASSERT_EQ(j["first_leaks"].size(), 1u);
    EXPECT_EQ(j["first_leaks"][0]["test"], kTrain + 1);
    EXPECT_EQ(j["first_leaks"][0]["partners"], (std::vector<int>{4}));
    EXPECT_EQ(j["first_leaks"][0]["exact"], true);

    const auto rows = readCsv(csv);
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"group", "index", "split", "file", "distance", "exact"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2", "train", "", "0", "1"}));
    EXPECT_EQ(rows[2], (std::vector<std::string>{"1", "9", "train", "", "0", "1"}));
    EXPECT_EQ(rows[3], (std::vector<std::string>{"2", "4", "train", "", "0", "1"}));
    EXPECT_EQ(rows[4], (std::vector<std::string>{"2", std::to_string(kTrain + 1), "test", "", "0", "1"}));
}

TEST(CliDuplicates, NearDuplicatesThroughAModelAndTheTextReport)
{
    const TempDir dir;
    const std::string csv = dir.file("groups.csv");
    // The default threshold: random images are far apart, so the planted copies are what it finds.
    const CliResult r = runCli({"duplicates", "--model", plantedCheckpoint(), "--out", csv, "--json", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_TRUE(j["threshold"].is_number()) << j;
    EXPECT_GT(j["threshold"].get<double>(), 0.0);
    EXPECT_GE(j["exact_groups"].get<int>() + j["near_groups"].get<int>(), 2) << j;
    EXPECT_GE(j["samples_with_exact_copy"], 4);
    EXPECT_GE(j["leaks"], 1);
    EXPECT_EQ(j["exact_leaks"], 1);
    const auto rows = readCsv(csv);
    ASSERT_GE(rows.size(), 5u);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), 6u) << i;
        EXPECT_GE(std::stod(rows[i][4]), 0.0);
        EXPECT_TRUE(rows[i][2] == "train" || rows[i][2] == "test") << rows[i][2];
    }

    // An explicit threshold of 0: identical latents only, so the exact copies and nothing else.
    const CliResult text = runCli({"duplicates", "--model", plantedCheckpoint(), "--out", csv, "--threshold", "0",
                                   "--threads", "1"});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    for (const char* line : {"scanned 52 samples", "near-duplicate threshold: 0 (latent distance)",
                             "exact groups: 2; near groups: 0; samples in groups: 4",
                             "leaks: 1 test samples with a training sample in their group (1 exact copies)",
                             "test 41 <- train 4 (exact)", "wrote "})
        EXPECT_NE(text.out.find(line), std::string::npos) << line << " missing in\n" << text.out;
    EXPECT_EQ(readCsv(csv).size(), 5u);
}

TEST(CliDuplicates, RefusesToReplaceTheDatasetsOwnFile)
{
    const std::string images = plantedFolder() + "/train-images-idx3-ubyte";
    const std::string before = contents(images);
    const CliResult r = runCli({"duplicates", "--data", plantedFolder(), "--exact-only", "--out", images});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("is a file of the dataset"), std::string::npos) << r.err;
    EXPECT_EQ(contents(images), before);
}

TEST(CliDuplicates, RefusesBadArguments)
{
    const TempDir dir;
    const std::string csv = dir.file("groups.csv");
    const struct {
        std::vector<std::string> args;
        const char* says;
    } cases[] = {
        {{"duplicates", "--data", plantedFolder(), "--out", csv}, "--model CHECKPOINT is required"},
        {{"duplicates", "--model", plantedCheckpoint(), "--out", csv, "--threshold", "-1"},
         "--threshold must be a latent distance of 0 or more, not -1"},
        {{"duplicates", "--model", plantedCheckpoint(), "--out", csv, "--threshold", "nan"}, "is not a number"},
        {{"duplicates", "--data", plantedFolder(), "--exact-only", "--threshold", "0.1", "--out", csv}, "--exact-only"},
        {{"duplicates", "--data", plantedFolder(), "--exact-only"}, "--out GROUPS.csv is required"},
    };
    for (const auto& c : cases) {
        const CliResult r = runCli(c.args);
        EXPECT_EQ(r.exitCode, 2) << c.says;
        EXPECT_NE(r.err.find(c.says), std::string::npos) << c.says << " not in: " << r.err;
    }
    EXPECT_FALSE(std::filesystem::exists(csv));
    const CliResult help = runCli({"duplicates", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("duplicates --model CHECKPOINT|TORCHSCRIPT --out GROUPS.csv"), std::string::npos) << help.out;
}
