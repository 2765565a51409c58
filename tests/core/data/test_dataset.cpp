#include "core/data/dataset.h"
#include "tests/support/expect_error.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <numeric>

using namespace latentlab;
using namespace latentlab::testing;

namespace {
Dataset tinyImages(int n)
{
    std::vector<std::uint8_t> px(static_cast<std::size_t>(n) * 4);
    std::iota(px.begin(), px.end(), 0);
    return Dataset::fromImages(std::move(px), n, 1, 2, 2);
}
} // namespace

TEST(Dataset, SplitBySeedIsDisjointCompleteAndReproducible)
{
    Dataset a = tinyImages(50);
    a.splitBySeed(0.2, 7);
    EXPECT_EQ(a.split().validation.size(), 10u);
    EXPECT_EQ(a.split().train.size(), 40u);
    std::vector<std::int64_t> all = a.split().train;
    all.insert(all.end(), a.split().validation.begin(), a.split().validation.end());
    std::sort(all.begin(), all.end());
    for (std::int64_t i = 0; i < 50; ++i)
        EXPECT_EQ(all[static_cast<std::size_t>(i)], i);

    Dataset b = tinyImages(50);
    b.splitBySeed(0.2, 7);
    EXPECT_EQ(a.split().validation, b.split().validation);
    b.splitBySeed(0.2, 8);
    EXPECT_NE(a.split().validation, b.split().validation);
}

TEST(Dataset, RejectsAbsurdValidationFraction)
{
    Dataset d = tinyImages(5);
    EXPECT_NE(badInputMessage([&] { d.splitBySeed(1.5, 0); }).find("validation fraction"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { d.splitBySeed(std::nan(""), 0); }).find("validation fraction"), std::string::npos);
}

TEST(Dataset, BatchIsFloatInUnitRangeInRequestedOrder)
{
    const Dataset d = tinyImages(3);
    const torch::Tensor x = d.batch({2, 0});
    ASSERT_EQ(x.sizes(), (std::vector<std::int64_t>{2, 1, 2, 2}));
    EXPECT_EQ(x.scalar_type(), torch::kFloat32);
    EXPECT_FLOAT_EQ(x[0][0][0][1].item<float>(), 9.0f / 255.0f);
    EXPECT_FLOAT_EQ(x[1][0][1][1].item<float>(), 3.0f / 255.0f);
    EXPECT_NE(badInputMessage([&] { d.batch({3}); }).find("outside"), std::string::npos);
}

TEST(Dataset, LabelsAreCheckedAndBatched)
{
    Dataset d = tinyImages(3);
    EXPECT_NE(badInputMessage([&] { d.setLabels({0, 1}, {"a", "b"}); }).find("2 labels for 3 samples"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { d.setLabels({0, 1, 2}, {"a", "b"}); }).find("outside"), std::string::npos);
    d.setLabels({1, 0, 1}, {"a", "b"});
    EXPECT_EQ(d.classCounts(), (std::vector<std::int64_t>{1, 2}));
    const torch::Tensor y = d.labelBatch({0, 1});
    EXPECT_EQ(y.scalar_type(), torch::kInt64);
    EXPECT_EQ(y[0].item<std::int64_t>(), 1);
}

TEST(Dataset, PredefinedSplitKeepsOrder)
{
    Dataset d = tinyImages(5);
    d.setPredefinedSplit(3);
    EXPECT_TRUE(d.split().predefined);
    EXPECT_EQ(d.split().train, (std::vector<std::int64_t>{0, 1, 2}));
    EXPECT_EQ(d.split().validation, (std::vector<std::int64_t>{3, 4}));
}
