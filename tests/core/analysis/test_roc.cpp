// ROC and AUROC on rankings whose answers are known by hand, ties included, and against a brute-force
// Mann-Whitney count on random tied data; precision/recall at a threshold.
#include "core/analysis/roc.h"

#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace latentlab;
using namespace latentlab::testing;

TEST(Roc, PerfectReversedAndAllTied)
{
    const std::vector<double> s{0.9, 0.8, 0.3, 0.1};
    EXPECT_DOUBLE_EQ(auroc(s, {1, 1, 0, 0}), 1.0);
    EXPECT_DOUBLE_EQ(auroc(s, {0, 0, 1, 1}), 0.0);
    const RocCurve tied = rocCurve({0.4, 0.4, 0.4, 0.4}, {1, 0, 0, 1});
    EXPECT_DOUBLE_EQ(tied.auroc, 0.5);
    ASSERT_EQ(tied.points.size(), 2u); // one tied group: straight from (0, 0) to (1, 1)
    EXPECT_DOUBLE_EQ(tied.points[1].falsePositiveRate, 1.0);
    EXPECT_DOUBLE_EQ(tied.points[1].truePositiveRate, 1.0);
    EXPECT_DOUBLE_EQ(tied.points[1].threshold, 0.4);
}

TEST(Roc, HandComputedMixedRanking)
{
    // Anomalies at 0.9 and 0.7; normals at 0.8, 0.6, 0.5: 3 + 2 of 6 pairs ordered correctly.
    const RocCurve c = rocCurve({0.9, 0.8, 0.7, 0.6, 0.5}, {1, 0, 1, 0, 0});
    EXPECT_NEAR(c.auroc, 5.0 / 6.0, 1e-15);
    EXPECT_EQ(c.positives, 2);
    EXPECT_EQ(c.negatives, 3);
    ASSERT_EQ(c.points.size(), 6u);
    EXPECT_TRUE(std::isinf(c.points[0].threshold));
    const double fpr[] = {0, 0, 1.0 / 3, 1.0 / 3, 2.0 / 3, 1};
    const double tpr[] = {0, 0.5, 0.5, 1, 1, 1};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_NEAR(c.points[i].falsePositiveRate, fpr[i], 1e-15) << i;
        EXPECT_NEAR(c.points[i].truePositiveRate, tpr[i], 1e-15) << i;
    }
}

TEST(Roc, TiesBetweenAnomalyAndNormalCountOneHalf)
{
    // 0.9 beats both normals (2); the anomaly at 0.5 ties one normal (0.5) and beats the other (1): 3.5 / 4.
    const RocCurve c = rocCurve({0.9, 0.5, 0.5, 0.1}, {1, 1, 0, 0});
    EXPECT_DOUBLE_EQ(c.auroc, 0.875);
    ASSERT_EQ(c.points.size(), 4u);
    EXPECT_DOUBLE_EQ(c.points[2].falsePositiveRate, 0.5);
    EXPECT_DOUBLE_EQ(c.points[2].truePositiveRate, 1.0);
    EXPECT_DOUBLE_EQ(c.points[2].threshold, 0.5);
}

TEST(Roc, MatchesBruteForceMannWhitneyOnTiedRandomData)
{
    std::mt19937 rng(3);
    std::vector<double> s(300);
    std::vector<std::uint8_t> truth(300);
    for (std::size_t i = 0; i < s.size(); ++i) {
        truth[i] = rng() % 3 == 0;
        s[i] = static_cast<double>(rng() % 6 + (truth[i] ? 1 : 0)); // few distinct values: many ties
    }
    double wins = 0, pairs = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        for (std::size_t j = 0; j < s.size(); ++j)
            if (truth[i] && !truth[j]) {
                pairs += 1;
                wins += s[i] > s[j] ? 1.0 : s[i] == s[j] ? 0.5 : 0.0;
            }
    EXPECT_NEAR(auroc(s, truth), wins / pairs, 1e-12);
    // Shuffling the order of the samples does not change anything.
    std::vector<std::size_t> perm(s.size());
    for (std::size_t i = 0; i < perm.size(); ++i)
        perm[i] = i;
    std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<double> s2;
    std::vector<std::uint8_t> t2;
    for (const auto i : perm) {
        s2.push_back(s[i]);
        t2.push_back(truth[i]);
    }
    EXPECT_NEAR(auroc(s2, t2), wins / pairs, 1e-12);
}

TEST(Roc, NaNScoresRankHighest)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_DOUBLE_EQ(auroc({nan, 0.2, 0.1}, {1, 0, 0}), 1.0);
    EXPECT_DOUBLE_EQ(auroc({nan, 0.2, 0.1}, {0, 1, 1}), 0.0);
}

TEST(Roc, RefusesUndefinedCurves)
{
    EXPECT_NE(badInputMessage([] { rocCurve({0.1, 0.2}, {1, 1}); }).find("all anomalies"), std::string::npos);
    EXPECT_NE(badInputMessage([] { rocCurve({0.1, 0.2}, {0, 0}); }).find("all normal"), std::string::npos);
    EXPECT_NE(badInputMessage([] { rocCurve({0.1, 0.2}, {0}); }).find("2 scores but 1"), std::string::npos);
}

TEST(Roc, PrecisionAndRecallAtAThreshold)
{
    const std::vector<double> s{0.9, 0.8, 0.7, 0.6, 0.5};
    const std::vector<std::uint8_t> truth{1, 0, 1, 0, 0};
    DetectionCounts c = detectionAt(s, truth, 0.65); // flags 0.9, 0.8, 0.7
    EXPECT_EQ(c.truePositives, 2);
    EXPECT_EQ(c.falsePositives, 1);
    EXPECT_EQ(c.trueNegatives, 2);
    EXPECT_EQ(c.falseNegatives, 0);
    EXPECT_DOUBLE_EQ(c.precision, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(c.recall, 1.0);
    c = detectionAt(s, truth, 0.8); // strictly above: only 0.9
    EXPECT_DOUBLE_EQ(c.precision, 1.0);
    EXPECT_DOUBLE_EQ(c.recall, 0.5);
    c = detectionAt(s, truth, 1.0); // nothing flagged
    EXPECT_DOUBLE_EQ(c.precision, 0.0);
    EXPECT_DOUBLE_EQ(c.recall, 0.0);
    EXPECT_EQ(c.falseNegatives, 2);
}
