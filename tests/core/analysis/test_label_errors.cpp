// Label-error scores: planted mislabels rank first by both methods after a little training on images of clearly
// separated classes, with the true class as the suggestion; the scores are deterministic and in the order
// asked; ranking, the confusion matrix, refusals, progress and cancellation.
#include "core/analysis/label_errors.h"

#include "tests/core/training/training_fixtures.h"
#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

constexpr int kImages = 128;
// One sample of each class (label = index % 4), each given the next class instead.
const std::vector<std::int64_t> kPlanted{1, 6, 11, 40};

std::int32_t trueLabel(std::int64_t i)
{
    return static_cast<std::int32_t>(i % 4);
}

// prototypeImages(): four random binary prototypes, 5% of pixels flipped, so the classes are far apart.
Dataset mislabelledImages()
{
    Dataset ds = prototypeImages(kImages, 4, 7);
    std::vector<std::int32_t> labels = ds.labels();
    for (const std::int64_t i : kPlanted)
        labels[static_cast<std::size_t>(i)] = (trueLabel(i) + 1) % 4;
    ds.setLabels(std::move(labels), ds.classNames());
    return ds;
}

std::vector<std::int64_t> allIndices(const Dataset& ds)
{
    std::vector<std::int64_t> v(static_cast<std::size_t>(ds.size()));
    std::iota(v.begin(), v.end(), std::int64_t{0});
    return v;
}

std::shared_ptr<LatentModel> trainedOn(const Dataset& ds, ModelKind kind, std::int64_t epochs)
{
    auto model = seededModel(smallModel(kind));
    Trainer trainer(model, ds, quickTraining(epochs));
    EXPECT_TRUE(trainer.run().status == TrainingStatus::Completed);
    return model;
}

const std::shared_ptr<LatentModel>& trainedVae()
{
    static const std::shared_ptr<LatentModel> model = trainedOn(mislabelledImages(), ModelKind::Vae, 25);
    return model;
}

const std::shared_ptr<LatentModel>& trainedCvae()
{
    static const std::shared_ptr<LatentModel> model = trainedOn(mislabelledImages(), ModelKind::ConditionalVae, 25);
    return model;
}

LabelOptions options(LabelMethod method, int k = 5)
{
    LabelOptions o;
    o.method = method;
    o.k = k;
    o.batchSize = 16; // several batches over the 128 images
    return o;
}

// The dataset indices of the n most suspect, as a set.
std::set<std::int64_t> mostSuspect(const std::vector<LabelSuspect>& suspects, std::size_t n)
{
    const std::vector<std::size_t> order = rankLabelSuspects(suspects);
    std::set<std::int64_t> top;
    for (std::size_t i = 0; i < n && i < order.size(); ++i)
        top.insert(suspects[order[i]].index);
    return top;
}

void expectPlantedFirst(const std::vector<LabelSuspect>& suspects)
{
    const std::set<std::int64_t> planted(kPlanted.begin(), kPlanted.end());
    EXPECT_EQ(mostSuspect(suspects, kPlanted.size()), planted);
    for (const LabelSuspect& s : suspects) {
        if (planted.count(s.index)) {
            EXPECT_EQ(s.suggested, trueLabel(s.index)) << "sample " << s.index;
        }
    }
}

} // namespace

TEST(LabelErrors, NeighboursRankPlantedMislabelsFirstAndSuggestTheirClass)
{
    const Dataset ds = mislabelledImages();
    const std::vector<LabelSuspect> s = scoreLabels(*trainedVae(), ds, allIndices(ds), options(LabelMethod::Neighbours));
    ASSERT_EQ(s.size(), static_cast<std::size_t>(kImages));
    expectPlantedFirst(s);
    for (const LabelSuspect& x : s) {
        EXPECT_EQ(x.given, ds.labels()[static_cast<std::size_t>(x.index)]);
        EXPECT_GE(x.score, 0.0);
        EXPECT_LE(x.score, 1.0);
        // A share of 5 neighbours.
        EXPECT_DOUBLE_EQ(x.score * 5, std::round(x.score * 5));
        if (std::find(kPlanted.begin(), kPlanted.end(), x.index) != kPlanted.end()) {
            EXPECT_EQ(x.score, 1.0) << "every neighbour of a planted sample has its true class";
        } else {
            EXPECT_LE(x.score, 0.2) << "sample " << x.index;
            EXPECT_EQ(x.suggested, x.given) << "most neighbours agree with a correct label";
        }
    }
}

TEST(LabelErrors, ConditionalRanksPlantedMislabelsFirstAndSuggestsTheirClass)
{
    const Dataset ds = mislabelledImages();
    const std::vector<LabelSuspect> s = scoreLabels(*trainedCvae(), ds, allIndices(ds), options(LabelMethod::Conditional));
    ASSERT_EQ(s.size(), static_cast<std::size_t>(kImages));
    expectPlantedFirst(s);
    for (const LabelSuspect& x : s) {
        EXPECT_NE(x.suggested, x.given) << "the suggestion is the best of the other classes";
        const bool planted = std::find(kPlanted.begin(), kPlanted.end(), x.index) != kPlanted.end();
        // Another class explains a planted sample better than its label; none explains a clean one better.
        EXPECT_EQ(x.score > 0, planted) << "sample " << x.index << " score " << x.score;
    }
}

TEST(LabelErrors, ScoresAreDeterministicAndInTheOrderAsked)
{
    const Dataset ds = mislabelledImages();
    std::vector<std::int64_t> some{100, 3, 40, 7, 64, 1, 12, 99};
    for (const LabelMethod method : {LabelMethod::Conditional, LabelMethod::Neighbours}) {
        LatentModel& model = method == LabelMethod::Conditional ? *trainedCvae() : *trainedVae();
        model.train(); // scoring switches to eval mode and back
        const auto o = options(method, 3);
        const std::vector<LabelSuspect> a = scoreLabels(model, ds, some, o);
        const std::vector<LabelSuspect> b = scoreLabels(model, ds, some, o);
        EXPECT_TRUE(model.is_training());
        ASSERT_EQ(a.size(), some.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            EXPECT_EQ(a[i].index, some[i]);
            EXPECT_EQ(a[i].score, b[i].score);
            EXPECT_EQ(a[i].suggested, b[i].suggested);
        }
    }
    // The conditional score of a sample does not depend on the batch it is scored in.
    const auto whole = scoreLabels(*trainedCvae(), ds, allIndices(ds), options(LabelMethod::Conditional));
    const auto part = scoreLabels(*trainedCvae(), ds, some, options(LabelMethod::Conditional));
    for (std::size_t i = 0; i < part.size(); ++i)
        EXPECT_NEAR(part[i].score, whole[static_cast<std::size_t>(some[i])].score, 1e-3);
}

TEST(LabelErrors, DefaultMethodAndNames)
{
    EXPECT_TRUE(defaultLabelMethod(*trainedCvae()) == LabelMethod::Conditional);
    EXPECT_TRUE(defaultLabelMethod(*trainedVae()) == LabelMethod::Neighbours);
    for (const LabelMethod m : {LabelMethod::Conditional, LabelMethod::Neighbours})
        EXPECT_TRUE(labelMethodFromString(toString(m)) == m);
    EXPECT_EQ(toString(LabelMethod::Neighbours), "neighbors");
    EXPECT_TRUE(labelMethodFromString("neighbours") == LabelMethod::Neighbours);
    EXPECT_NE(badInputMessage([] { labelMethodFromString("knn"); }).find("not one of conditional, neighbors"),
              std::string::npos);
}

TEST(LabelErrors, RefusalsAreOneSentence)
{
    const Dataset labelled = mislabelledImages();
    Dataset unlabelled = Dataset::fromImages(std::vector<std::uint8_t>(labelled.uint8Data(), labelled.uint8Data() + labelled.storageBytes()),
                                             kImages, 1, 8, 8);
    unlabelled.source = "/data/unlabelled.npy";
    const auto all = allIndices(labelled);
    const auto neighbours = options(LabelMethod::Neighbours);
    EXPECT_EQ(badInputMessage([&] { scoreLabels(*trainedVae(), unlabelled, all, neighbours); }),
              "unlabelled.npy has no labels, so there are no labels to check (load it with its labels file or label column)");
    EXPECT_NE(badInputMessage([&] { scoreLabels(*trainedVae(), labelled, {}, neighbours); }).find("the selection is empty"),
              std::string::npos);
    EXPECT_NE(badInputMessage([&] { scoreLabels(*trainedVae(), labelled, {0, kImages}, neighbours); })
                  .find("sample 128 is not in"),
              std::string::npos);
    EXPECT_NE(badInputMessage([&] { scoreLabels(*trainedVae(), labelled, all, options(LabelMethod::Neighbours, 0)); })
                  .find("outside 1..1000"),
              std::string::npos);
    EXPECT_NE(badInputMessage([&] { scoreLabels(*trainedVae(), labelled, {1, 2, 3}, options(LabelMethod::Neighbours, 3)); })
                  .find("k = 3 neighbours needs more than 3 samples, and 3 are scored"),
              std::string::npos);

    // The conditional score needs a conditional VAE, conditioned on the data's classes.
    try {
        scoreLabels(*trainedVae(), labelled, all, options(LabelMethod::Conditional));
        ADD_FAILURE() << "a VAE was scored by the conditional method";
    } catch (const ModelMismatchError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "the conditional label score needs a conditional VAE, and this is a vae model (use the neighbors score)");
    }
    Dataset threeClasses = prototypeImages(30, 3, 7);
    try {
        checkLabelScoring(*trainedCvae(), threeClasses, allIndices(threeClasses), options(LabelMethod::Conditional));
        ADD_FAILURE() << "a CVAE of 4 classes scored data of 3";
    } catch (const ModelMismatchError& e) {
        EXPECT_NE(std::string(e.what()).find("conditioned on 4 classes but prototypes has 3"), std::string::npos) << e.what();
    }
}

TEST(LabelErrors, RankingPutsNanAndHighScoresFirstAndTiesByIndex)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<LabelSuspect> s{{7, 0, 1, 0.5}, {3, 0, 1, 0.5}, {9, 1, 0, 0.9}, {1, 1, 0, nan}, {5, 0, 0, 0.0}};
    EXPECT_EQ(rankLabelSuspects(s), (std::vector<std::size_t>{3, 2, 1, 0, 4}));
    const auto counts = labelConfusion(s, 2);
    EXPECT_EQ(counts, (std::vector<std::vector<std::int64_t>>{{1, 2}, {2, 0}}));
    EXPECT_NE(badInputMessage([&] { labelConfusion(s, 1); }).find("outside the 1 classes"), std::string::npos);
}

TEST(LabelErrors, ReportsProgressAndStopsWhenCancelled)
{
    const Dataset ds = mislabelledImages();
    for (const LabelMethod method : {LabelMethod::Conditional, LabelMethod::Neighbours}) {
        LatentModel& model = method == LabelMethod::Conditional ? *trainedCvae() : *trainedVae();
        std::vector<double> seen;
        const AnalysisControl control([&](double f, const std::string&) { seen.push_back(f); });
        scoreLabels(model, ds, allIndices(ds), options(method), &control);
        ASSERT_FALSE(seen.empty());
        EXPECT_DOUBLE_EQ(seen.back(), 1.0);
        for (const double f : seen) {
            EXPECT_GE(f, 0.0);
            EXPECT_LE(f, 1.0);
        }
        AnalysisControl cancelled;
        cancelled.cancel();
        EXPECT_THROW(scoreLabels(model, ds, allIndices(ds), options(method), &cancelled), AnalysisCancelled);
    }
}

TEST(LabelErrors, DefaultKIsFiftyButAQuarterOfTheSmallestClass)
{
    const Dataset ds = mislabelledImages(); // 32 samples of each class
    EXPECT_EQ(defaultLabelNeighbours(ds, allIndices(ds)), 8);
    EXPECT_EQ(defaultLabelNeighbours(prototypeImages(1000, 4, 7), allIndices(prototypeImages(1000, 4, 7))),
              kDefaultLabelNeighbours);
    // Only the scored samples count; at least 1, and below their number.
    EXPECT_EQ(defaultLabelNeighbours(ds, {0, 1, 2, 3, 4, 5, 6, 7}), 1);
    EXPECT_EQ(defaultLabelNeighbours(ds, {0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 44, 48}), 3); // 12 of one class
}
