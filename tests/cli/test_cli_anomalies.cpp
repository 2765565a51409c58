// `latentlab-cli train --normal-classes` and `anomalies` end to end: the one-class protocol on tiny labelled
// IDX data (4 classes, label = index % 4), its survival through --resume, and the scores file and JSON.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

using namespace latentlab::testing;

namespace {

// An autoencoder trained on classes 0 and 2 of the shared IDX folder, made once per test process.
const std::string& oneClassCheckpoint()
{
    static const TempDir dir;
    static const std::string path = [] {
        const std::string out = dir.file("normal-0-2.ckpt");
        const CliResult r = runCli(quickTrain(sharedIdxFolder(), out, {"--model", "ae", "--epochs", "1", "--normal-classes", "0,2"}));
        EXPECT_EQ(r.exitCode, 0) << r.err;
        // 96 train images, half of them in classes 0 and 2; the 32 test images validate, restricted likewise.
        EXPECT_NE(r.out.find("48 training and 16 validation samples"), std::string::npos) << r.out;
        return out;
    }();
    return path;
}

} // namespace

TEST(CliAnomalies, NormalClassesSurviveResume)
{
    const TempDir dir;
    const std::string copy = dir.file("resumed.ckpt");
    const CliResult r = runCli({"train", "--resume", oneClassCheckpoint(), "--out", copy, "--epochs", "2"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("48 training and 16 validation samples"), std::string::npos) << r.out;
    const CliResult change = runCli({"train", "--resume", copy, "--epochs", "3", "--normal-classes", "1"});
    EXPECT_EQ(change.exitCode, 2);
    EXPECT_NE(change.err.find("--normal-classes cannot change"), std::string::npos) << change.err;
}

TEST(CliAnomalies, JsonAndScoresFileOfTheOneClassProtocol)
{
    const TempDir dir;
    const std::string csv = dir.file("scores.csv");
    const CliResult r = runCli({"anomalies", "--model", oneClassCheckpoint(), "--out", csv, "--json", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"threshold", "auroc", "precision", "recall"}) {
        ASSERT_TRUE(j.contains(key) && j[key].is_number()) << key << " in " << j;
        EXPECT_TRUE(std::isfinite(j[key].get<double>())) << key << " in " << j;
    }
    EXPECT_GE(j["auroc"].get<double>(), 0.0);
    EXPECT_LE(j["auroc"].get<double>(), 1.0);
    EXPECT_EQ(j["samples"], kIdxTest);               // the test split by default
    EXPECT_EQ(j["reference_samples"], kIdxTrain / 2); // the training samples of classes 0 and 2
    EXPECT_EQ(j["anomaly_classes"], (std::vector<int>{1, 3})); // the complement of the normal classes
    EXPECT_EQ(j["anomalies"], kIdxTest / 2);

    // The window's export has the same format: most anomalous first, class names, an empty file column (IDX
    // data names no files).
    const auto rows = readCsv(csv);
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(kIdxTest + 1));
    EXPECT_EQ(rows[0], (std::vector<std::string>{"index", "file", "label", "score", "flagged"}));
    const double threshold = j["threshold"];
    long long flagged = 0;
    std::set<long long> indices;
    double previous = std::numeric_limits<double>::infinity();
    long long previousIndex = -1;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), 5u);
        const long long index = std::stoll(rows[i][0]);
        indices.insert(index);
        EXPECT_EQ(rows[i][1], "");
        EXPECT_EQ(rows[i][2], std::to_string(index % 4)); // the IDX folder's class names are its digits
        const double score = std::stod(rows[i][3]);
        EXPECT_GE(score, 0.0);
        EXPECT_TRUE(score < previous || (score == previous && index > previousIndex))
            << "row " << i << " (" << index << ", " << score << ") after (" << previousIndex << ", " << previous << ")";
        previous = score;
        previousIndex = index;
        EXPECT_EQ(rows[i][4], score > threshold ? "1" : "0");
        flagged += rows[i][4] == "1";
    }
    EXPECT_EQ(j["flagged"], flagged);
    // Every sample of the test split, the t10k part that follows the training part.
    ASSERT_EQ(indices.size(), static_cast<std::size_t>(kIdxTest));
    EXPECT_EQ(*indices.begin(), kIdxTrain);
    EXPECT_EQ(*indices.rbegin(), kIdxTrain + kIdxTest - 1);
}

TEST(CliAnomalies, TextReportAndExplicitChoices)
{
    const TempDir dir;
    const std::string csv = dir.file("scores.csv");
    const CliResult r = runCli({"anomalies", "--model", oneClassCheckpoint(), "--out", csv, "--split", "all",
                                "--percentile", "90", "--anomaly-classes", "1", "--score", "bce", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char* text : {"scored 128 samples", "by bce", "percentile 90 of the reference", "threshold: ",
                             "flagged: ", "anomaly classes 1 (32 samples): AUROC ", "wrote "})
        EXPECT_NE(r.out.find(text), std::string::npos) << text << " missing in\n" << r.out;
    EXPECT_EQ(readCsv(csv).size(), 129u);
}

TEST(CliAnomalies, RefusesWhatCannotBeScored)
{
    const TempDir dir;
    const std::string csv = dir.file("scores.csv");
    const CliResult elbo = runCli({"anomalies", "--model", oneClassCheckpoint(), "--out", csv, "--score", "elbo"});
    EXPECT_EQ(elbo.exitCode, 2);
    EXPECT_NE(elbo.err.find("KL"), std::string::npos) << elbo.err;
    const CliResult both = runCli({"anomalies", "--model", oneClassCheckpoint(), "--out", csv, "--k", "2", "--percentile", "99"});
    EXPECT_EQ(both.exitCode, 2);
    EXPECT_NE(both.err.find("give one"), std::string::npos) << both.err;
    const CliResult badClass = runCli(quickTrain(sharedIdxFolder(), dir.file("x.ckpt"), {"--normal-classes", "0,9"}));
    EXPECT_EQ(badClass.exitCode, 2);
    EXPECT_NE(badClass.err.find("class 9 is not one of the 4 classes"), std::string::npos) << badClass.err;
}
