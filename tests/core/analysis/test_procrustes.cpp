// Procrustes alignment on layouts whose relation is known by construction.
#include "core/analysis/procrustes.h"

#include "tests/support/expect_error.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

using namespace latentlab;
using latentlab::testing::badInputMessage;

namespace {

torch::Tensor rotation2(double radians, bool reflect)
{
    const double c = std::cos(radians), s = std::sin(radians);
    torch::Tensor r = torch::tensor({c, -s, s, c}, torch::kFloat64).view({2, 2});
    if (reflect)
        r = torch::matmul(torch::tensor({1.0, 0.0, 0.0, -1.0}, torch::kFloat64).view({2, 2}), r);
    return r;
}

// Three clusters that are not symmetric, so only one rotation carries a copy back.
torch::Tensor layout()
{
    torch::manual_seed(3);
    const torch::Tensor centres = torch::tensor({0.0, 0.0, 5.0, 1.0, 1.0, 7.0}, torch::kFloat64).view({3, 2});
    return (centres.repeat_interleave(40, 0) + 0.3 * torch::randn({120, 2}, torch::kFloat64)).to(torch::kFloat32);
}

} // namespace

TEST(Procrustes, AlignsARotatedReflectedScaledShiftedCopyBackExactly)
{
    const torch::Tensor reference = layout();
    for (const bool reflect : {false, true}) {
        const torch::Tensor r = rotation2(2.1, reflect);
        const torch::Tensor moved =
            (0.25 * torch::matmul(reference.to(torch::kFloat64), r) + torch::tensor({40.0, -3.0}, torch::kFloat64))
                .to(torch::kFloat32);
        const ProcrustesFit fit = fitProcrustes(reference, moved);
        EXPECT_NEAR(fit.scale, 4.0, 1e-4);
        EXPECT_LT(fit.residual, 1e-9);
        const double det = torch::linalg_det(fit.rotation).item<double>();
        EXPECT_NEAR(det, reflect ? -1.0 : 1.0, 1e-9) << "a reflection is found as a reflection";
        EXPECT_LT((fit.apply(moved) - reference).abs().max().item<float>(), 1e-4f);
    }
}

TEST(Procrustes, TheFitOnSharedPointsCarriesTheRestToo)
{
    const torch::Tensor reference = layout();
    const torch::Tensor moved = torch::matmul(reference.to(torch::kFloat64), rotation2(-0.7, true)).to(torch::kFloat32);
    // Fitted on the first 60 points only; the other 60 follow the same transform.
    const ProcrustesFit fit = fitProcrustes(reference.slice(0, 0, 60), moved.slice(0, 0, 60));
    EXPECT_LT((fit.apply(moved) - reference).abs().max().item<float>(), 1e-4f);
}

TEST(Procrustes, NoisyCopyLeavesAResidualBetweenNoneAndOne)
{
    const torch::Tensor reference = layout();
    torch::manual_seed(5);
    const torch::Tensor noisy = reference + 0.5 * torch::randn_like(reference);
    const ProcrustesFit fit = fitProcrustes(reference, noisy);
    EXPECT_GT(fit.residual, 1e-3);
    EXPECT_LT(fit.residual, 0.2);
    // Unrelated points explain nothing of the reference.
    const ProcrustesFit none = fitProcrustes(reference, torch::randn({120, 2}));
    EXPECT_GT(none.residual, 0.8);
}

TEST(Procrustes, ALayoutWithoutSpreadIsOnlyShifted)
{
    const torch::Tensor reference = layout();
    const torch::Tensor same = torch::full({120, 2}, 3.0f);
    const ProcrustesFit fit = fitProcrustes(reference, same);
    EXPECT_EQ(fit.scale, 1.0);
    EXPECT_TRUE(torch::allclose(fit.apply(same), reference.mean(0).expand({120, 2}), 1e-5, 1e-5));
    const ProcrustesFit one = fitProcrustes(reference.slice(0, 0, 1), same.slice(0, 0, 1));
    EXPECT_TRUE(torch::allclose(one.apply(same.slice(0, 0, 1)), reference.slice(0, 0, 1), 1e-5, 1e-5));
}

TEST(Procrustes, MismatchedOrNonFiniteLayoutsAreRefused)
{
    const torch::Tensor reference = layout();
    EXPECT_NE(badInputMessage([&] { fitProcrustes(reference, reference.slice(0, 0, 10)); }).find("same samples"),
              std::string::npos);
    torch::Tensor bad = reference.clone();
    bad[4][1] = std::nanf("");
    EXPECT_NE(badInputMessage([&] { fitProcrustes(reference, bad); }).find("non-finite"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { fitProcrustes(torch::zeros({0, 2}), torch::zeros({0, 2})); }).find("same samples"),
              std::string::npos);
}
