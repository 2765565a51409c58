// Interpolation, traversal, manifold grids and the KL ordering, decoded by small untrained models: what is
// checked (ends, shapes, which dimension moves, the order) holds for any weights.
#include "core/analysis/evaluation.h"
#include "core/analysis/latent_walks.h"
#include "core/models/make_model.h"
#include "core/util/errors.h"
#include "tests/core/analysis/analysis_fixtures.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace latentlab;

namespace {

std::shared_ptr<LatentModel> tinyModel(ModelKind kind, std::int64_t latent = 4)
{
    return latentlab::testing::tinyImageModel(kind, 11, latent);
}

Dataset tinyImages()
{
    return latentlab::testing::patternedImages(12, 53, 29);
}

torch::Tensor decodeOne(LatentModel& m, const torch::Tensor& z, const torch::Tensor& y = {})
{
    torch::NoGradGuard noGrad;
    m.eval();
    return m.decode(z.reshape({1, -1}), y).reconstruction[0];
}

} // namespace

TEST(Interpolation, EndsDecodeLikeTheEndpointsMeans)
{
    const Dataset ds = tinyImages();
    for (ModelKind kind : {ModelKind::Vae, ModelKind::Autoencoder, ModelKind::VqVae, ModelKind::ConditionalVae}) {
        auto m = tinyModel(kind);
        for (Interpolation how : {Interpolation::Linear, Interpolation::Spherical}) {
            const DecodedLatents p = interpolateSamples(*m, ds, 2, 7, 6, how);
            ASSERT_EQ(p.latents.size(0), 6) << toString(kind);
            ASSERT_EQ(p.images.sizes(), (std::vector<std::int64_t>{6, 1, 8, 8}));
            const torch::Tensor y = modelLabels(*m, ds, {2, 7});
            const torch::Tensor mu = encodeMean(*m, ds.batch({2, 7}), y);
            EXPECT_TRUE(torch::equal(p.latents[0], mu[0])) << toString(kind);
            EXPECT_TRUE(torch::equal(p.latents[5], mu[1])) << toString(kind);
            // The conditional VAE decodes the whole path under the start's class.
            const torch::Tensor y0 = y.defined() ? y.narrow(0, 0, 1) : y;
            EXPECT_TRUE(torch::allclose(p.images[0], decodeOne(*m, mu[0], y0))) << toString(kind);
            EXPECT_TRUE(torch::allclose(p.images[5], decodeOne(*m, mu[1], y0))) << toString(kind);
        }
    }
    auto m = tinyModel(ModelKind::Vae);
    EXPECT_THROW(interpolateSamples(*m, ds, 0, 1, 1, Interpolation::Linear), BadInputError);
    EXPECT_THROW(interpolateSamples(*m, ds, 0, 12, 3, Interpolation::Linear), BadInputError);
}

TEST(Interpolation, FollowsTheChosenPathBetweenTheMeans)
{
    auto m = tinyModel(ModelKind::Vae);
    const Dataset ds = tinyImages();
    const torch::Tensor mu = encodeMean(*m, ds.batch({0, 5}));
    const DecodedLatents s = interpolateInputs(*m, ds.batch({0, 5}), {}, 5, Interpolation::Spherical);
    const DecodedLatents l = interpolateInputs(*m, ds.batch({0, 5}), {}, 5, Interpolation::Linear);
    for (std::int64_t i = 1; i < 4; ++i) {
        const double t = static_cast<double>(i) / 4.0;
        EXPECT_TRUE(torch::allclose(s.latents[i], slerp(mu[0], mu[1], t), 1e-5, 1e-6)) << i;
        EXPECT_TRUE(torch::allclose(l.latents[i], lerp(mu[0], mu[1], t), 1e-5, 1e-6)) << i;
    }
    EXPECT_FALSE(torch::allclose(s.latents[2], l.latents[2]));
    EXPECT_THROW(interpolateInputs(*m, ds.batch({0, 1, 2}), {}, 5, Interpolation::Linear), BadInputError);
}

TEST(Traversal, GridShapeAndOnlyTheChosenDimensionVaries)
{
    auto m = tinyModel(ModelKind::BetaVae);
    const torch::Tensor base = torch::tensor({0.3f, -0.2f, 0.1f, 0.9f});
    const Traversal all = traverse(*m, base, {});
    EXPECT_EQ(all.dims, (std::vector<std::int64_t>{0, 1, 2, 3}));
    ASSERT_EQ(all.values.size(), 9u);
    EXPECT_EQ(all.values.front(), -3.0);
    EXPECT_EQ(all.values.back(), 3.0);
    ASSERT_EQ(all.decoded.images.sizes(), (std::vector<std::int64_t>{36, 1, 8, 8}));

    TraversalOptions o;
    o.dims = {3, 1};
    o.lo = -2.0;
    o.hi = 2.0;
    o.steps = 5;
    const Traversal t = traverse(*m, base, o);
    ASSERT_EQ(t.decoded.latents.sizes(), (std::vector<std::int64_t>{10, 4}));
    const torch::Tensor diff = t.decoded.latents - base.unsqueeze(0);
    EXPECT_EQ(diff.narrow(0, 0, 5).ne(0).sum(0).gt(0).nonzero().flatten()[0].item<std::int64_t>(), 3);
    EXPECT_EQ(diff.narrow(0, 0, 5).ne(0).sum(0).gt(0).sum().item<std::int64_t>(), 1);
    EXPECT_TRUE(torch::allclose(t.decoded.latents.narrow(0, 5, 5).select(1, 1), torch::tensor({-2.f, -1.f, 0.f, 1.f, 2.f})));
    EXPECT_TRUE(torch::allclose(t.decoded.images[7], decodeOne(*m, t.decoded.latents[7])));

    o.steps = 1;
    EXPECT_THROW(traverse(*m, base, o), BadInputError);
    o.steps = 3;
    o.dims = {4};
    EXPECT_THROW(traverse(*m, base, o), BadInputError);
    EXPECT_THROW(traverse(*m, torch::zeros({3}), {}), BadInputError);
    // The conditional VAE decodes under the class it is given, and needs one.
    auto c = tinyModel(ModelKind::ConditionalVae);
    EXPECT_THROW(traverse(*c, base, {}), BadInputError);
    EXPECT_EQ(traverse(*c, base, {}, torch::tensor({std::int64_t{2}})).decoded.images.size(0), 36);
}

TEST(ManifoldGrid, GaussianQuantilesOverA2dLatent)
{
    auto m = tinyModel(ModelKind::Vae, 2);
    const DecodedLatents g = gaussianManifold(*m, 5);
    ASSERT_EQ(g.latents.sizes(), (std::vector<std::int64_t>{25, 2}));
    ASSERT_EQ(g.images.size(0), 25);
    const std::vector<double> q = gaussianQuantiles(5);
    EXPECT_TRUE(torch::equal(g.latents[12], torch::zeros({2}))); // the centre
    EXPECT_FLOAT_EQ(g.latents[0][0].item<float>(), static_cast<float>(q[0]));
    EXPECT_FLOAT_EQ(g.latents[0][1].item<float>(), static_cast<float>(q[4])); // top row: largest z1
    EXPECT_FLOAT_EQ(g.latents[24][1].item<float>(), static_cast<float>(q[0]));
    EXPECT_TRUE(torch::allclose(g.images[3], decodeOne(*m, g.latents[3])));

    // Two chosen dims of a wider latent, the others at zero.
    auto wide = tinyModel(ModelKind::Vae, 4);
    const DecodedLatents w = gaussianManifold(*wide, 3, 2, 0);
    EXPECT_TRUE(torch::equal(w.latents.select(1, 1), torch::zeros({9})));
    EXPECT_TRUE(torch::equal(w.latents.select(1, 3), torch::zeros({9})));
    EXPECT_FLOAT_EQ(w.latents[0][2].item<float>(), static_cast<float>(gaussianQuantiles(3)[0]));
    EXPECT_THROW(gaussianManifold(*wide, 3, 1, 1), BadInputError);
    EXPECT_THROW(gaussianManifold(*wide, 3, 0, 4), BadInputError);

    // Any plane: origin plus two directions.
    const DecodedLatents p = decodePlane(*wide, torch::ones({4}), axis(4, 0), axis(4, 3), {-1.0, 1.0}, {0.0});
    EXPECT_TRUE(torch::allclose(p.latents, torch::tensor({{0.f, 1.f, 1.f, 1.f}, {2.f, 1.f, 1.f, 1.f}})));
}

TEST(KlOrdering, DimensionsSortedByTheirKl)
{
    auto m = tinyModel(ModelKind::BetaVae, 6);
    const Dataset ds = tinyImages();
    const std::vector<std::int64_t> idx{0, 1, 2, 3, 4, 5, 6, 7};
    const std::vector<DimensionKl> order = dimensionsByKl(*m, ds, idx);
    ASSERT_EQ(order.size(), 6u);
    const ModelEvaluation ev = evaluateModel(*m, ds, idx);
    std::vector<bool> seen(6, false);
    for (std::size_t i = 0; i < order.size(); ++i) {
        seen[static_cast<std::size_t>(order[i].dim)] = true;
        EXPECT_DOUBLE_EQ(order[i].kl, ev.klPerDim[static_cast<std::size_t>(order[i].dim)]);
        if (i > 0) {
            EXPECT_GE(order[i - 1].kl, order[i].kl);
        }
    }
    EXPECT_EQ(seen, std::vector<bool>(6, true));
    EXPECT_TRUE(dimensionsByKl(*tinyModel(ModelKind::Autoencoder), ds, idx).empty());
}
