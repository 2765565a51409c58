// The tiled exact k-NN search (core/analysis/exact_neighbours.h) against brute force: sizes that straddle its
// 64-row and 1024-column tiles, ties, one and two threads, bad input and a stop from the progress callback.
#include "core/analysis/exact_neighbours.h"

#include "tests/support/expect_error.h"

#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

using namespace latentlab;

namespace {

// Brute force in double: every pair's squared distance, the point itself left out, the k smallest by
// (distance, index).
tsne::Neighbours bruteForce(const torch::Tensor& x, std::int64_t k)
{
    const torch::Tensor xd = x.to(torch::kFloat64);
    torch::Tensor d = (xd.unsqueeze(1) - xd.unsqueeze(0)).pow(2).sum(2);
    d.fill_diagonal_(std::numeric_limits<double>::infinity());
    // A stable sort keeps equal distances in index order, which is the search's tie rule.
    auto [dist, idx] = d.sort(/*stable=*/true, 1, false);
    return {idx.narrow(1, 0, k).contiguous(), dist.narrow(1, 0, k).contiguous()};
}

// Restores the calling thread's LibTorch thread count when a test changed it.
struct ThreadCount {
    explicit ThreadCount(int n) : saved(at::get_num_threads()) { at::set_num_threads(n); }
    ~ThreadCount() { at::set_num_threads(saved); }
    int saved;
};

} // namespace

// Small integer coordinates: every product is exact in float, so the search's ranking is the exact one and the
// indices must match brute force exactly, ties (there are many) included.
TEST(ExactNeighbours, MatchBruteForceAcrossTilesWithTies)
{
    torch::manual_seed(5);
    const torch::Tensor x = torch::randint(-4, 5, {2113, 3}).to(torch::kFloat32);
    for (const int threads : {1, 2}) {
        ThreadCount count(threads);
        tsne::ChunkRunner runner(threads);
        for (const std::int64_t k : {1, 7, 70}) {
            const tsne::Neighbours got = tsne::nearestNeighbours(x, k, runner);
            const tsne::Neighbours want = bruteForce(x, k);
            EXPECT_TRUE(torch::equal(got.indices, want.indices)) << "k " << k << ", threads " << threads;
            EXPECT_TRUE(torch::equal(got.distances, want.distances)) << "k " << k << ", threads " << threads;
        }
    }
}

// Real-valued data: the chosen distances are brute force's to rounding, each is the exact distance to the
// index it names, and no row lists itself or a point twice.
TEST(ExactNeighbours, RealValuedDistancesAreExact)
{
    torch::manual_seed(6);
    const torch::Tensor x = torch::randn({1500, 9});
    tsne::ChunkRunner runner(2);
    const tsne::Neighbours got = tsne::nearestNeighbours(x, 12, runner);
    const tsne::Neighbours want = bruteForce(x, 12);
    EXPECT_TRUE(torch::allclose(got.distances, want.distances, 1e-5, 1e-6));
    const torch::Tensor xd = x.to(torch::kFloat64);
    const torch::Tensor rows = torch::arange(1500).unsqueeze(1).expand({1500, 12});
    const torch::Tensor direct = (xd.index_select(0, got.indices.flatten()) - xd.index_select(0, rows.flatten()))
                                     .pow(2)
                                     .sum(1)
                                     .reshape({1500, 12});
    EXPECT_TRUE(torch::allclose(got.distances, direct, 1e-12, 1e-12));
    EXPECT_FALSE(got.indices.eq(rows).any().item<bool>());
    const torch::Tensor sorted = std::get<0>(got.indices.sort(1));
    EXPECT_FALSE(sorted.narrow(1, 1, 11).eq(sorted.narrow(1, 0, 11)).any().item<bool>());
}

TEST(ExactNeighbours, KOfAllTheOthers)
{
    const torch::Tensor x = torch::tensor({0.0f, 1.0f, 3.0f, 7.0f}).unsqueeze(1);
    tsne::ChunkRunner runner(1);
    const tsne::Neighbours nn = tsne::nearestNeighbours(x, 3, runner);
    EXPECT_TRUE(torch::equal(nn.indices[3], torch::tensor({2, 1, 0}, torch::kInt64)));
    EXPECT_TRUE(torch::equal(nn.distances[0], torch::tensor({1.0, 9.0, 49.0}, torch::kFloat64)));
}

TEST(ExactNeighbours, RefusesWhatHasNoAnswer)
{
    tsne::ChunkRunner runner(1);
    EXPECT_NE(latentlab::testing::badInputMessage([&] { tsne::nearestNeighbours(torch::zeros({3, 2}), 3, runner); })
                  .find("more than k = 3 rows"),
              std::string::npos);
    torch::Tensor x = torch::randn({10, 2});
    x[4][1] = std::numeric_limits<float>::quiet_NaN();
    EXPECT_NE(latentlab::testing::badInputMessage([&] { tsne::nearestNeighbours(x, 2, runner); }).find("NaN"),
              std::string::npos);
}

// A progress callback that throws (how a cancelled job stops) ends the search with that exception, from
// either thread count, before the rows run out.
TEST(ExactNeighbours, AThrowingProgressStopsTheSearch)
{
    const torch::Tensor x = torch::randn({5000, 4});
    for (const int threads : {1, 2}) {
        ThreadCount count(threads);
        tsne::ChunkRunner runner(threads);
        double last = 0.0;
        int calls = 0;
        EXPECT_THROW(tsne::nearestNeighbours(x, 5, runner,
                                             [&](double f) {
                                                 last = f;
                                                 if (++calls == 3)
                                                     throw std::runtime_error("stop");
                                             }),
                     std::runtime_error);
        EXPECT_EQ(calls, 3);
        EXPECT_GT(last, 0.0);
        EXPECT_LT(last, 1.0);
    }
}
