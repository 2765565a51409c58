// Where generation decodes: interpolation paths, quantile and plane grids, traversals; all checked by hand.
#include "core/analysis/latent_geometry.h"
#include "core/util/errors.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

using namespace latentlab;

TEST(Slerp, KeepsTheNormBetweenEqualNormEndpoints)
{
    const torch::Tensor a = torch::tensor({3.0, 0.0, 4.0, 0.0}, torch::kDouble);
    const torch::Tensor b = torch::tensor({0.0, 5.0, 0.0, 0.0}, torch::kDouble);
    for (double t : {0.1, 0.25, 0.5, 0.9}) {
        EXPECT_NEAR(slerp(a, b, t).norm().item<double>(), 5.0, 1e-12) << "t = " << t;
        // lerp cuts inside the sphere: what slerp is for
        EXPECT_LT(lerp(a, b, t).norm().item<double>(), 5.0 - 1e-3) << "t = " << t;
    }
    // Halfway between orthogonal unit vectors is their normalised sum.
    const torch::Tensor mid = slerp(torch::tensor({1.0, 0.0}), torch::tensor({0.0, 1.0}), 0.5);
    EXPECT_NEAR(mid[0].item<double>(), std::sqrt(0.5), 1e-6);
    EXPECT_NEAR(mid[1].item<double>(), std::sqrt(0.5), 1e-6);
}

TEST(Slerp, MatchesLerpOnParallelAndZeroVectors)
{
    const torch::Tensor a = torch::tensor({1.0, 2.0, -1.0});
    for (const torch::Tensor& b : {a * 3.0, a * (1.0 + 1e-9), torch::zeros({3})}) {
        const torch::Tensor s = slerp(a, b, 0.3);
        EXPECT_TRUE(torch::isfinite(s).all().item<bool>());
        EXPECT_TRUE(torch::allclose(s, lerp(a, b, 0.3), 1e-5, 1e-6)) << s;
    }
    EXPECT_TRUE(torch::allclose(slerp(a, -a, 0.5), torch::zeros({3}), 1e-6, 1e-6));
}

TEST(InterpolationPath, IncludesBothEndsExactly)
{
    torch::manual_seed(3);
    const torch::Tensor a = torch::randn({1, 6}), b = torch::randn({6});
    for (Interpolation how : {Interpolation::Linear, Interpolation::Spherical}) {
        const torch::Tensor p = interpolationPath(a, b, 5, how);
        ASSERT_EQ(p.sizes(), (std::vector<std::int64_t>{5, 6}));
        EXPECT_TRUE(torch::equal(p[0], a[0]));
        EXPECT_TRUE(torch::equal(p[4], b));
    }
    EXPECT_TRUE(torch::allclose(interpolationPath(a, b, 3, Interpolation::Linear)[1], (a[0] + b) / 2));
    EXPECT_THROW(interpolationPath(a, b, 1, Interpolation::Linear), BadInputError);
    EXPECT_THROW(interpolationPath(a, torch::randn({5}), 3, Interpolation::Linear), BadInputError);
}

TEST(GaussianQuantiles, KnownValuesAndSymmetry)
{
    EXPECT_EQ(inverseNormalCdf(0.5), 0.0);
    EXPECT_NEAR(inverseNormalCdf(0.975), 1.959963984540054, 1e-12);
    EXPECT_NEAR(inverseNormalCdf(0.025), -1.959963984540054, 1e-12);
    EXPECT_NEAR(inverseNormalCdf(0.8413447460685429), 1.0, 1e-12);
    EXPECT_NEAR(inverseNormalCdf(1e-10), -6.361340902404056, 1e-9);
    EXPECT_THROW(inverseNormalCdf(0.0), BadInputError);
    EXPECT_THROW(inverseNormalCdf(1.0), BadInputError);

    const std::vector<double> q3 = gaussianQuantiles(3); // probabilities 1/4, 1/2, 3/4
    ASSERT_EQ(q3.size(), 3u);
    EXPECT_NEAR(q3[0], -0.6744897501960817, 1e-12);
    EXPECT_EQ(q3[1], 0.0);
    EXPECT_NEAR(q3[2], 0.6744897501960817, 1e-12);
    const std::vector<double> q20 = gaussianQuantiles(20);
    for (std::size_t i = 0; i < q20.size(); ++i) {
        EXPECT_EQ(q20[i], -q20[q20.size() - 1 - i]);
        if (i > 0) {
            EXPECT_LT(q20[i - 1], q20[i]);
        }
    }
    EXPECT_THROW(gaussianQuantiles(0), BadInputError);
}

TEST(PlaneGrid, RowsRunDownwardsInVAndColumnsAcrossInU)
{
    const torch::Tensor origin = torch::tensor({1.0f, 1.0f, 7.0f});
    const torch::Tensor g = planeGrid(origin, axis(3, 0), axis(3, 1) * 2.0, {-1.0, 0.0, 1.0}, {10.0, 20.0});
    ASSERT_EQ(g.sizes(), (std::vector<std::int64_t>{6, 3}));
    // Row 0 is the largest v (the top of a plot), column 0 the smallest u.
    EXPECT_TRUE(torch::allclose(g[0], torch::tensor({0.0f, 41.0f, 7.0f})));
    EXPECT_TRUE(torch::allclose(g[2], torch::tensor({2.0f, 41.0f, 7.0f})));
    EXPECT_TRUE(torch::allclose(g[3], torch::tensor({0.0f, 21.0f, 7.0f})));
    EXPECT_TRUE(torch::allclose(g.select(1, 2), torch::full({6}, 7.0f)));
    EXPECT_THROW(axis(3, 3), BadInputError);
}

TEST(TraversalLatents, OnlyTheChosenDimensionVaries)
{
    const torch::Tensor base = torch::tensor({0.5f, -0.25f, 2.0f, 1.0f});
    const std::vector<double> values = evenlySpaced(-3.0, 3.0, 7);
    EXPECT_EQ(values.front(), -3.0);
    EXPECT_EQ(values[3], 0.0);
    EXPECT_EQ(values.back(), 3.0);
    const torch::Tensor t = traversalLatents(base, {2, 0}, values);
    ASSERT_EQ(t.sizes(), (std::vector<std::int64_t>{14, 4}));
    for (std::int64_t row = 0; row < 14; ++row) {
        const std::int64_t varied = row < 7 ? 2 : 0;
        for (std::int64_t d = 0; d < 4; ++d) {
            const float expected = d == varied ? static_cast<float>(values[static_cast<std::size_t>(row % 7)])
                                               : base[d].item<float>();
            EXPECT_FLOAT_EQ(t[row][d].item<float>(), expected) << "row " << row << " dim " << d;
        }
    }
    EXPECT_THROW(traversalLatents(base, {4}, values), BadInputError);
    EXPECT_THROW(traversalLatents(base, {}, values), BadInputError);
}
