// `latentlab-cli labels` end to end: planted mislabels in data of clearly separated classes come first and are
// fixed in the relabelled labels file, the conditional score is the CVAE's default, and the refusals (a model
// that is no CVAE, data without labels, the dataset's own files) are one clear sentence each.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

using namespace latentlab::testing;

namespace {

constexpr int kClusterImages = 64;
// Sample 5 (class 1) labelled 3, sample 10 (class 2) labelled 0.
const std::vector<int> kPlanted{5, 10};

std::vector<std::uint8_t> bigEndian(std::uint32_t v)
{
    return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
            static_cast<std::uint8_t>(v)};
}

int trueClass(int i)
{
    return i % 4;
}

std::vector<std::uint8_t> labelsWithPlanted()
{
    std::vector<std::uint8_t> labels;
    for (int i = 0; i < kClusterImages; ++i)
        labels.push_back(static_cast<std::uint8_t>(trueClass(i)));
    labels[5] = 3;
    labels[10] = 0;
    return labels;
}

// An IDX folder (train part only) of 8x8 images whose class c lights quadrant c, faint noise elsewhere: four
// clusters no encoder can mix up. Labels as labelsWithPlanted().
std::string writeClusterFolder(const std::string& dir)
{
    std::filesystem::create_directories(dir);
    std::vector<std::uint8_t> images{0, 0, 8, 3};
    for (const std::uint32_t d : {std::uint32_t{kClusterImages}, 8u, 8u}) {
        const auto b = bigEndian(d);
        images.insert(images.end(), b.begin(), b.end());
    }
    for (int i = 0; i < kClusterImages; ++i)
        for (int y = 0; y < 8; ++y)
            for (int x = 0; x < 8; ++x) {
                const int quadrant = (y / 4) * 2 + x / 4;
                images.push_back(quadrant == trueClass(i) ? 255 : static_cast<std::uint8_t>((i * 7 + y * 3 + x) % 23));
            }
    writeBytes(dir + "/train-images-idx3-ubyte", images);
    std::vector<std::uint8_t> labels{0, 0, 8, 1};
    const auto n = bigEndian(kClusterImages);
    labels.insert(labels.end(), n.begin(), n.end());
    const auto l = labelsWithPlanted();
    labels.insert(labels.end(), l.begin(), l.end());
    writeBytes(dir + "/train-labels-idx1-ubyte", labels);
    return dir;
}

std::vector<std::uint8_t> fileBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct ClusterData {
    TempDir dir;
    std::string folder = writeClusterFolder(dir.file("clusters"));
    std::string vae = dir.file("vae.ckpt");
    std::string cvae = dir.file("cvae.ckpt");
    ClusterData()
    {
        const CliResult a = runCli(quickTrain(folder, vae, {"--epochs", "2"}));
        EXPECT_EQ(a.exitCode, 0) << a.err;
        const CliResult b = runCli(quickTrain(folder, cvae, {"--model", "cvae", "--epochs", "2"}));
        EXPECT_EQ(b.exitCode, 0) << b.err;
    }
};

const ClusterData& clusters()
{
    static const ClusterData data;
    return data;
}

} // namespace

TEST(CliLabels, NeighboursRankThePlantedMislabelsFirstAndTheRelabelledFileFixesThem)
{
    const TempDir dir;
    const std::string csv = dir.file("suspects.csv");
    const std::string fixed = dir.file("fixed-labels-idx1-ubyte");
    const CliResult r = runCli({"labels", "--model", clusters().vae, "--out", csv, "--k", "5", "--relabel-out", fixed,
                                "--json", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["method"], "neighbors");
    EXPECT_EQ(j["k"], 5);
    EXPECT_EQ(j["samples"], kClusterImages); // every sample by default
    EXPECT_EQ(j["split"], "all");
    ASSERT_EQ(j["top"].size(), 10u);
    std::set<long long> topTwo{j["top"][0]["index"].get<long long>(), j["top"][1]["index"].get<long long>()};
    EXPECT_EQ(topTwo, (std::set<long long>{5, 10}));
    for (int t = 0; t < 2; ++t) {
        const auto& s = j["top"][t];
        EXPECT_EQ(s["score"], 1.0) << s; // all five neighbours carry the true class
        EXPECT_EQ(s["suggested"], std::to_string(trueClass(s["index"].get<int>()))) << s;
        EXPECT_NE(s["given"], s["suggested"]) << s;
    }
    EXPECT_EQ(j["flagged"], 2);
    EXPECT_EQ(j["relabelled"], 2);

    // One row per sample, most suspect first, as the window exports them.
    const auto rows = readCsv(csv);
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(kClusterImages + 1));
    EXPECT_EQ(rows[0], (std::vector<std::string>{"index", "file", "given", "suggested", "score", "decision"}));
    std::set<long long> indices;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), 6u);
        indices.insert(std::stoll(rows[i][0]));
        if (i > 1) {
            EXPECT_GE(std::stod(rows[i - 1][4]), std::stod(rows[i][4]));
        }
    }
    EXPECT_EQ(indices.size(), static_cast<std::size_t>(kClusterImages));

    // The relabelled IDX labels: the same header, every label the true one.
    const std::vector<std::uint8_t> bytes = fileBytes(fixed);
    ASSERT_EQ(bytes.size(), static_cast<std::size_t>(8 + kClusterImages));
    EXPECT_EQ(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 8),
              (std::vector<std::uint8_t>{0, 0, 8, 1, 0, 0, 0, kClusterImages}));
    for (int i = 0; i < kClusterImages; ++i)
        EXPECT_EQ(bytes[static_cast<std::size_t>(8 + i)], trueClass(i)) << "sample " << i;
    // ... and the dataset's own labels file is as it was.
    const std::vector<std::uint8_t> own = fileBytes(clusters().folder + "/train-labels-idx1-ubyte");
    const auto planted = labelsWithPlanted();
    EXPECT_EQ(std::vector<std::uint8_t>(own.begin() + 8, own.end()), planted);
}

TEST(CliLabels, ConditionalIsTheDefaultForAConditionalVae)
{
    const TempDir dir;
    const std::string csv = dir.file("suspects.csv");
    const CliResult r = runCli({"labels", "--model", clusters().cvae, "--out", csv, "--json", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["method"], "conditional");
    EXPECT_TRUE(j["k"].is_null());
    EXPECT_EQ(j["samples"], kClusterImages);
    const auto rows = readCsv(csv);
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(kClusterImages + 1));
    long long positive = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        positive += std::stod(rows[i][4]) > 0.0;
        EXPECT_NE(rows[i][2], rows[i][3]) << "the suggestion is always another class";
    }
    EXPECT_EQ(j["flagged"], positive);
    // The text form names the method and the count.
    const CliResult text = runCli({"labels", "--model", clusters().cvae, "--out", csv, "--threads", "1"});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("by conditional"), std::string::npos) << text.out;
}

TEST(CliLabels, ConditionalScoreOfAModelThatIsNoCvaeIsRefused)
{
    const TempDir dir;
    const std::string csv = dir.file("suspects.csv");
    const CliResult r = runCli({"labels", "--model", clusters().vae, "--method", "conditional", "--out", csv});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("the conditional label score needs a conditional VAE, and this is a vae model"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(csv));
}

TEST(CliLabels, DataWithoutLabelsGetsASentence)
{
    const TempDir dir;
    const std::string data = writeIdxFolder(dir.file("unlabelled"), kIdxTrain, kIdxTest, 8, 8, false);
    const CliResult r = runCli({"labels", "--model", sharedCheckpoint(), "--data", data, "--out", dir.file("s.csv")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("has no labels, so there are no labels to check"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

TEST(CliLabels, KMustLeaveNeighboursToFind)
{
    const TempDir dir;
    const CliResult r = runCli({"labels", "--model", clusters().vae, "--k", "64", "--out", dir.file("s.csv")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("k = 64 neighbours needs more than 64 samples"), std::string::npos) << r.err;
}

TEST(CliLabels, NeverWritesOverTheDatasetsOwnFiles)
{
    const std::string labels = clusters().folder + "/train-labels-idx1-ubyte";
    const std::vector<std::uint8_t> before = fileBytes(labels);
    const TempDir dir;
    // Another spelling of the same file is refused too, before any scoring.
    const CliResult relabel = runCli({"labels", "--model", clusters().vae, "--out", dir.file("s.csv"), "--relabel-out",
                                      clusters().folder + "/./train-labels-idx1-ubyte"});
    EXPECT_EQ(relabel.exitCode, 2);
    EXPECT_NE(relabel.err.find("is one of the files"), std::string::npos) << relabel.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("s.csv")));
    const CliResult out = runCli({"labels", "--model", clusters().vae, "--out", labels});
    EXPECT_EQ(out.exitCode, 2);
    EXPECT_NE(out.err.find("is one of the files"), std::string::npos) << out.err;
    EXPECT_EQ(fileBytes(labels), before);
}

TEST(CliLabels, RelabelledLabelsOfTrainAndTestPartsGoIntoAFolder)
{
    const TempDir dir;
    const std::string out = dir.file("relabelled");
    const CliResult r = runCli({"labels", "--model", sharedCheckpoint(), "--out", dir.file("s.csv"), "--relabel-out",
                                out, "--json", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["samples"], kIdxTrain + kIdxTest);
    EXPECT_EQ(j["k"], (kIdxTrain + kIdxTest) / 4 / 4); // without --k: a quarter of the smallest class
    // Each part's labels under its own name, the flagged suspects changed to their suggestion, no others.
    const std::vector<std::uint8_t> train = fileBytes(out + "/train-labels-idx1-ubyte");
    const std::vector<std::uint8_t> test = fileBytes(out + "/t10k-labels-idx1-ubyte");
    ASSERT_EQ(train.size(), static_cast<std::size_t>(8 + kIdxTrain));
    ASSERT_EQ(test.size(), static_cast<std::size_t>(8 + kIdxTest));
    std::vector<int> labels;
    for (std::size_t i = 8; i < train.size(); ++i)
        labels.push_back(train[i]);
    for (std::size_t i = 8; i < test.size(); ++i)
        labels.push_back(test[i]);
    long long changed = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        changed += labels[i] != static_cast<int>(i < kIdxTrain ? i % 4 : (i - kIdxTrain) % 4);
    EXPECT_EQ(j["relabelled"], changed);
    const auto rows = readCsv(dir.file("s.csv"));
    long long expected = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto index = static_cast<std::size_t>(std::stoll(rows[i][0]));
        const bool flagged = std::stod(rows[i][4]) > 0.5 && rows[i][2] != rows[i][3];
        expected += flagged;
        EXPECT_EQ(std::to_string(labels[index]), flagged ? rows[i][3] : rows[i][2]) << "sample " << index;
    }
    EXPECT_EQ(changed, expected);
}

TEST(CliLabels, HelpDocumentsTheCommand)
{
    const CliResult r = runCli({"--help"});
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("labels --model CHECKPOINT|TORCHSCRIPT --out SUSPECTS.csv"), std::string::npos) << r.out;
    const CliResult one = runCli({"labels", "--help"});
    EXPECT_NE(one.out.find("--relabel-out FILE"), std::string::npos) << one.out;
}
