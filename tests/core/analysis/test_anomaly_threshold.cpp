// The threshold rule on hand-checked vectors: mean + k population std, numpy-style percentiles, strict flags.
#include "core/analysis/anomaly_threshold.h"

#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace latentlab;
using namespace latentlab::testing;

namespace {
// Mean 5, population standard deviation exactly 2.
const std::vector<double> kTextbook{2, 4, 4, 4, 5, 5, 7, 9};
} // namespace

TEST(AnomalyThreshold, MeanPlusKPopulationStd)
{
    EXPECT_DOUBLE_EQ(mean(kTextbook), 5.0);
    EXPECT_DOUBLE_EQ(populationStd(kTextbook), 2.0);
    EXPECT_DOUBLE_EQ(anomalyThreshold(kTextbook, ThresholdRule{}), 11.0); // k = 3 by default
    EXPECT_DOUBLE_EQ(anomalyThreshold(kTextbook, ThresholdRule::meanPlusKStd(1.0)), 7.0);
    EXPECT_DOUBLE_EQ(anomalyThreshold(kTextbook, ThresholdRule::meanPlusKStd(0.0)), 5.0);
    EXPECT_DOUBLE_EQ(anomalyThreshold({3.5}, ThresholdRule::meanPlusKStd(3.0)), 3.5);
}

TEST(AnomalyThreshold, StdStaysExactFarFromZero)
{
    // A one-pass sum of squares loses every digit here; the two-pass form does not.
    std::vector<double> shifted;
    for (const double v : kTextbook)
        shifted.push_back(v + 1e9);
    EXPECT_NEAR(populationStd(shifted), 2.0, 1e-6);
}

TEST(AnomalyThreshold, PercentileInterpolatesLikeNumpy)
{
    const std::vector<double> v{5, 1, 4, 2, 3}; // unsorted on purpose
    EXPECT_DOUBLE_EQ(percentile(v, 0), 1.0);
    EXPECT_DOUBLE_EQ(percentile(v, 25), 2.0);
    EXPECT_DOUBLE_EQ(percentile(v, 50), 3.0);
    EXPECT_NEAR(percentile(v, 90), 4.6, 1e-12); // numpy.percentile([1,2,3,4,5], 90) == 4.6
    EXPECT_DOUBLE_EQ(percentile(v, 100), 5.0);
    EXPECT_NEAR(percentile(kTextbook, 95), 8.3, 1e-12); // numpy: 8.299999999999999
    EXPECT_NEAR(anomalyThreshold(v, ThresholdRule::percentile(90)), 4.6, 1e-12);
}

TEST(AnomalyThreshold, FlagsAreStrictlyAboveAndNaNIsFlagged)
{
    EXPECT_EQ(countAbove(kTextbook, 5.0), 2);  // 7 and 9; the two 5s sit on the threshold
    EXPECT_EQ(countAbove(kTextbook, 4.0), 4);  // 5, 5, 7, 9
    EXPECT_EQ(countAbove(kTextbook, 11.0), 0);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> s{1.0, nan, 3.0, std::numeric_limits<double>::infinity()};
    EXPECT_EQ(flagAbove(s, 2.0), (std::vector<std::uint8_t>{0, 1, 1, 1}));
    EXPECT_EQ(countAbove(s, 2.0), 3);
}

TEST(AnomalyThreshold, RefusesWhatHasNoThreshold)
{
    EXPECT_NE(badInputMessage([] { anomalyThreshold({}, ThresholdRule{}); }).find("empty"), std::string::npos);
    const std::string nan = badInputMessage(
        [] { anomalyThreshold({1.0, std::numeric_limits<double>::quiet_NaN()}, ThresholdRule{}); });
    EXPECT_NE(nan.find("1 of the 2"), std::string::npos) << nan;
    EXPECT_NE(badInputMessage([] { anomalyThreshold({1.0}, ThresholdRule::percentile(101)); }).find("between 0 and 100"),
              std::string::npos);
}

TEST(AnomalyThreshold, RulesDescribeThemselves)
{
    EXPECT_EQ(ThresholdRule{}.describe(), "mean + 3 std of the reference");
    EXPECT_EQ(ThresholdRule::percentile(99.5).describe(), "percentile 99.5 of the reference");
}
