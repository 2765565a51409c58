// `latentlab-cli eval` and `encode` end to end, on checkpoints the CLI trained.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

using namespace latentlab::testing;
namespace fs = std::filesystem;

namespace {

nlohmann::json evalJson(const std::vector<std::string>& extra)
{
    std::vector<std::string> args{"eval", "--model", sharedCheckpoint(), "--json", "--threads", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return r.exitCode == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
}

struct Npy {
    std::string header;
    std::size_t dataOffset = 0;
    std::vector<char> bytes;
};

Npy readNpy(const std::string& path)
{
    Npy n;
    std::ifstream in(path, std::ios::binary);
    n.bytes.assign(std::istreambuf_iterator<char>(in), {});
    EXPECT_GE(n.bytes.size(), 10u);
    if (n.bytes.size() < 10)
        return n;
    EXPECT_EQ(std::string(n.bytes.data(), 6), "\x93NUMPY");
    EXPECT_EQ(n.bytes[6], 1) << "format version 1.0 expected";
    const std::size_t headerLen = static_cast<unsigned char>(n.bytes[8]) | static_cast<unsigned char>(n.bytes[9]) << 8;
    n.dataOffset = 10 + headerLen;
    EXPECT_EQ(n.dataOffset % 64, 0u) << "the data should start 64-byte aligned";
    if (n.dataOffset <= n.bytes.size())
        n.header.assign(n.bytes.data() + 10, headerLen);
    return n;
}

} // namespace

TEST(CliEval, JsonHasTheLossTermsOfTheTestSplit)
{
    const auto j = evalJson({});
    for (const char* key : {"recon", "kl", "neg_elbo", "mse", "total", "samples"}) {
        ASSERT_TRUE(j.contains(key)) << key << " missing in " << j;
        ASSERT_TRUE(j[key].is_number()) << j;
        EXPECT_TRUE(std::isfinite(j[key].get<double>())) << j;
    }
    const double recon = j["recon"], kl = j["kl"], negElbo = j["neg_elbo"];
    EXPECT_NEAR(negElbo, recon + kl, 1e-6 * std::abs(negElbo)) << j;
    EXPECT_GT(kl, 0.0);
    EXPECT_GT(j["mse"].get<double>(), 0.0);
    EXPECT_EQ(j["kind"], "vae");
    // An IDX folder with train and t10k files: the default split is the t10k part.
    EXPECT_EQ(j["split"], "test");
    EXPECT_EQ(j["samples"], kIdxTest);
    EXPECT_EQ(j["data"], sharedIdxFolder());
}

TEST(CliEval, SplitChoosesTheSamples)
{
    const auto all = evalJson({"--split", "all"});
    EXPECT_EQ(all["split"], "all");
    EXPECT_EQ(all["samples"], kIdxTrain + kIdxTest);
    const auto train = evalJson({"--split", "train"});
    EXPECT_EQ(train["samples"], kIdxTrain);
    // The whole is the sample-weighted mean of its parts, for the terms that draw nothing at random (recon
    // decodes a posterior draw).
    const auto test = evalJson({"--split", "test"});
    for (const char* key : {"kl", "mse"}) {
        const double whole = all[key].get<double>() * (kIdxTrain + kIdxTest);
        EXPECT_NEAR(whole, train[key].get<double>() * kIdxTrain + test[key].get<double>() * kIdxTest, 1e-4 * whole)
            << key;
    }
}

TEST(CliEncode, CsvAndNpyHoldTheSameLatentsInDatasetOrder)
{
    TempDir dir;
    const std::string csvPath = dir.file("z.csv"), npyPath = dir.file("z.npy");
    CliResult r = runCli({"encode", "--model", sharedCheckpoint(), "--out", csvPath, "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("wrote 32 latents of 4 dimensions"), std::string::npos) << r.out;
    r = runCli({"encode", "--model", sharedCheckpoint(), "--out", npyPath, "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;

    const auto csv = readCsv(csvPath);
    ASSERT_EQ(csv.size(), 1u + kIdxTest);
    EXPECT_EQ(csv[0], (std::vector<std::string>{"index", "label", "z0", "z1", "z2", "z3"}));
    const Npy npy = readNpy(npyPath);
    EXPECT_NE(npy.header.find("'descr': '<f4'"), std::string::npos) << npy.header;
    EXPECT_NE(npy.header.find("'fortran_order': False"), std::string::npos) << npy.header;
    EXPECT_NE(npy.header.find("'shape': (32, 4)"), std::string::npos) << npy.header;
    ASSERT_EQ(npy.bytes.size(), npy.dataOffset + kIdxTest * kLatent * sizeof(float));

    long previous = -1;
    for (int row = 0; row < kIdxTest; ++row) {
        SCOPED_TRACE("row " + std::to_string(row));
        const auto& fields = csv[static_cast<std::size_t>(row) + 1];
        ASSERT_EQ(fields.size(), 2u + kLatent);
        const long index = std::stol(fields[0]);
        EXPECT_GT(index, previous);
        previous = index;
        // The t10k images follow the train images in the dataset; labels are i % 4 in each file.
        EXPECT_EQ(index, kIdxTrain + row);
        EXPECT_EQ(std::stol(fields[1]), row % 4);
        for (int d = 0; d < kLatent; ++d) {
            float fromNpy = 0;
            std::memcpy(&fromNpy, npy.bytes.data() + npy.dataOffset + (row * kLatent + d) * sizeof(float), sizeof(float));
            EXPECT_FLOAT_EQ(std::stof(fields[2 + static_cast<std::size_t>(d)]), fromNpy);
        }
    }
}

// Fails today: encodeDataset (core/analysis/encode_all.cpp) puts the model in eval mode, where a VAE's encode()
// returns z = mu, so LatentChoice::Sample gives the means and `encode --sample` changes nothing. Enable once
// core draws z from (mu, logvar) for Sample.
TEST(CliEncode, SampleDrawsFromThePosterior)
{
    TempDir dir;
    CliResult r = runCli({"encode", "--model", sharedCheckpoint(), "--out", dir.file("a.csv"), "--split", "all",
                          "--sample", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runCli({"encode", "--model", sharedCheckpoint(), "--out", dir.file("m.csv"), "--split", "all", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto sampled = readCsv(dir.file("a.csv")), means = readCsv(dir.file("m.csv"));
    ASSERT_EQ(sampled.size(), 1u + kIdxTrain + kIdxTest);
    ASSERT_EQ(means.size(), sampled.size());
    EXPECT_NE(sampled[1], means[1]);
    EXPECT_EQ(sampled[1][0], "0");
}

TEST(CliTable, TrainsAnAutoencoderOnACsvWithALabelColumn)
{
    TempDir dir;
    const std::string table = writeTable(dir.file("t.csv"), 60);
    const std::string ckpt = dir.file("ae.ckpt");
    CliResult r = runCli(quickTrain(table, ckpt, {"--model", "ae", "--epochs", "2", "--label-column", "kind", "--json"}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = jsonLines(r.out);
    ASSERT_EQ(lines.size(), 3u) << r.out;
    EXPECT_EQ(lines[2]["status"], "completed");
    EXPECT_FALSE(lines[0]["train"].contains("kl")) << "an autoencoder has no KL";

    // The checkpoint does not record the label column, so it is named again.
    r = runCli({"eval", "--model", ckpt, "--label-column", "kind", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["kind"], "ae");
    EXPECT_EQ(j["split"], "all"); // a CSV has no test split of its own
    EXPECT_EQ(j["samples"], 60);
    EXPECT_FALSE(j.contains("neg_elbo"));
    EXPECT_TRUE(std::isfinite(j["mse"].get<double>()));

    r = runCli({"encode", "--model", ckpt, "--label-column", "kind", "--out", dir.file("z.csv")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto csv = readCsv(dir.file("z.csv"));
    ASSERT_EQ(csv.size(), 61u);
    EXPECT_EQ(csv[0], (std::vector<std::string>{"index", "label", "z0", "z1", "z2", "z3"}));
    // Class ids follow the names in alphabetical order: alpha 0, beta 1, gamma 2.
    for (std::size_t i = 1; i < csv.size(); ++i)
        EXPECT_EQ(std::stol(csv[i][1]), static_cast<long>((i - 1) % 3)) << "row " << i;
}
