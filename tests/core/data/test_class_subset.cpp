// Class subsets for the one-class protocol: parsing class lists, restricting a split, and the training
// config that carries the normal classes through checkpoints so a resumed run trains on the same samples.
#include "core/data/class_subset.h"
#include "core/training/training_config.h"

#include "tests/core/training/training_fixtures.h"
#include "tests/support/expect_error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace latentlab;
using namespace latentlab::testing;

TEST(ClassSubset, ParsesIndicesAndNamesSortedWithoutRepeats)
{
    const Dataset ds = prototypeImages(16); // classes class0..class3
    EXPECT_EQ(parseClassList(ds, "2,0", "--normal-classes"), (std::vector<int>{0, 2}));
    EXPECT_EQ(parseClassList(ds, "class3,1,3", "--normal-classes"), (std::vector<int>{1, 3}));
    const std::string range = badInputMessage([&] { parseClassList(ds, "0,4", "--normal-classes"); });
    EXPECT_NE(range.find("--normal-classes: class 4 is not one of the 4 classes"), std::string::npos) << range;
    EXPECT_NE(badInputMessage([&] { parseClassList(ds, "0,,1", "--x"); }).find("neither a class index"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { parseClassList(ds, "", "--x"); }).find("at least one class"), std::string::npos);
    const Dataset unlabelled = Dataset::fromImages(std::vector<std::uint8_t>(64, 0), 1, 1, 8, 8);
    EXPECT_NE(badInputMessage([&] { parseClassList(unlabelled, "0", "--x"); }).find("no labels"), std::string::npos);
}

TEST(ClassSubset, SelectsAndFlagsSamplesOfClasses)
{
    const Dataset ds = prototypeImages(16); // label = index % 4
    const std::vector<std::int64_t> idx{0, 1, 2, 3, 4, 5, 9};
    EXPECT_EQ(samplesOfClasses(ds, idx, {1, 2}), (std::vector<std::int64_t>{1, 2, 5, 9}));
    EXPECT_EQ(classMembership(ds, idx, {0}), (std::vector<std::uint8_t>{1, 0, 0, 0, 1, 0, 0}));
    EXPECT_EQ(otherClasses(4, {2, 0}), (std::vector<int>{1, 3}));
    EXPECT_EQ(classListText({0, 2, 3}), "0,2,3");
}

TEST(ClassSubset, RestrictingTheSplitKeepsItsOtherProperties)
{
    Dataset ds = prototypeImages(40);
    ds.setPredefinedSplit(32);
    restrictSplitToClasses(ds, {1, 3});
    EXPECT_TRUE(ds.split().predefined);
    EXPECT_EQ(ds.split().train.size(), 16u);
    EXPECT_EQ(ds.split().validation, (std::vector<std::int64_t>{33, 35, 37, 39}));
    for (const auto i : ds.split().train)
        EXPECT_EQ(ds.labels()[static_cast<std::size_t>(i)] % 2, 1);

    Dataset few = prototypeImages(40);
    few.setPredefinedSplit(2); // train holds classes 0 and 1 only
    EXPECT_NE(badInputMessage([&] { restrictSplitToClasses(few, {3}); }).find("no training sample"), std::string::npos);
}

TEST(ClassSubset, TrainingConfigCarriesTheNormalClassesThroughJson)
{
    TrainingConfig t;
    t.normalClasses = {0, 2};
    t.validationFraction = 0.25;
    t.seed = 4;
    const TrainingConfig back = TrainingConfig::fromJson(nlohmann::json::parse(t.toJson().dump()));
    EXPECT_EQ(back.normalClasses, (std::vector<int>{0, 2}));
    // Checkpoints written before the field existed read as "every class".
    nlohmann::json old = t.toJson();
    old.erase("normal_classes");
    EXPECT_TRUE(TrainingConfig::fromJson(old).normalClasses.empty());
    TrainingConfig bad;
    bad.normalClasses = {-1};
    EXPECT_NE(badInputMessage([&] { bad.validate(); }).find("normal classes"), std::string::npos);

    // The same config gives the same restricted split, on a dataset freshly loaded as a resumed run would.
    Dataset a = prototypeImages(64), b = prototypeImages(64);
    applyTrainingSplit(a, back);
    applyTrainingSplit(b, back);
    EXPECT_EQ(a.split().train, b.split().train);
    EXPECT_EQ(a.split().validation, b.split().validation);
    EXPECT_FALSE(a.split().validation.empty());
    for (const auto* part : {&a.split().train, &a.split().validation})
        for (const auto i : *part)
            EXPECT_EQ(a.labels()[static_cast<std::size_t>(i)] % 2, 0);
}
