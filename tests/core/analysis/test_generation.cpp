// Sampling from every family's prior: determinism for a seed, temperature, class grids, the VQ-VAE's code
// prior and the hierarchical VAE's bottom resampling. Untrained small models suffice: the promises are exact.
#include "core/analysis/generation.h"
#include "core/analysis/latent_geometry.h"
#include "core/analysis/latent_walks.h"
#include "core/models/make_model.h"
#include "core/util/errors.h"
#include "tests/core/analysis/analysis_fixtures.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace latentlab;

namespace {

std::shared_ptr<LatentModel> tinyModel(ModelKind kind)
{
    return latentlab::testing::tinyImageModel(kind, 5, 4, 6);
}

// 24 patterned 8x8 images in 3 classes.
Dataset tinyImages()
{
    return latentlab::testing::patternedImages(24, 37, 11);
}

} // namespace

TEST(SamplePrior, TheSameSeedDrawsTheSameSamples)
{
    auto m = tinyModel(ModelKind::Vae);
    const GeneratedImages a = samplePrior(*m, {5, 1.0, 42});
    const GeneratedImages b = samplePrior(*m, {5, 1.0, 42});
    const GeneratedImages c = samplePrior(*m, {5, 1.0, 43});
    ASSERT_EQ(a.images.sizes(), (std::vector<std::int64_t>{5, 1, 8, 8}));
    ASSERT_EQ(a.latents.sizes(), (std::vector<std::int64_t>{5, 4}));
    EXPECT_TRUE(torch::equal(a.images, b.images));
    EXPECT_TRUE(torch::equal(a.latents, b.latents));
    EXPECT_FALSE(torch::equal(a.latents, c.latents));
    EXPECT_TRUE(a.notes.empty());
    // A smaller temperature shrinks the same draws towards the centre.
    const GeneratedImages half = samplePrior(*m, {5, 0.5, 42});
    EXPECT_TRUE(torch::allclose(half.latents, a.latents * 0.5));
}

TEST(SamplePrior, TemperatureZeroDecodesTheZeroVector)
{
    auto m = tinyModel(ModelKind::Vae);
    const GeneratedImages s = samplePrior(*m, {3, 0.0, 1});
    EXPECT_TRUE(torch::equal(s.latents, torch::zeros({3, 4})));
    torch::NoGradGuard noGrad;
    m->eval();
    const torch::Tensor zero = m->decode(torch::zeros({1, 4})).reconstruction;
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(torch::allclose(s.images[i], zero[0]));
}

TEST(SamplePrior, EveryFamilySamplesAndRefusesNonsense)
{
    for (ModelKind kind : {ModelKind::Autoencoder, ModelKind::BetaVae, ModelKind::VqVae, ModelKind::HierarchicalVae}) {
        auto m = tinyModel(kind);
        m->train(); // sampling must not depend on, nor change, the training flag
        const GeneratedImages a = samplePrior(*m, {300, 0.8, 9});
        const GeneratedImages b = samplePrior(*m, {300, 0.8, 9});
        EXPECT_EQ(a.images.sizes(), (std::vector<std::int64_t>{300, 1, 8, 8})) << toString(kind);
        EXPECT_TRUE(torch::equal(a.images, b.images)) << toString(kind);
        EXPECT_TRUE(m->is_training());
    }
    auto m = tinyModel(ModelKind::Vae);
    EXPECT_THROW(samplePrior(*m, {0, 1.0, 0}), BadInputError);
    EXPECT_THROW(samplePrior(*m, {4, -1.0, 0}), BadInputError);
    EXPECT_THROW(samplePrior(*tinyModel(ModelKind::VqVae), {4, 0.0, 0}), BadInputError);
}

TEST(ClassGrid, TheSameZDownEachColumnUnderEveryClass)
{
    auto m = tinyModel(ModelKind::ConditionalVae);
    const GeneratedImages g = classGrid(*m, 4, 1.0, 7);
    ASSERT_EQ(g.images.size(0), 12);
    EXPECT_EQ(g.columns, 4);
    EXPECT_EQ(g.labels, (std::vector<std::int64_t>{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}));
    for (std::int64_t row = 1; row < 3; ++row)
        EXPECT_TRUE(torch::equal(g.latents.narrow(0, row * 4, 4), g.latents.narrow(0, 0, 4)));
    EXPECT_FALSE(torch::allclose(g.images[0], g.images[4])); // one z, two classes
    torch::NoGradGuard noGrad;
    m->eval();
    const torch::Tensor direct = m->decode(g.latents.narrow(0, 8, 4), torch::full({4}, 2, torch::kInt64)).reconstruction;
    EXPECT_TRUE(torch::allclose(g.images.narrow(0, 8, 4), direct));

    // One class on its own draws the same z as the grid for the same seed.
    SampleOptions one{4, 1.0, 7, 1};
    const GeneratedImages s = samplePrior(*m, one);
    EXPECT_TRUE(torch::allclose(s.images, g.images.narrow(0, 4, 4)));
    EXPECT_EQ(s.labels, (std::vector<std::int64_t>(4, 1)));
    one.label = -1;
    EXPECT_THROW(samplePrior(*m, one), BadInputError);
    one.label = 3;
    EXPECT_THROW(samplePrior(*m, one), BadInputError);
    EXPECT_THROW(classGrid(*tinyModel(ModelKind::Vae), 4, 1.0, 7), ModelMismatchError);
}

// Under a class prior every draw for class c is c's Gaussian applied to the noise: a class grid's rows share
// the noise, not the latent; the sample grid and the manifold grid start from the class's own mean.
TEST(ClassGrid, AClassPriorMovesTheSameNoiseIntoEachClass)
{
    auto m = tinyModel(ModelKind::ConditionalVae);
    ASSERT_TRUE(m->config().classPrior);
    const torch::Tensor mu = torch::tensor({{3.f, 0.f, 0.f, 0.f}, {0.f, -2.f, 0.f, 0.f}, {1.f, 1.f, 1.f, 1.f}});
    const torch::Tensor logvar = torch::tensor({{0.f, 0.f, 0.f, 0.f}, {-2.f, -2.f, -2.f, -2.f}, {1.f, 0.f, 1.f, 0.f}});
    {
        torch::NoGradGuard noGrad;
        m->named_parameters()["prior_mu"].copy_(mu);
        m->named_parameters()["prior_logvar"].copy_(logvar);
    }
    const GeneratedImages g = classGrid(*m, 4, 1.0, 7);
    // The noise is class 0's latents minus its mean (its sd is 1).
    const torch::Tensor noise = g.latents.narrow(0, 0, 4) - mu[0];
    for (std::int64_t c = 0; c < 3; ++c)
        EXPECT_TRUE(torch::allclose(g.latents.narrow(0, c * 4, 4), mu[c] + (0.5 * logvar[c]).exp() * noise, 1e-5, 1e-6))
            << "class " << c;
    const GeneratedImages s = samplePrior(*m, SampleOptions{4, 1.0, 7, 1});
    EXPECT_TRUE(torch::allclose(s.latents, g.latents.narrow(0, 4, 4), 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(s.images, g.images.narrow(0, 4, 4), 1e-5, 1e-6));
    const DecodedLatents grid = gaussianManifold(*m, 3, 0, 1, torch::full({1}, 2, torch::kInt64));
    EXPECT_TRUE(torch::allclose(grid.latents[4], mu[2])); // the centre of a 3 x 3 grid
    EXPECT_FLOAT_EQ(grid.latents[3][0].item<float>(),
                    1.f + std::exp(0.5f) * static_cast<float>(gaussianQuantiles(3)[0]));
}

TEST(CodePrior, FittingFromDataChangesHasCodePrior)
{
    auto m = tinyModel(ModelKind::VqVae);
    const Dataset ds = tinyImages();
    EXPECT_TRUE(needsCodePrior(*m));
    const GeneratedImages uniform = samplePrior(*m, {4, 1.0, 0});
    ASSERT_EQ(uniform.notes.size(), 1u);
    EXPECT_NE(uniform.notes[0].find("not fitted"), std::string::npos);

    std::vector<std::int64_t> idx{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    AnalysisControl cancelled;
    cancelled.cancel();
    EXPECT_THROW(fitCodePrior(*m, ds, idx, &cancelled), AnalysisCancelled);
    EXPECT_TRUE(needsCodePrior(*m)); // a cancelled fit leaves the prior as it was

    EXPECT_EQ(fitCodePrior(*m, ds, idx, nullptr, 3), 10);
    EXPECT_FALSE(needsCodePrior(*m));
    EXPECT_TRUE(samplePrior(*m, {4, 1.0, 0}).notes.empty());
    EXPECT_THROW(fitCodePrior(*m, ds, {}), BadInputError);
    EXPECT_THROW(fitCodePrior(*tinyModel(ModelKind::Vae), ds, idx), ModelMismatchError);
    EXPECT_FALSE(needsCodePrior(*tinyModel(ModelKind::Vae)));
}

TEST(ResampleBottom, KeepsEachRowsTopCodeFixed)
{
    auto m = tinyModel(ModelKind::HierarchicalVae);
    torch::manual_seed(2);
    const torch::Tensor tops = torch::randn({2, 4});
    const GeneratedImages g = resampleBottom(*m, tops, 3, 1.0, seededGenerator(1));
    ASSERT_EQ(g.images.size(0), 6);
    EXPECT_EQ(g.columns, 3);
    for (std::int64_t i = 0; i < 6; ++i)
        EXPECT_TRUE(torch::equal(g.latents[i], tops[i / 3]));
    EXPECT_FALSE(torch::allclose(g.images[0], g.images[1])); // a fresh bottom draw per column

    // At temperature 0 the bottom layer is p(z1|z2)'s mean: exactly decode(z2).
    const GeneratedImages still = resampleBottom(*m, tops, 2, 0.0, seededGenerator(1));
    torch::NoGradGuard noGrad;
    m->eval();
    const torch::Tensor decoded = m->decode(tops).reconstruction;
    EXPECT_TRUE(torch::allclose(still.images[0], decoded[0]));
    EXPECT_TRUE(torch::allclose(still.images[3], decoded[1]));

    const GeneratedImages a = sampleTopsResampleBottom(*m, 2, 3, 1.0, 4);
    const GeneratedImages b = sampleTopsResampleBottom(*m, 2, 3, 1.0, 4);
    EXPECT_TRUE(torch::equal(a.images, b.images));
    EXPECT_TRUE(torch::equal(a.latents[0], a.latents[2]));
    EXPECT_THROW(resampleBottom(*tinyModel(ModelKind::Vae), torch::zeros({1, 4}), 2, 1.0, seededGenerator(0)),
                 ModelMismatchError);
    EXPECT_THROW(resampleBottom(*m, torch::zeros({1, 5}), 2, 1.0, seededGenerator(0)), BadInputError);
}

TEST(DecodeLatents, BatchesAgreeCancelsAndNeedsAClassForTheCvae)
{
    auto m = tinyModel(ModelKind::Vae);
    torch::manual_seed(0);
    const torch::Tensor z = torch::randn({10, 4});
    const torch::Tensor whole = decodeLatents(*m, z, {}, nullptr, 100);
    EXPECT_TRUE(torch::allclose(decodeLatents(*m, z, {}, nullptr, 3), whole));
    std::vector<double> fractions;
    AnalysisControl progress([&](double f, const std::string&) { fractions.push_back(f); });
    decodeLatents(*m, z, {}, &progress, 4);
    EXPECT_EQ(fractions, (std::vector<double>{0.4, 0.8, 1.0}));
    AnalysisControl cancelled;
    cancelled.cancel();
    EXPECT_THROW(decodeLatents(*m, z, {}, &cancelled), AnalysisCancelled);
    EXPECT_THROW(decodeLatents(*m, torch::zeros({2, 3})), BadInputError);
    EXPECT_THROW(decodeLatents(*tinyModel(ModelKind::ConditionalVae), z), BadInputError);
}
