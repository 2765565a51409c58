// Attribute vectors and custom axes on latents built by hand, so every answer is known exactly.
#include "core/analysis/custom_axes.h"
#include "core/analysis/latent_directions.h"
#include "core/analysis/projection.h"

#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

#include <torch/torch.h>

using namespace latentlab;
using latentlab::testing::badInputMessage;

namespace {

// Two clusters in 3-d: rows 0..9 around (1, 0, 0), rows 10..19 around (1, 4, 2), each with offsets that
// cancel, so the means are exactly the centres.
torch::Tensor twoClusters()
{
    torch::Tensor z = torch::zeros({20, 3});
    const float offsets[5][3] = {
        {0.5f, 0.f, 0.f}, {-0.5f, 0.f, 0.f}, {0.f, 0.25f, 0.f}, {0.f, -0.25f, 0.f}, {0.f, 0.f, 0.f}};
    for (int i = 0; i < 20; ++i) {
        const float* o = offsets[(i % 10) % 5];
        const float sign = (i % 10) < 5 ? 1.f : -1.f;
        const bool b = i >= 10;
        z[i][0] = 1.f + sign * o[0];
        z[i][1] = (b ? 4.f : 0.f) + sign * o[1];
        z[i][2] = (b ? 2.f : 0.f) + sign * o[2];
    }
    return z;
}

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to)
{
    std::vector<std::int64_t> r;
    for (std::int64_t i = from; i < to; ++i)
        r.push_back(i);
    return r;
}

LatentSet setOf(const std::string& name, std::vector<std::int64_t> rows)
{
    return {name, std::move(rows)};
}

double coord(const torch::Tensor& t, std::int64_t i, std::int64_t j)
{
    return t[i][j].item<double>();
}

AxesRequest xOnly(LatentSet a, LatentSet b)
{
    AxesRequest r;
    r.xFrom = std::move(a);
    r.xTo = std::move(b);
    return r;
}

} // namespace

TEST(LatentDirections, TheVectorRunsBetweenTheClusterMeans)
{
    const torch::Tensor z = twoClusters();
    const LatentSet a = setOf("set A", range(0, 10)), b = setOf("set B", range(10, 20));
    EXPECT_TRUE(torch::allclose(meanLatent(z, a), torch::tensor({1.f, 0.f, 0.f})));
    const AttributeVector v = attributeVector(z, a, b);
    EXPECT_TRUE(torch::allclose(v.from, torch::tensor({1.f, 0.f, 0.f})));
    EXPECT_TRUE(torch::allclose(v.to, torch::tensor({1.f, 4.f, 2.f})));
    EXPECT_TRUE(torch::allclose(v.vector, torch::tensor({0.f, 4.f, 2.f})));

    // Positions along v: mean(A) at 0, mean(B) at 1, and a step of t along v adds exactly t.
    const std::vector<double> t = alongVector(v, torch::stack({v.from, v.to, v.from + 0.25 * v.vector}));
    ASSERT_EQ(t.size(), 3u);
    EXPECT_NEAR(t[0], 0.0, 1e-12);
    EXPECT_NEAR(t[1], 1.0, 1e-12);
    EXPECT_NEAR(t[2], 0.25, 1e-7);

    const torch::Tensor strip = attributeStrip(z[3], v, 2.0, 5);
    ASSERT_EQ(strip.sizes(), (std::vector<std::int64_t>{5, 3}));
    EXPECT_TRUE(torch::allclose(strip[0], z[3] - 2 * v.vector));
    EXPECT_TRUE(torch::equal(strip[2], z[3]));
    EXPECT_TRUE(torch::allclose(strip[4], z[3] + 2 * v.vector));
}

TEST(LatentDirections, SeparatedSetsHaveAurocOneAndSwappedSetsZero)
{
    const torch::Tensor z = twoClusters();
    const LatentSet a = setOf("set A", range(0, 10)), b = setOf("set B", range(10, 20));
    const Separation s = separation(z, a, b);
    ASSERT_EQ(s.fromPositions.size(), 10u);
    ASSERT_EQ(s.toPositions.size(), 10u);
    EXPECT_DOUBLE_EQ(s.auroc, 1.0);
    // The offsets along y move a latent 0.25 * 4 / 20 = 0.05 along v.
    EXPECT_NEAR(s.fromPositions[2], 0.05, 1e-6);
    EXPECT_NEAR(s.toPositions[2], 1.05, 1e-6);
    EXPECT_DOUBLE_EQ(separation(z, b, a).auroc, 1.0); // the vector turns round with the sets

    // One member of B counted in A too: it ties with itself, and A's member there lies above most of B.
    std::vector<std::int64_t> withStray = range(0, 10);
    withStray.push_back(12);
    const double mixed = separation(z, setOf("A and a stray", withStray), b).auroc;
    EXPECT_LT(mixed, 1.0);
    EXPECT_GT(mixed, 0.85);
}

TEST(LatentDirections, EmptyOutOfRangeAndEqualSetsAreRefused)
{
    const torch::Tensor z = twoClusters();
    const LatentSet a = setOf("class Trouser", range(0, 10));
    std::string m = badInputMessage([&] { meanLatent(z, setOf("class Bag", {})); });
    EXPECT_NE(m.find("class Bag is empty"), std::string::npos) << m;
    m = badInputMessage([&] { meanLatent(z, setOf("set odd", {3, 20})); });
    EXPECT_NE(m.find("sample 20"), std::string::npos) << m;
    EXPECT_NE(m.find("set odd"), std::string::npos) << m;
    m = badInputMessage([&] { meanLatent(z, setOf("set odd", {-1})); });
    EXPECT_NE(m.find("sample -1"), std::string::npos) << m;
    m = badInputMessage([&] { attributeVector(z, a, setOf("the same", range(0, 10))); });
    EXPECT_NE(m.find("same mean"), std::string::npos) << m;
    EXPECT_EQ(std::count(m.begin(), m.end(), '\n'), 0);
    m = badInputMessage([&] { attributeStrip(torch::zeros({4}), attributeVector(z, a, setOf("B", {12})), 2.0, 9); });
    EXPECT_NE(m.find("dimensions"), std::string::npos) << m;
}

TEST(CustomAxes, APointBuiltOnThePlaneProjectsToItsCoordinatesAndBack)
{
    // Non-orthogonal axes in 4-d with zero points off the plane's origin.
    const torch::Tensor xZero = torch::tensor({1.f, 2.f, 0.f, -1.f});
    const torch::Tensor a = torch::tensor({2.f, 0.f, 1.f, 0.f});
    const torch::Tensor yZero = torch::tensor({0.f, 0.f, 3.f, 1.f});
    const torch::Tensor b = torch::tensor({1.f, 1.f, 0.f, 0.5f});
    const AxesMap map = axesThrough(xZero, a, yZero, b);
    const torch::Tensor z = map.origin + 0.3 * a + 0.7 * b;
    const torch::Tensor xy = map.project(z.unsqueeze(0));
    EXPECT_NEAR(coord(xy, 0, 0), 0.3, 1e-6);
    EXPECT_NEAR(coord(xy, 0, 1), 0.7, 1e-6);
    EXPECT_TRUE(torch::allclose(map.inverse(xy)[0], z, 1e-6, 1e-6));
    EXPECT_TRUE(torch::allclose(map.inverse(torch::tensor({{0.3f, 0.7f}}))[0], z, 1e-6, 1e-6));
    // x is 0 at its zero point, and y at its own, wherever they lie off the plane.
    EXPECT_NEAR(coord(map.project(xZero.unsqueeze(0)), 0, 0), 0.0, 1e-6);
    EXPECT_NEAR(coord(map.project(yZero.unsqueeze(0)), 0, 1), 0.0, 1e-6);
    // A latent off the plane lands at its least-squares coordinates: the offset orthogonal to both axes
    // does not move it.
    const torch::Tensor normal = torch::tensor({1.f, -1.f, -2.f, 0.f}); // . a = 0, . b = 0
    const torch::Tensor off = map.project((z + 5 * normal).unsqueeze(0));
    EXPECT_NEAR(coord(off, 0, 0), 0.3, 1e-5);
    EXPECT_NEAR(coord(off, 0, 1), 0.7, 1e-5);

    std::string m = badInputMessage([&] { axesThrough(xZero, a, yZero, -2.5 * a); });
    EXPECT_NE(m.find("parallel"), std::string::npos) << m;
    m = badInputMessage([&] { axesThrough(xZero, torch::zeros({4}), yZero, b); });
    EXPECT_NE(m.find("no length"), std::string::npos) << m;
}

TEST(CustomAxes, FourSetsPutTheirMeansAtZeroAndOne)
{
    // Four clusters of one point each plus the same offsets: A, B, C, D means known.
    torch::manual_seed(3);
    const torch::Tensor means = torch::tensor({{0.f, 0.f, 0.f}, {2.f, 0.f, 0.f}, {0.f, 1.f, 1.f}, {1.f, 3.f, 1.f}});
    torch::Tensor z = torch::zeros({8, 3});
    for (int k = 0; k < 4; ++k) {
        z[2 * k] = means[k] + torch::tensor({0.1f, -0.2f, 0.3f});
        z[2 * k + 1] = means[k] - torch::tensor({0.1f, -0.2f, 0.3f});
    }
    AxesRequest r{setOf("A", {0, 1}), setOf("B", {2, 3}), setOf("C", {4, 5}), setOf("D", {6, 7})};
    const AxesMap map = fitAxes(z, r);
    EXPECT_TRUE(map.yFromSets);
    const torch::Tensor xy = map.project(means);
    EXPECT_NEAR(coord(xy, 0, 0), 0.0, 1e-6); // mean(A): x = 0
    EXPECT_NEAR(coord(xy, 1, 0), 1.0, 1e-6); // mean(B): x = 1
    EXPECT_NEAR(coord(xy, 2, 1), 0.0, 1e-6); // mean(C): y = 0
    EXPECT_NEAR(coord(xy, 3, 1), 1.0, 1e-6); // mean(D): y = 1
    EXPECT_TRUE(torch::allclose(map.basis[0], means[1] - means[0]));
    EXPECT_TRUE(torch::allclose(map.basis[1], means[3] - means[2]));

    r.yTo = setOf("D2", {0, 1, 2, 3}); // mean (1, 0, 0) - mean(C) = (1, -1, -1): not parallel, fine
    EXPECT_NO_THROW(fitAxes(z, r));
    r.yFrom = setOf("C2", {0, 1});
    r.yTo = setOf("D3", {2, 3}); // the same direction as x
    std::string m = badInputMessage([&] { fitAxes(z, r); });
    EXPECT_NE(m.find("parallel"), std::string::npos) << m;
    r.yTo = setOf("D4", {0, 1});
    m = badInputMessage([&] { fitAxes(z, r); });
    EXPECT_NE(m.find("same mean"), std::string::npos) << m;
    r.yTo.reset();
    m = badInputMessage([&] { fitAxes(z, r); });
    EXPECT_NE(m.find("two sets"), std::string::npos) << m;
    m = badInputMessage([&] { fitAxes(z, xOnly(setOf("A", {0, 1}), setOf("B", {9}))); });
    EXPECT_NE(m.find("sample 9"), std::string::npos) << m;
    m = badInputMessage([&] { fitAxes(torch::zeros({4, 1}), xOnly(setOf("A", {0}), setOf("B", {1}))); });
    EXPECT_NE(m.find("at least 2 dimensions"), std::string::npos) << m;
}

TEST(CustomAxes, WithoutYSetsYIsTheMainSpreadOrthogonalToX)
{
    // x from A to B along e0; the data spreads most along e0 (ignored: it is x) and then along e2.
    torch::Tensor z = torch::zeros({6, 3});
    const float rows[6][3] = {{0, 0, 0}, {0, 0.1f, 0}, {5, 0, 0}, {5, -0.1f, 0}, {2, 0, 3}, {3, 0, -3}};
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 3; ++j)
            z[i][j] = rows[i][j];
    const AxesMap map = fitAxes(z, xOnly(setOf("A", {0, 1}), setOf("B", {2, 3})));
    EXPECT_FALSE(map.yFromSets);
    EXPECT_NEAR(std::abs(map.basis[1][2].item<double>()), 1.0, 1e-5);
    EXPECT_NEAR(map.basis[1].dot(map.basis[0]).item<double>(), 0.0, 1e-6);
    const torch::Tensor xy = map.project(z);
    EXPECT_NEAR(coord(xy, 0, 0) + coord(xy, 1, 0), 0.0, 1e-6);  // mean(A) at x = 0
    EXPECT_NEAR(coord(xy, 2, 0) + coord(xy, 3, 0), 2.0, 1e-6);  // mean(B) at x = 1
    EXPECT_NEAR(xy.select(1, 1).sum().item<double>(), 0.0, 1e-5); // the data centred on y = 0
    // Exactly invertible on the plane.
    const torch::Tensor back = map.project(map.inverse(torch::tensor({{0.3f, 0.7f}})));
    EXPECT_NEAR(coord(back, 0, 0), 0.3, 1e-6);
    EXPECT_NEAR(coord(back, 0, 1), 0.7, 1e-6);

    // Latents on one line leave no second direction.
    const torch::Tensor line = torch::tensor({{0.f, 0.f}, {1.f, 1.f}, {2.f, 2.f}});
    const std::string m = badInputMessage([&] { fitAxes(line, xOnly(setOf("A", {0}), setOf("B", {2}))); });
    EXPECT_NE(m.find("x axis alone"), std::string::npos) << m;
}

TEST(CustomAxes, AsAProjectionLayout)
{
    const torch::Tensor z = twoClusters();
    ProjectionRequest r;
    r.method = ProjectionMethod::Axes;
    std::string m = badInputMessage([&] { project(z, r); });
    EXPECT_NE(m.find("x axis"), std::string::npos) << m;
    r.axes = xOnly(setOf("class 0", range(0, 10)), setOf("class 1", range(10, 20)));
    const Projection p = project(z, r);
    ASSERT_TRUE(p.axes.has_value());
    EXPECT_EQ(p.points(), 20);
    EXPECT_TRUE(torch::allclose(p.xy, p.axes->project(z)));
    EXPECT_NE(p.describe().find("custom axes of 3-d latents (x from class 0 to class 1"), std::string::npos)
        << p.describe();
    EXPECT_EQ(projectionMethodFromString("axes"), ProjectionMethod::Axes);
    EXPECT_EQ(toString(ProjectionMethod::Axes), "axes");
    // A subset is placed by the axes of every row.
    r.rows = {3, 12};
    const Projection some = project(z, r);
    EXPECT_TRUE(torch::allclose(some.xy[1], p.xy[12]));
}
