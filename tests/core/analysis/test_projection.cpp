// The projection layer: each method says what it shows, picks the right data, and refuses what it cannot do.
#include "core/analysis/projection.h"

#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

using namespace latentlab;

TEST(Projection, DimsPicksTheChosenColumns)
{
    const torch::Tensor z = torch::arange(40, torch::kFloat32).view({8, 5});
    ProjectionRequest r;
    r.method = ProjectionMethod::Dims;
    r.dims = {3, 1};
    const Projection p = project(z, r);
    EXPECT_TRUE(torch::equal(p.xy.select(1, 0), z.select(1, 3)));
    EXPECT_TRUE(torch::equal(p.xy.select(1, 1), z.select(1, 1)));
    EXPECT_EQ(p.dims[0], 3);
    EXPECT_EQ(p.dims[1], 1);
    EXPECT_FALSE(p.subset);
    EXPECT_EQ(p.points(), 8);
    EXPECT_NE(p.describe().find("dims 3,1"), std::string::npos) << p.describe();
    EXPECT_NE(p.describe().find("all 8 points"), std::string::npos) << p.describe();
}

TEST(Projection, DimsOutOfRangeAreRefusedClearly)
{
    const torch::Tensor z = torch::zeros({8, 5});
    ProjectionRequest r;
    r.method = ProjectionMethod::Dims;
    r.dims = {1, 5};
    const std::string m = latentlab::testing::badInputMessage([&] { project(z, r); });
    EXPECT_NE(m.find("dimension 5 does not exist"), std::string::npos) << m;
    EXPECT_NE(m.find("0..4"), std::string::npos) << m;
    r.dims = {-1, 2};
    latentlab::testing::badInputMessage([&] { project(z, r); });
    r.dims = {2, 2};
    EXPECT_NE(latentlab::testing::badInputMessage([&] { project(z, r); }).find("two different"), std::string::npos);
}

TEST(Projection, LatentIsOnlyForTwoDimensions)
{
    const torch::Tensor z2 = torch::randn({6, 2});
    ProjectionRequest r;
    r.method = ProjectionMethod::Latent;
    EXPECT_TRUE(torch::equal(project(z2, r).xy, z2));
    const std::string m = latentlab::testing::badInputMessage([&] { project(torch::randn({6, 3}), r); });
    EXPECT_NE(m.find("3 dimensions"), std::string::npos) << m;
}

TEST(Projection, ASubsetIsUsedOnlyWhenAskedAndSaysSo)
{
    const torch::Tensor z = torch::randn({50, 4});
    ProjectionRequest r;
    r.method = ProjectionMethod::Pca;
    const Projection all = project(z, r);
    EXPECT_FALSE(all.subset);
    EXPECT_EQ(all.points(), 50);
    ASSERT_TRUE(all.pca.has_value());
    EXPECT_NE(all.describe().find("PCA of 4-d latents"), std::string::npos) << all.describe();

    r.rows = {4, 9, 2};
    const Projection some = project(z, r);
    EXPECT_TRUE(some.subset);
    EXPECT_EQ(some.points(), 3);
    EXPECT_EQ(some.inputRows, 50);
    EXPECT_EQ(some.rows, r.rows);
    EXPECT_NE(some.describe().find("3 of 50 points (a subset)"), std::string::npos) << some.describe();

    r.rows = {4, 50};
    EXPECT_NE(latentlab::testing::badInputMessage([&] { project(z, r); }).find("row 50"), std::string::npos);
    const std::string unknown = latentlab::testing::badInputMessage([] { projectionMethodFromString("isomap"); });
    EXPECT_NE(unknown.find("isomap"), std::string::npos);
}
