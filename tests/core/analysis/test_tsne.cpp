// t-SNE: the parts (neighbours, affinities, Barnes-Hut) against brute force, and the whole on data whose
// answer is known: well-separated blobs must come out as separate clusters.
#include "core/analysis/barnes_hut.h"
#include "core/analysis/trustworthiness.h"
#include "core/analysis/tsne.h"
#include "core/analysis/tsne_affinities.h"

#include "tests/core/analysis/layout_fixtures.h"
#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace latentlab;
using latentlab::testing::Blobs;
using latentlab::testing::blobs;
using latentlab::testing::knnPurity;

namespace {

TsneOptions quick()
{
    TsneOptions o;
    o.perplexity = 20;
    o.iterations = 400;
    o.exaggerationIterations = 100;
    o.threads = 2;
    return o;
}

} // namespace

TEST(TsneParts, NeighboursAreTheExactNearest)
{
    torch::manual_seed(2);
    const torch::Tensor x = torch::randn({257, 6});
    tsne::ChunkRunner runner(2);
    const tsne::Neighbours nn = tsne::nearestNeighbours(x, 9, runner);
    torch::Tensor d = torch::cdist(x.to(torch::kFloat64), x.to(torch::kFloat64)).pow(2);
    d.fill_diagonal_(std::numeric_limits<double>::infinity());
    auto [dist, idx] = d.topk(9, 1, false);
    EXPECT_TRUE(torch::equal(nn.indices, idx));
    EXPECT_TRUE(torch::allclose(nn.distances, dist, 1e-6, 1e-8));
}

TEST(TsneParts, AffinitiesAreSymmetricAndSumToOne)
{
    torch::manual_seed(3);
    const torch::Tensor x = torch::randn({120, 4});
    tsne::ChunkRunner runner(2);
    const tsne::SparseAffinities p = tsne::jointProbabilities(tsne::nearestNeighbours(x, 30, runner), 10.0, runner);
    torch::Tensor dense = torch::zeros({120, 120}, torch::kFloat64);
    for (std::int64_t i = 0; i < 120; ++i)
        for (auto e = p.rowStart[static_cast<std::size_t>(i)]; e < p.rowStart[static_cast<std::size_t>(i) + 1]; ++e)
            dense[i][p.cols[static_cast<std::size_t>(e)]] = p.values[static_cast<std::size_t>(e)];
    EXPECT_NEAR(dense.sum().item<double>(), 1.0, 1e-12);
    EXPECT_TRUE(torch::allclose(dense, dense.t(), 0, 1e-15));
    EXPECT_EQ(dense.diagonal().abs().sum().item<double>(), 0.0);
}

TEST(TsneParts, EachPointsGaussianHasTheAskedPerplexity)
{
    torch::manual_seed(3);
    // Widely different scales: the search must find very different widths.
    const torch::Tensor x = torch::randn({120, 4}) * torch::linspace(0.01, 100.0, 120).unsqueeze(1);
    tsne::ChunkRunner runner(2);
    const torch::Tensor p = tsne::conditionalProbabilities(tsne::nearestNeighbours(x, 30, runner), 10.0, runner);
    EXPECT_TRUE(torch::allclose(p.sum(1), torch::ones({120}, torch::kFloat64)));
    const torch::Tensor entropy = -(p * p.clamp_min(1e-300).log()).sum(1);
    EXPECT_TRUE(torch::allclose(entropy.exp(), torch::full({120}, 10.0, torch::kFloat64), 1e-4, 0));
    // Nearer neighbours weigh more.
    EXPECT_TRUE((p.narrow(1, 0, 29) >= p.narrow(1, 1, 29)).all().item<bool>());
}

TEST(TsneParts, BarnesHutMatchesBruteForce)
{
    torch::manual_seed(4);
    const torch::Tensor y = (torch::randn({300, 2}, torch::kFloat64) * 5.0).contiguous();
    tsne::QuadTree tree;
    tree.build(y.data_ptr<double>(), 300);
    // Brute force: Z = sum_{i != j} q_ij, F_i = sum_j q_ij^2 (y_i - y_j).
    const torch::Tensor diff = y.unsqueeze(1) - y.unsqueeze(0);
    torch::Tensor q = 1.0 / (1.0 + diff.pow(2).sum(2));
    q.fill_diagonal_(0.0);
    const double z = q.sum().item<double>();
    const torch::Tensor f = (q.pow(2).unsqueeze(2) * diff).sum(1);

    std::vector<double> exact, approx;
    tsne::ChunkRunner runner(2);
    EXPECT_NEAR(tsne::repulsiveForces(tree, 0.0, exact, runner), z, 1e-9 * z);
    const torch::Tensor fe = torch::from_blob(exact.data(), {300, 2}, torch::kFloat64);
    EXPECT_TRUE(torch::allclose(fe, f, 1e-9, 1e-12));
    EXPECT_NEAR(tsne::repulsiveForces(tree, 0.5, approx, runner), z, 0.01 * z);
    const torch::Tensor fa = torch::from_blob(approx.data(), {300, 2}, torch::kFloat64);
    EXPECT_LT((fa - f).norm().item<double>(), 0.05 * f.norm().item<double>());
}

TEST(Tsne, SeparatesWellSeparatedBlobs)
{
    const Blobs b = blobs();
    const TsneResult r = runTsne(b.x, quick());
    ASSERT_EQ(r.layout.sizes(), (std::vector<std::int64_t>{300, 2}));
    EXPECT_EQ(r.iterations, 400);
    EXPECT_FALSE(r.stoppedEarly);
    EXPECT_DOUBLE_EQ(r.learningRate, 50.0); // 'auto': max(300 / 12 / 4, 50)
    EXPECT_EQ(r.neighbours, 61);
    EXPECT_GT(knnPurity(r.layout, b.labels, 10), 0.99);
    // Within a blob the neighbours are noise in 10-d, so a 2-D layout cannot keep all of them: not 1.0.
    const double t = trustworthiness(b.x, r.layout, 10);
    EXPECT_GT(t, 0.9);
    EXPECT_LT(r.klDivergence, 1.5);
}

TEST(Tsne, SameSeedSameLayoutOnAnyThreadCount)
{
    const Blobs b = blobs();
    TsneOptions o = quick();
    o.iterations = 120;
    o.init = TsneInit::Random;
    o.seed = 9;
    const TsneResult a = runTsne(b.x, o);
    const TsneResult again = runTsne(b.x, o);
    EXPECT_TRUE(torch::equal(a.layout, again.layout));
    o.threads = 1;
    EXPECT_TRUE(torch::equal(a.layout, runTsne(b.x, o).layout));
    o.seed = 10;
    EXPECT_FALSE(torch::equal(a.layout, runTsne(b.x, o).layout));
}

TEST(Tsne, StreamsLayoutsAndStopsKeepingTheCurrentOne)
{
    const Blobs b = blobs();
    TsneOptions o = quick();
    o.streamEvery = 25;
    AnalysisControl control;
    std::vector<int> seen;
    torch::Tensor last;
    const TsneResult r = runTsne(b.x, o, &control, [&](const TsneSnapshot& s) {
        seen.push_back(s.iteration);
        last = s.layout;
        EXPECT_EQ(s.exaggerating, s.iteration < 100);
        if (s.iteration == 150)
            control.cancel();
    });
    EXPECT_EQ(seen, (std::vector<int>{25, 50, 75, 100, 125, 150}));
    EXPECT_TRUE(r.stoppedEarly);
    EXPECT_EQ(r.iterations, 150);
    EXPECT_EQ(r.requestedIterations, 400);
    EXPECT_TRUE(torch::equal(r.layout, last));
    // Stopped before the optimisation starts: the initial layout, iteration 0.
    AnalysisControl early;
    early.cancel();
    const TsneResult r0 = runTsne(b.x, o, &early);
    EXPECT_TRUE(r0.stoppedEarly);
    EXPECT_EQ(r0.iterations, 0);
    EXPECT_TRUE(std::isnan(r0.klDivergence));
    EXPECT_EQ(r0.layout.size(0), 300);
}

TEST(Tsne, RefusesWhatItCannotDo)
{
    TsneOptions o;
    o.perplexity = 0;
    latentlab::testing::badInputMessage([&] { runTsne(torch::randn({20, 3}), o); });
    latentlab::testing::badInputMessage([] { runTsne(torch::randn({2, 3})); });
    torch::Tensor bad = torch::randn({20, 3});
    bad[4][1] = std::nan("");
    EXPECT_NE(latentlab::testing::badInputMessage([&] { runTsne(bad); }).find("NaN"), std::string::npos);
    // A tiny set gets the perplexity it can support, and says so.
    TsneOptions small;
    small.iterations = 50;
    const TsneResult r = runTsne(torch::randn({10, 3}), small);
    EXPECT_DOUBLE_EQ(r.perplexity, 3.0);
    EXPECT_EQ(r.neighbours, 9);
}

TEST(Trustworthiness, PerfectForTheSameDataAndLowForNoise)
{
    torch::manual_seed(6);
    const torch::Tensor x = torch::randn({200, 2});
    EXPECT_NEAR(trustworthiness(x, x, 5), 1.0, 1e-12);
    // Unrelated layout: around 0.5 by construction of the measure.
    const double t = trustworthiness(x, torch::randn({200, 2}), 5);
    EXPECT_GT(t, 0.35);
    EXPECT_LT(t, 0.65);
    latentlab::testing::badInputMessage([&] { trustworthiness(x, x, 100); });
}
