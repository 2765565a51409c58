// The anomaly policy the window and the CLI share, on a hand-built dataset: which samples are the reference,
// which classes are the known anomalies, where detection is measured, and the "most anomalous first" order.
#include "core/analysis/anomaly_evaluation.h"

#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

#include <limits>
#include <numeric>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

// 20 one-feature rows labelled i % 4 (classes "a".."d"), split by hand: train 4..19 (given out of order),
// validation 0..3 (one of each class).
Dataset labelled()
{
    std::vector<float> values(20);
    std::iota(values.begin(), values.end(), 0.0f);
    Dataset ds = Dataset::fromTable(values, 20, 1, {ValueRange{}}, {"x"});
    std::vector<std::int32_t> labels(20);
    for (int i = 0; i < 20; ++i)
        labels[static_cast<std::size_t>(i)] = i % 4;
    ds.setLabels(labels, {"a", "b", "c", "d"});
    Split split;
    for (std::int64_t i = 19; i >= 4; --i)
        split.train.push_back(i);
    split.validation = {0, 1, 2, 3};
    ds.setSplit(split);
    ds.source = "labelled.csv";
    return ds;
}

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to)
{
    std::vector<std::int64_t> out;
    for (std::int64_t i = from; i < to; ++i)
        out.push_back(i);
    return out;
}

} // namespace

TEST(AnomalyEvaluation, MostAnomalousFirstPutsNanFirstAndBreaksTiesByIndex)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_TRUE(moreAnomalous(nan, 5, 100.0, 0));
    EXPECT_FALSE(moreAnomalous(100.0, 0, nan, 5));
    EXPECT_TRUE(moreAnomalous(nan, 1, nan, 2));
    EXPECT_TRUE(moreAnomalous(2.0, 9, 1.0, 0));
    EXPECT_TRUE(moreAnomalous(1.0, 3, 1.0, 4));
    EXPECT_FALSE(moreAnomalous(1.0, 4, 1.0, 4));

    std::vector<std::int64_t> positions{0, 1, 2, 3, 4, 5};
    sortMostAnomalousFirst(positions, {0.5, 2.0, nan, 0.5, 3.0, nan});
    EXPECT_EQ(positions, (std::vector<std::int64_t>{2, 5, 4, 1, 0, 3}));
}

TEST(AnomalyEvaluation, TheReferenceIsTheTrainingSplitOfTheNormalClasses)
{
    const Dataset ds = labelled();
    EXPECT_EQ(referenceSamples(ds, {}), range(4, 20)); // in dataset order, whatever order the split keeps
    EXPECT_EQ(referenceSamples(ds, {2, 0}), (std::vector<std::int64_t>{4, 6, 8, 10, 12, 14, 16, 18}));

    // Without a training part: every sample.
    Dataset unsplit = labelled();
    unsplit.setSplit(Split{});
    EXPECT_EQ(referenceSamples(unsplit, {}), range(0, 20));
    EXPECT_EQ(referenceSamples(unsplit, {3}), (std::vector<std::int64_t>{3, 7, 11, 15, 19}));
}

TEST(AnomalyEvaluation, AReferenceThatCannotBeDrawnIsRefused)
{
    Dataset onlyA = labelled();
    Split split;
    split.train = {0, 4, 8};
    onlyA.setSplit(split);
    const std::string none = badInputMessage([&] { referenceSamples(onlyA, {1}); });
    EXPECT_NE(none.find("no training sample of labelled.csv"), std::string::npos) << none;
    EXPECT_NE(none.find("classes 1"), std::string::npos) << none;

    Dataset plain = Dataset::fromTable({0.f, 1.f}, 2, 1, {ValueRange{}}, {"x"});
    plain.source = "plain.csv";
    const std::string unlabelled = badInputMessage([&] { referenceSamples(plain, {0}); });
    EXPECT_NE(unlabelled.find("has no labels"), std::string::npos) << unlabelled;
    EXPECT_THROW(referenceSamples(labelled(), {7}), BadInputError);
}

TEST(AnomalyEvaluation, TheKnownAnomaliesAreTheClassesOutsideTheNormalOnes)
{
    const Dataset ds = labelled();
    EXPECT_EQ(knownAnomalyClasses(ds, {2, 0}), (std::vector<int>{1, 3}));
    EXPECT_TRUE(knownAnomalyClasses(ds, {}).empty());           // nothing named: nothing known
    EXPECT_TRUE(knownAnomalyClasses(ds, {0, 1, 2, 3}).empty()); // everything normal
    const Dataset plain = Dataset::fromTable({0.f}, 1, 1, {ValueRange{}}, {"x"});
    EXPECT_TRUE(knownAnomalyClasses(plain, {0}).empty());
}

TEST(AnomalyEvaluation, BothKindsAndGatheredValues)
{
    EXPECT_TRUE(holdsBothKinds({0, 1, 0}));
    EXPECT_FALSE(holdsBothKinds({1, 1}));
    EXPECT_FALSE(holdsBothKinds({0, 0}));
    EXPECT_FALSE(holdsBothKinds({}));
    EXPECT_EQ(scoresAt({0.5, 1.5, 2.5}, {2, 0}), (std::vector<double>{2.5, 0.5}));
    EXPECT_EQ(truthAt({0, 1, 1}, {1, 0}), (std::vector<std::uint8_t>{1, 0}));
    EXPECT_THROW(scoresAt({0.5}, {1}), std::out_of_range);
}

TEST(AnomalyEvaluation, AScoredDatasetGetsItsThresholdTruthAndEvaluationSet)
{
    const Dataset ds = labelled();
    std::vector<double> scores(20);
    for (std::size_t i = 0; i < scores.size(); ++i)
        scores[i] = static_cast<double>(i % 4) + 0.01 * static_cast<double>(i);
    const ThresholdRule rule = ThresholdRule::meanPlusKStd(2.0);

    // No classes named: the whole training split is the reference, and nothing is known to be anomalous.
    const DatasetEvaluation plain = evaluateDataset(ds, scores, {}, rule);
    EXPECT_EQ(plain.reference, range(4, 20));
    EXPECT_DOUBLE_EQ(plain.threshold, anomalyThreshold(scoresAt(scores, range(4, 20)), rule));
    EXPECT_TRUE(plain.truth.empty());
    EXPECT_TRUE(plain.evaluation.empty());

    // Classes 0 and 2 normal: the threshold from their training samples; 1 and 3 are the anomalies, measured
    // on the held-out samples 0..3, which hold both kinds.
    const DatasetEvaluation oneClass = evaluateDataset(ds, scores, {0, 2}, rule);
    const std::vector<std::int64_t> normalTrain{4, 6, 8, 10, 12, 14, 16, 18};
    EXPECT_EQ(oneClass.reference, normalTrain);
    EXPECT_DOUBLE_EQ(oneClass.threshold, anomalyThreshold(scoresAt(scores, normalTrain), rule));
    ASSERT_EQ(oneClass.truth.size(), 20u);
    for (std::size_t i = 0; i < 20; ++i)
        EXPECT_EQ(oneClass.truth[i], i % 2 == 1 ? 1 : 0) << i;
    EXPECT_EQ(oneClass.evaluation, (std::vector<std::int64_t>{0, 1, 2, 3}));

    // Held-out samples of one kind only: every sample is measured instead.
    Dataset skewed = labelled();
    Split split = skewed.split();
    split.validation = {0, 2};
    skewed.setSplit(split);
    EXPECT_EQ(evaluateDataset(skewed, scores, {0, 2}, rule).evaluation, range(0, 20));

    // Every class normal: the truth says so (no anomaly), and every sample is measured.
    const DatasetEvaluation allNormal = evaluateDataset(ds, scores, {0, 1, 2, 3}, rule);
    EXPECT_EQ(allNormal.truth, std::vector<std::uint8_t>(20, 0));
    EXPECT_EQ(allNormal.evaluation, range(0, 20));

    EXPECT_THROW(evaluateDataset(ds, {1.0, 2.0}, {}, rule), BadInputError);
}
