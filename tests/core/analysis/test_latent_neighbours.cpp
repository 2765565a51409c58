// The nearest samples in latent space: the same answer as sorting every distance (for both metrics, on random
// latents), ties by index, the sample itself never among them, and a clear sentence for what cannot be asked.
#include "core/analysis/latent_neighbours.h"
#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

using namespace latentlab;
using latentlab::testing::badInputMessage;

namespace {

std::vector<float> randomLatents(std::int64_t rows, std::int64_t dim, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    std::vector<float> z(static_cast<std::size_t>(rows * dim));
    for (float& v : z)
        v = gauss(rng);
    return z;
}

// Every distance, sorted: what the heap must agree with.
std::vector<Neighbour> bruteForce(const std::vector<float>& z, std::int64_t rows, std::int64_t dim, std::int64_t index,
                                  int k, NeighbourMetric metric)
{
    std::vector<Neighbour> all;
    const float* q = z.data() + index * dim;
    for (std::int64_t i = 0; i < rows; ++i) {
        if (i == index)
            continue;
        const float* r = z.data() + i * dim;
        double sq = 0, dot = 0, qq = 0, rr = 0;
        for (std::int64_t j = 0; j < dim; ++j) {
            sq += (double(q[j]) - r[j]) * (double(q[j]) - r[j]);
            dot += double(q[j]) * r[j];
            qq += double(q[j]) * q[j];
            rr += double(r[j]) * r[j];
        }
        const double d = metric == NeighbourMetric::Euclidean ? std::sqrt(sq) : 1.0 - dot / std::sqrt(qq * rr);
        all.push_back({i, d});
    }
    std::sort(all.begin(), all.end(), [](const Neighbour& a, const Neighbour& b) {
        return a.distance < b.distance || (a.distance == b.distance && a.index < b.index);
    });
    all.resize(std::min<std::size_t>(all.size(), static_cast<std::size_t>(k)));
    return all;
}

} // namespace

TEST(LatentNeighbours, MatchBruteForceForBothMetrics)
{
    const std::int64_t rows = 1500, dim = 16;
    const std::vector<float> z = randomLatents(rows, dim, 11);
    for (const NeighbourMetric metric : {NeighbourMetric::Euclidean, NeighbourMetric::Cosine}) {
        for (const std::int64_t index : {std::int64_t{0}, std::int64_t{737}, rows - 1}) {
            for (const int k : {1, 7, 50}) {
                const std::vector<Neighbour> got = nearestNeighbours(z.data(), rows, dim, index, k, metric);
                const std::vector<Neighbour> want = bruteForce(z, rows, dim, index, k, metric);
                ASSERT_EQ(got.size(), want.size());
                for (std::size_t i = 0; i < got.size(); ++i) {
                    EXPECT_EQ(got[i].index, want[i].index) << toString(metric) << " sample " << index << " rank " << i;
                    EXPECT_NEAR(got[i].distance, want[i].distance, 1e-9);
                    EXPECT_NE(got[i].index, index);
                }
                EXPECT_TRUE(std::is_sorted(got.begin(), got.end(), [](const Neighbour& a, const Neighbour& b) {
                    return a.distance < b.distance;
                }));
            }
        }
    }
}

TEST(LatentNeighbours, TiesGoToTheLowerIndexAndTheSampleItselfIsLeftOut)
{
    // Rows 1, 3 and 4 are copies of row 0; row 2 is far. Ranked from row 3: the other copies, lowest first.
    const std::vector<float> z {1, 2, 1, 2, 9, 9, 1, 2, 1, 2};
    const std::vector<Neighbour> got = nearestNeighbours(z.data(), 5, 2, 3, 3);
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0].index, 0);
    EXPECT_EQ(got[1].index, 1);
    EXPECT_EQ(got[2].index, 4);
    for (const Neighbour& n : got)
        EXPECT_EQ(n.distance, 0.0);
    // Cosine sees direction only: (2, 4) points where (1, 2) does.
    const std::vector<float> c {1, 2, 2, 4, -1, -2, 0, 0};
    const std::vector<Neighbour> cos = nearestNeighbours(c.data(), 4, 2, 0, 3, NeighbourMetric::Cosine);
    ASSERT_EQ(cos.size(), 3u);
    EXPECT_EQ(cos[0].index, 1);
    EXPECT_NEAR(cos[0].distance, 0.0, 1e-12);
    EXPECT_EQ(cos[1].index, 3); // a zero latent: at 1 from every other
    EXPECT_DOUBLE_EQ(cos[1].distance, 1.0);
    EXPECT_EQ(cos[2].index, 2);
    EXPECT_NEAR(cos[2].distance, 2.0, 1e-12);
}

TEST(LatentNeighbours, KIsCappedAtTheOtherSamples)
{
    const std::vector<float> z = randomLatents(6, 3, 2);
    EXPECT_EQ(nearestNeighbours(z.data(), 6, 3, 2, 100).size(), 5u);
    const std::vector<float> one {0.5f, 0.5f};
    EXPECT_TRUE(nearestNeighbours(one.data(), 1, 2, 0, 4).empty());
}

TEST(LatentNeighbours, RefusesWhatCannotBeAsked)
{
    const std::vector<float> z = randomLatents(10, 2, 3);
    EXPECT_EQ(badInputMessage([&] { nearestNeighbours(z.data(), 10, 2, 0, 0); }),
              "the number of neighbours must be 1 or more, not 0");
    EXPECT_EQ(badInputMessage([&] { nearestNeighbours(z.data(), 10, 2, 10, 3); }),
              "sample 10 is not in the data (it has 10)");
    EXPECT_EQ(badInputMessage([&] { nearestNeighbours(z.data(), 10, 2, -1, 3); }),
              "sample -1 is not in the data (it has 10)");
    EXPECT_EQ(badInputMessage([&] { neighbourMetricFromString("manhattan"); }),
              "metric \"manhattan\" is not one of euclidean, cosine");
    EXPECT_EQ(neighbourMetricFromString(toString(NeighbourMetric::Cosine)), NeighbourMetric::Cosine);
}

TEST(LatentNeighbours, NaNLatentsSortLast)
{
    const std::vector<float> z {0, 0, NAN, 0, 3, 0, 1, 0};
    const std::vector<Neighbour> got = nearestNeighbours(z.data(), 4, 2, 0, 3);
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0].index, 3);
    EXPECT_EQ(got[1].index, 2);
    EXPECT_EQ(got[2].index, 1);
}

TEST(LatentNeighbours, OnePassOverFashionMnistSizedLatentsIsQuick)
{
    const std::int64_t rows = 70000, dim = 32;
    const std::vector<float> z = randomLatents(rows, dim, 4);
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Neighbour> got = nearestNeighbours(z.data(), rows, dim, 12345, 20, NeighbourMetric::Cosine);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(got.size(), 20u);
    // About 5 ms on one core; the bound leaves room for a machine busy with other builds.
    EXPECT_LT(ms, 1000.0);
}
