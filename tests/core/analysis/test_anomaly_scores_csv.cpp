// The one scores file of the window and the CLI: its header, the order of its rows, class names and file
// names (quoted where CSV needs it), the flags, and scores that read back exactly.
#include "core/analysis/anomaly_scores_csv.h"

#include "core/analysis/anomaly_threshold.h"
#include "core/util/errors.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

using namespace latentlab;
using latentlab::testing::TempDir;

namespace {

Dataset rows(int n)
{
    Dataset ds = Dataset::fromTable(std::vector<float>(static_cast<std::size_t>(n), 0.5f), n, 1, {ValueRange{}}, {"x"});
    ds.source = "rows.csv";
    return ds;
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

} // namespace

TEST(AnomalyScoresCsv, RowsMostAnomalousFirstWithEmptyColumnsWhereTheDataHasNone)
{
    const Dataset ds = rows(6);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // Samples 5, 2, 0, 3 scored (a selection, in the order the caller scored them).
    const std::string text = anomalyScoresCsv(ds, {5, 2, 0, 3}, {0.25, 1.5, nan, 0.25}, 0.5);
    EXPECT_EQ(lines(text), (std::vector<std::string>{"index,file,label,score,flagged", "0,,,nan,1", "2,,,1.5,1",
                                                     "3,,,0.25,0", "5,,,0.25,0"}));
}

TEST(AnomalyScoresCsv, ClassNamesAndFileNamesQuotedWhereCsvNeedsIt)
{
    Dataset ds = rows(3);
    ds.setLabels({0, 1, 2}, {"plain", "with, comma", "say \"hi\""});
    ds.sampleNames = {"a/0.png", "a/1,b.png", "a/2.png"};
    const std::vector<std::string> out = lines(anomalyScoresCsv(ds, {0, 1, 2}, {3.0, 2.0, 1.0}, 2.5));
    EXPECT_EQ(out, (std::vector<std::string>{"index,file,label,score,flagged", "0,a/0.png,plain,3,1",
                                             "1,\"a/1,b.png\",\"with, comma\",2,0", "2,a/2.png,\"say \"\"hi\"\"\",1,0"}));

    // Names for only some samples would pair a name with the wrong sample: the column stays empty.
    ds.sampleNames.pop_back();
    EXPECT_EQ(lines(anomalyScoresCsv(ds, {0}, {1.0}, 0.0))[1], "0,,plain,1,1");
}

TEST(AnomalyScoresCsv, FloatScoresReadBackExactlyAndTheFlagsFollowTheThreshold)
{
    const int n = 200;
    const Dataset ds = rows(n);
    std::vector<std::int64_t> indices(n);
    std::vector<double> scores(n);
    for (int i = 0; i < n; ++i) {
        indices[static_cast<std::size_t>(i)] = i;
        // Scores are float32 sums widened to double: awkward fractions of every magnitude.
        scores[static_cast<std::size_t>(i)] = static_cast<double>(static_cast<float>(std::exp(0.37 * (i - 100)) / 3.0));
    }
    const double threshold = scores[150];
    const std::vector<std::string> out = lines(anomalyScoresCsv(ds, indices, scores, threshold));
    ASSERT_EQ(out.size(), static_cast<std::size_t>(n + 1));
    const std::vector<std::uint8_t> flags = flagAbove(scores, threshold);
    for (std::size_t r = 1; r < out.size(); ++r) {
        std::istringstream row(out[r]);
        std::string index, file, label, score, flagged;
        std::getline(row, index, ',');
        std::getline(row, file, ',');
        std::getline(row, label, ',');
        std::getline(row, score, ',');
        std::getline(row, flagged, ',');
        const auto i = static_cast<std::size_t>(std::stoll(index));
        EXPECT_EQ(i, static_cast<std::size_t>(n) - r) << "highest score first"; // scores rise with the index
        EXPECT_EQ(static_cast<float>(std::strtod(score.c_str(), nullptr)), static_cast<float>(scores[i])) << out[r];
        EXPECT_EQ(flagged, flags[i] ? "1" : "0");
    }
}

TEST(AnomalyScoresCsv, WritesTheFileAtomicallyAndRefusesMismatches)
{
    const TempDir dir;
    const Dataset ds = rows(4);
    const std::string path = dir.file("scores.csv");
    writeAnomalyScoresCsv(path, ds, {1, 3}, {0.5, 0.75}, 0.6);
    std::ifstream in(path);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(text, anomalyScoresCsv(ds, {1, 3}, {0.5, 0.75}, 0.6));
    EXPECT_EQ(text, "index,file,label,score,flagged\n3,,,0.75,1\n1,,,0.5,0\n");

    EXPECT_THROW(anomalyScoresCsv(ds, {0, 1}, {0.5}, 0.0), BadInputError);
    EXPECT_THROW(anomalyScoresCsv(ds, {4}, {0.5}, 0.0), BadInputError);
    EXPECT_THROW(writeAnomalyScoresCsv(dir.file("missing/scores.csv"), ds, {0}, {0.5}, 0.0), IoError);
}
