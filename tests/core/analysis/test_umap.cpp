// UMAP: the parts against what umap-learn computes (the fitted curve, the smooth-kNN calibration, the fuzzy
// union), and the whole on data whose answer is known: separated blobs stay separated, a ring stays a ring,
// the seed alone fixes the layout, a stop returns where it was.
#include "core/analysis/fast_pow.h"
#include "core/analysis/projection.h"
#include "core/analysis/trustworthiness.h"
#include "core/analysis/umap.h"
#include "core/analysis/umap_graph.h"
#include "core/analysis/umap_init.h"

#include "tests/core/analysis/layout_fixtures.h"
#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace latentlab;
using latentlab::testing::blobs;
using latentlab::testing::knnPurity;

namespace {

UmapOptions quickUmap(int epochs = 100)
{
    UmapOptions o;
    o.epochs = epochs;
    o.threads = 2;
    return o;
}

// n points on a unit circle in the first two of 10 dimensions, a little noise in all of them.
torch::Tensor ring(std::int64_t n)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(3);
    const torch::Tensor t = torch::arange(n, torch::kFloat32) * (2.0 * M_PI / static_cast<double>(n));
    torch::Tensor x = torch::randn({n, 10}, gen) * 0.01;
    x.select(1, 0) += t.cos();
    x.select(1, 1) += t.sin();
    return x;
}

} // namespace

TEST(UmapFastPow, WithinATenThousandthOfLibm)
{
    double worst = 0.0;
    for (const float b : {0.8950609f, 0.5f, 1.0f, 1.5f})
        for (float x = 1e-6f; x < 1e6f; x *= 1.0137f) {
            const double exact = std::pow(static_cast<double>(x), static_cast<double>(b));
            worst = std::max(worst, std::abs(umap::fastPow(x, b) - exact) / exact);
        }
    EXPECT_LT(worst, 1e-4);
    EXPECT_FLOAT_EQ(umap::fastPow(1.0f, 0.9f), 1.0f);
}

TEST(UmapCurve, DefaultsGiveUmapLearnsAandB)
{
    // umap-learn 0.5.3: find_ab_params(1.0, 0.1) = (1.5769434603, 0.8950608781).
    const umap::Curve c = umap::fitCurve(1.0, 0.1);
    EXPECT_NEAR(c.a, 1.5769, 2e-3);
    EXPECT_NEAR(c.b, 0.8951, 2e-3);
    // A larger min_dist flattens the top of the curve: a smaller a, a larger b.
    const umap::Curve wide = umap::fitCurve(1.0, 0.5);
    EXPECT_LT(wide.a, c.a);
    EXPECT_GT(wide.b, c.b);
}

TEST(UmapGraph, CalibrationHitsLog2KAndSurvivesDuplicates)
{
    const double d[] = {0.5, 0.7, 0.8, 1.1, 1.3, 2.0, 2.2};
    const umap::Calibration c = umap::calibrate(d, 7, 1.0);
    EXPECT_DOUBLE_EQ(c.rho, 0.5);
    double sum = 0.0;
    for (const double v : d)
        sum += std::exp(-std::max(0.0, v - c.rho) / c.sigma);
    EXPECT_NEAR(sum, std::log2(8.0), 1e-4);

    // Every neighbour on top of the point: no distance above 0, so rho stays 0 and sigma takes the floor of
    // 1e-3 times the set's mean distance rather than 0 (which would divide by zero below).
    const double same[] = {0.0, 0.0, 0.0, 0.0};
    const umap::Calibration dup = umap::calibrate(same, 4, 2.0);
    EXPECT_EQ(dup.rho, 0.0);
    EXPECT_GT(dup.sigma, 0.0);
    EXPECT_TRUE(std::isfinite(dup.sigma));
}

TEST(UmapGraph, TheFuzzyUnionIsSymmetricWithWeightsInZeroOne)
{
    // Four points on a line; each keeps its 2 nearest.
    const torch::Tensor idx = torch::tensor({1, 2, 0, 2, 1, 3, 2, 1}, torch::kInt64).view({4, 2});
    const torch::Tensor dist = torch::tensor({1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0}, torch::kFloat64).view({4, 2});
    tsne::ChunkRunner runner(1);
    const umap::FuzzyGraph g = umap::fuzzySimplicialSet(idx, dist, 0, runner);
    ASSERT_EQ(g.rows(), 4);
    auto weight = [&](int i, int j) {
        for (auto e = g.rowStart[static_cast<std::size_t>(i)]; e < g.rowStart[static_cast<std::size_t>(i) + 1]; ++e)
            if (g.cols[static_cast<std::size_t>(e)] == j)
                return g.weights[static_cast<std::size_t>(e)];
        return 0.0f;
    };
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(weight(i, i), 0.0f);
        for (int j = 0; j < 4; ++j) {
            EXPECT_EQ(weight(i, j), weight(j, i)) << i << "," << j;
            EXPECT_LE(weight(i, j), 1.0f);
        }
    }
    // The nearest neighbour is at rho: membership 1 both ways, and the union of 1 with anything is 1.
    EXPECT_FLOAT_EQ(weight(0, 1), 1.0f);
    // 0 -> 2 (2 away, 1 beyond rho) and 2 never chose 0: the union is that one membership, below 1.
    EXPECT_GT(weight(0, 2), 0.0f);
    EXPECT_LT(weight(0, 2), 1.0f);
    EXPECT_EQ(weight(0, 3), 0.0f);
}

TEST(Umap, SeparatedBlobsStaySeparatedAndTrustworthy)
{
    const auto b = blobs();
    const UmapResult r = runUmap(b.x, quickUmap(200));
    ASSERT_EQ(r.layout.sizes(), (std::vector<std::int64_t>{300, 2}));
    EXPECT_TRUE(torch::isfinite(r.layout).all().item<bool>());
    EXPECT_GT(knnPurity(r.layout, b.labels, 10), 0.99);
    EXPECT_GT(trustworthiness(b.x, r.layout, 10), 0.9);
    EXPECT_EQ(r.epochs, 200);
    EXPECT_FALSE(r.stoppedEarly);
    EXPECT_EQ(r.neighbours, 15);
    // Blobs 20 apart share no neighbours: the graph is in pieces, so the start is PCA's.
    EXPECT_EQ(r.init, "pca");
}

TEST(Umap, ARingStartsSpectralAndStaysARing)
{
    // Above the dense-eigensolver limit, so the Lanczos path gives the start.
    const torch::Tensor x = ring(800);
    const UmapResult r = runUmap(x, quickUmap(100));
    EXPECT_EQ(r.init, "spectral");
    EXPECT_GT(trustworthiness(x, r.layout, 10), 0.95);
    // Consecutive points of the ring stay close: the median gap is far below the layout's size.
    const torch::Tensor gaps = (r.layout - r.layout.roll(1, 0)).norm(2, 1);
    const double extent = (std::get<0>(r.layout.max(0)) - std::get<0>(r.layout.min(0))).norm().item<double>();
    EXPECT_LT(gaps.median().item<double>(), 0.05 * extent);
}

TEST(Umap, TheSeedAloneFixesTheLayout)
{
    const auto b = blobs(7, 240);
    UmapOptions o = quickUmap(60);
    o.seed = 11;
    const UmapResult one = runUmap(b.x, o);
    EXPECT_TRUE(torch::equal(one.layout, runUmap(b.x, o).layout));
    o.threads = 1; // each point's moves do not depend on which thread makes them
    EXPECT_TRUE(torch::equal(one.layout, runUmap(b.x, o).layout));
    o.seed = 12;
    EXPECT_FALSE(torch::equal(one.layout, runUmap(b.x, o).layout));
}

TEST(Umap, AStopReturnsTheLayoutOfThatEpoch)
{
    const auto b = blobs();
    AnalysisControl control;
    UmapOptions o = quickUmap(200);
    o.streamEvery = 1;
    std::vector<int> seen;
    torch::Tensor atTen;
    const UmapResult r = runUmap(b.x, o, &control, [&](const UmapSnapshot& s) {
        seen.push_back(s.epoch);
        EXPECT_EQ(s.epochs, 200);
        if (s.epoch == 10) {
            atTen = s.layout.clone();
            control.cancel();
        }
    });
    EXPECT_TRUE(r.stoppedEarly);
    EXPECT_EQ(r.epochs, 10);
    EXPECT_EQ(seen.size(), 10u);
    EXPECT_TRUE(torch::equal(r.layout, atTen));

    // Stopped before it started: the PCA start, with nothing optimised.
    AnalysisControl stopped;
    stopped.cancel();
    const UmapResult none = runUmap(b.x, quickUmap(), &stopped);
    EXPECT_TRUE(none.stoppedEarly);
    EXPECT_EQ(none.epochs, 0);
    EXPECT_TRUE(torch::isfinite(none.layout).all().item<bool>());
}

TEST(Umap, DuplicateHeavyInputDoesNotBreakTheSearch)
{
    // 300 rows, 270 of them copies of three points: most neighbours are at distance 0.
    auto gen = at::make_generator<at::CPUGeneratorImpl>(9);
    const torch::Tensor three = torch::randn({3, 6}, gen) * 5.0;
    torch::Tensor x = three.index_select(0, torch::arange(270, torch::kInt64) % 3);
    x = torch::cat({x, torch::randn({30, 6}, gen) * 5.0});
    const UmapResult r = runUmap(x, quickUmap(50));
    EXPECT_TRUE(torch::isfinite(r.layout).all().item<bool>());
    EXPECT_GT(r.edges, 0);
    // Copies of one point end up together, far from the copies of another.
    const torch::Tensor labels = torch::cat({torch::arange(270, torch::kInt64) % 3, torch::arange(3, 33, torch::kInt64)});
    EXPECT_GT(knnPurity(r.layout.narrow(0, 0, 270), labels.narrow(0, 0, 270), 5), 0.95);
}

TEST(Umap, CosineIgnoresTheLengthOfEachRow)
{
    const auto b = blobs(4, 150);
    // Powers of two, so the rows scaled to length 1 are the same floats.
    const torch::Tensor scale = torch::pow(2.0, torch::arange(150, torch::kFloat32).remainder(5)).unsqueeze(1);
    UmapOptions o = quickUmap(40);
    o.metric = UmapMetric::Cosine;
    EXPECT_TRUE(torch::equal(runUmap(b.x, o).layout, runUmap(b.x * scale, o).layout));
    EXPECT_TRUE(umapMetricFromString("cosine") == UmapMetric::Cosine);
    EXPECT_NE(latentlab::testing::badInputMessage([] { umapMetricFromString("manhattan"); }).find("euclidean or cosine"),
              std::string::npos);
}

TEST(Umap, TinyInputsAndBadOptionsGiveAClearAnswer)
{
    for (const std::int64_t n : {1, 2}) {
        const std::string m = latentlab::testing::badInputMessage([&] { runUmap(torch::randn({n, 4})); });
        EXPECT_NE(m.find("at least 3 points"), std::string::npos) << m;
        EXPECT_NE(m.find("has " + std::to_string(n)), std::string::npos) << m;
    }
    // Three points: the neighbours shrink to what there is.
    const UmapResult three = runUmap(torch::randn({3, 4}), quickUmap(20));
    EXPECT_EQ(three.neighbours, 3);
    EXPECT_TRUE(torch::isfinite(three.layout).all().item<bool>());

    const torch::Tensor x = torch::randn({20, 3});
    UmapOptions o;
    o.neighbours = 1;
    EXPECT_NE(latentlab::testing::badInputMessage([&] { runUmap(x, o); }).find("neighbours"), std::string::npos);
    o = {};
    o.minDist = 2.0;
    EXPECT_NE(latentlab::testing::badInputMessage([&] { runUmap(x, o); }).find("minimum distance"), std::string::npos);
    torch::Tensor bad = x.clone();
    bad[3][1] = std::nanf("");
    EXPECT_NE(latentlab::testing::badInputMessage([&] { runUmap(bad); }).find("NaN"), std::string::npos);
}

TEST(Umap, ProjectRunsItAndStreamsItsEpochs)
{
    const auto b = blobs(6, 120);
    ProjectionRequest request;
    request.method = ProjectionMethod::Umap;
    request.umap = quickUmap(30);
    request.umap.streamEvery = 10;
    std::vector<int> steps;
    const Projection p = project(b.x, request, nullptr, [&](const LayoutSnapshot& s) { steps.push_back(s.step); });
    EXPECT_EQ(steps, (std::vector<int>{10, 20, 30}));
    ASSERT_TRUE(p.umap.has_value());
    EXPECT_FALSE(p.stoppedEarly());
    EXPECT_EQ(p.points(), 120);
    EXPECT_FALSE(hasInverse(ProjectionMethod::Umap));
    EXPECT_NE(p.describe().find("UMAP of 10-d latents (15 neighbours, min_dist 0.1, euclidean, 30/30 epochs)"),
              std::string::npos)
        << p.describe();
    EXPECT_TRUE(projectionMethodFromString("umap") == ProjectionMethod::Umap);
}
