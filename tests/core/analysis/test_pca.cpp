// PCA on data whose components are known by construction.
#include "core/analysis/pca.h"

#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace latentlab;

namespace {

// 2000 points in 5-d: standard deviation 5 along a known unit direction u, 2 along v (orthogonal to u), 0.1
// in the remaining three directions, centred at a known mean.
struct Stretched {
    torch::Tensor x, mean, u, v;
};

Stretched stretched()
{
    torch::manual_seed(11);
    const torch::Tensor q = std::get<0>(torch::linalg_qr(torch::randn({5, 5}, torch::kFloat64)));
    const torch::Tensor scales = torch::tensor({5.0, 2.0, 0.1, 0.1, 0.1}, torch::kFloat64);
    const torch::Tensor mean = torch::tensor({1.0, -2.0, 3.0, 0.5, 10.0}, torch::kFloat64);
    // Whitened coefficients: the sample variance along each direction is exactly scales^2.
    torch::Tensor c = torch::randn({2000, 5}, torch::kFloat64);
    c = c - c.mean(0);
    c = torch::matmul(c, torch::linalg_inv(torch::linalg_cholesky(torch::matmul(c.t(), c) / 1999.0)).t());
    const torch::Tensor x = torch::matmul(c * scales, q.t()) + mean;
    return {x.to(torch::kFloat32), mean, q.select(1, 0), q.select(1, 1)};
}

} // namespace

TEST(Pca, FindsTheKnownComponentsAndVariances)
{
    const Stretched s = stretched();
    const PcaMap pca = fitPca(s.x, 2);
    ASSERT_EQ(pca.components.sizes(), (std::vector<std::int64_t>{2, 5}));
    // Up to sign: |cos| of the angle between found and true direction.
    EXPECT_NEAR(std::abs(torch::dot(pca.components[0].to(torch::kFloat64), s.u).item<double>()), 1.0, 1e-5);
    EXPECT_NEAR(std::abs(torch::dot(pca.components[1].to(torch::kFloat64), s.v).item<double>()), 1.0, 1e-5);
    EXPECT_NEAR(pca.explainedVariance[0].item<double>(), 25.0, 1e-3);
    EXPECT_NEAR(pca.explainedVariance[1].item<double>(), 4.0, 1e-3);
    EXPECT_NEAR(pca.totalVariance, 25.0 + 4.0 + 3 * 0.01, 1e-3);
    EXPECT_NEAR(pca.explainedVarianceRatio()[0].item<double>(), 25.0 / 29.03, 1e-4);
    EXPECT_TRUE(torch::allclose(pca.mean.to(torch::kFloat64), s.mean, 1e-4, 1e-4));
}

TEST(Pca, InverseMapReconstructsWithinThePlane)
{
    const Stretched s = stretched();
    const PcaMap pca = fitPca(s.x, 2);
    const torch::Tensor xy = pca.project(s.x);
    const torch::Tensor back = pca.inverse(xy);
    // What is lost is exactly the part outside the plane: the 0.1-scale directions.
    const double residual = (back - s.x).pow(2).sum(1).mean().item<double>();
    EXPECT_NEAR(residual, 3 * 0.01 * 1999.0 / 2000.0, 2e-3);
    // A point already in the plane comes back exactly, and its coordinates are the ones it was built from.
    const torch::Tensor planePoint = pca.mean + 3.0f * pca.components[0] - 1.5f * pca.components[1];
    EXPECT_TRUE(torch::allclose(pca.project(planePoint.unsqueeze(0)), torch::tensor({{3.0f, -1.5f}}), 1e-4, 1e-4));
    EXPECT_TRUE(torch::allclose(pca.inverse(torch::tensor({{3.0f, -1.5f}})), planePoint.unsqueeze(0), 1e-4, 1e-4));
    // The origin of the plane is the mean.
    EXPECT_TRUE(torch::allclose(pca.inverse(torch::zeros({1, 2})), pca.mean.unsqueeze(0)));
}

TEST(Pca, SignsAreFixedAndShapesChecked)
{
    const Stretched s = stretched();
    const PcaMap a = fitPca(s.x, 2), b = fitPca(-s.x, 2);
    // The same directions for x and -x: the largest entry of each component is positive.
    EXPECT_TRUE(torch::allclose(a.components, b.components, 1e-4, 1e-4));
    EXPECT_GT(a.components[0].index({a.components[0].abs().argmax()}).item<float>(), 0.0f);
    EXPECT_NE(latentlab::testing::badInputMessage([&] { fitPca(s.x, 6); }).find("6 components"), std::string::npos);
    latentlab::testing::badInputMessage([&] { fitPca(torch::zeros({1, 3}), 2); });
    latentlab::testing::badInputMessage([&] { a.inverse(torch::zeros({4, 3})); });
}
