// Every family on small synthetic data: shapes, learning, save/load, and each family's own promise.
#include "core/models/gaussian_vae.h"
#include "core/models/hierarchical_vae.h"
#include "core/models/make_model.h"
#include "core/models/vq_vae.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/util/errors.h"

#include <sstream>

using namespace latentlab;

namespace {

// 96 binary 8x8 images drawn from 4 prototypes (labels 0..3) with 5% of pixels flipped.
struct Synthetic {
    torch::Tensor x, y;
};

Synthetic synthetic()
{
    torch::manual_seed(1);
    const torch::Tensor protos = (torch::rand({4, 1, 8, 8}) > 0.5).to(torch::kFloat32);
    const torch::Tensor y = torch::arange(96) % 4;
    torch::Tensor x = protos.index_select(0, y);
    const torch::Tensor flip = (torch::rand_like(x) < 0.05).to(torch::kFloat32);
    x = (x + flip).remainder(2.0);
    return {x, y};
}

ModelConfig smallConfig(ModelKind kind, Backbone backbone)
{
    ModelConfig c = ModelConfig::defaultsFor({1, 8, 8}, kind);
    c.backbone = backbone;
    c.hidden = {64, 32};
    c.latentDim = 4;
    c.bottomLatentDim = 6;
    c.codebookSize = 16;
    c.codeDim = 2;
    c.numClasses = kind == ModelKind::ConditionalVae ? 4 : 0;
    return c;
}

// Trains for `steps` full-batch Adam steps; returns the first and last total loss.
std::pair<double, double> train(LatentModel& m, const Synthetic& d, int steps, double lr = 3e-3)
{
    torch::optim::Adam opt(m.parameters(), torch::optim::AdamOptions(lr));
    m.train();
    double first = 0, last = 0;
    for (int s = 0; s < steps; ++s) {
        opt.zero_grad();
        const LossTerms l = m.loss(d.x, d.y, s);
        l.total.backward();
        opt.step();
        (s == 0 ? first : last) = l.total.item<double>();
    }
    return {first, last};
}

struct Family {
    ModelKind kind;
    Backbone backbone;
};

std::string familyName(const ::testing::TestParamInfo<Family>& info)
{
    std::string s = toString(info.param.kind) + "_" + toString(info.param.backbone);
    for (char& c : s)
        if (c == '-')
            c = '_';
    return s;
}

class EveryFamily : public ::testing::TestWithParam<Family> {};

} // namespace

TEST_P(EveryFamily, ShapesLearningAndExactSaveLoad)
{
    torch::manual_seed(0);
    const Synthetic d = synthetic();
    const ModelConfig c = smallConfig(GetParam().kind, GetParam().backbone);
    auto model = makeModel(c);
    EXPECT_EQ(model->kind(), c.kind);

    const auto [first, last] = train(*model, d, 300);
    EXPECT_LT(last, 0.6 * first) << "loss " << first << " -> " << last;

    model->eval();
    torch::NoGradGuard noGrad;
    const Encoding e = model->encode(d.x.slice(0, 0, 5), d.y.slice(0, 0, 5));
    ASSERT_EQ(e.mu.sizes(), (std::vector<std::int64_t>{5, model->latentDim()}));
    ASSERT_EQ(e.z.sizes(), e.mu.sizes());
    EXPECT_EQ(e.logvar.defined(), model->hasLogvar());
    const Decoding dec = model->decode(e.z, d.y.slice(0, 0, 5));
    EXPECT_EQ(dec.reconstruction.sizes(), (std::vector<std::int64_t>{5, 1, 8, 8}));
    EXPECT_GE(dec.reconstruction.min().item<float>(), 0.0f);
    EXPECT_LE(dec.reconstruction.max().item<float>(), 1.0f);
    const torch::Tensor s = model->sample(3, torch::tensor({int64_t{1}}));
    EXPECT_EQ(s.sizes(), (std::vector<std::int64_t>{3, 1, 8, 8}));

    std::stringstream buffer;
    {
        torch::serialize::OutputArchive out;
        model->save(out);
        out.save_to(buffer);
    }
    auto copy = makeModel(c);
    torch::serialize::InputArchive in;
    in.load_from(buffer);
    copy->load(in);
    copy->eval();
    const Encoding e2 = copy->encode(d.x.slice(0, 0, 5), d.y.slice(0, 0, 5));
    EXPECT_TRUE(torch::equal(e.mu, e2.mu));
    EXPECT_TRUE(torch::equal(dec.reconstruction, copy->decode(e2.z, d.y.slice(0, 0, 5)).reconstruction));
}

// What callers ask of any model instead of downcasting: the KL, the mean reconstruction, the code grid, the
// code prior and the bottom layer. Untrained weights do: these are questions of structure.
TEST_P(EveryFamily, AnswersWhatCallersAskOfAnyModel)
{
    torch::manual_seed(0);
    const Synthetic d = synthetic();
    const ModelConfig c = smallConfig(GetParam().kind, GetParam().backbone);
    auto model = makeModel(c);
    model->eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor x = d.x.slice(0, 0, 5), y = d.y.slice(0, 0, 5);
    const Encoding e = model->encode(x, y);

    const bool gaussian = c.kind != ModelKind::Autoencoder && c.kind != ModelKind::VqVae;
    EXPECT_EQ(model->hasKl(), gaussian);
    if (gaussian) {
        const torch::Tensor kl = model->klPerSample(e);
        ASSERT_EQ(kl.sizes(), (std::vector<std::int64_t>{5}));
        EXPECT_GE(kl.min().item<double>(), 0.0);
        if (c.kind == ModelKind::HierarchicalVae) {
            // Both layers: the top one's KL from N(0, I) alone is less.
            const torch::Tensor top = gaussianKlPerDim(e.layers[1].mu, e.layers[1].logvar).sum(1);
            EXPECT_TRUE((kl > top).all().item<bool>());
        } else {
            // The loss's KL is analytic in (mu, logvar): the batch mean of the per-sample KL.
            EXPECT_NEAR(kl.mean().item<double>(), model->loss(x, y).term("kl").item<double>(), 1e-4);
        }
    } else {
        EXPECT_THROW(model->klPerSample(e), ModelMismatchError);
    }

    const Decoding mean = model->decodeMean(e, y);
    EXPECT_EQ(mean.reconstruction.sizes(), (std::vector<std::int64_t>{5, 1, 8, 8}));
    if (c.kind != ModelKind::HierarchicalVae)
        EXPECT_TRUE(torch::equal(mean.reconstruction, model->decode(e.mu, y).reconstruction));
    else // from the bottom layer's mean, not through p(z1|z2)
        EXPECT_FALSE(torch::equal(mean.reconstruction, model->decode(e.mu, y).reconstruction));

    const CodeGrid grid = model->codeGrid();
    if (c.kind == ModelKind::VqVae) {
        // 8x8 input: the conv encoder leaves a 2x2 grid; the MLP's latent of 4 holds 2 codes of 2 in a row.
        const CodeGrid expected = c.backbone == Backbone::Conv ? CodeGrid{2, 2} : CodeGrid{1, 2};
        EXPECT_EQ(grid.rows, expected.rows);
        EXPECT_EQ(grid.columns, expected.columns);
        EXPECT_EQ(e.codes.size(1), grid.positions());
        model->resetCodePrior();
        EXPECT_FALSE(model->hasCodePrior());
        model->accumulateCodePrior(e.codes);
        EXPECT_TRUE(model->hasCodePrior());
    } else {
        EXPECT_TRUE(grid.empty());
        EXPECT_FALSE(e.codes.defined());
        EXPECT_FALSE(model->hasCodePrior());
        EXPECT_NO_THROW(model->resetCodePrior());
        EXPECT_THROW(model->accumulateCodePrior(torch::zeros({1, 1}, torch::kInt64)), ModelMismatchError);
    }

    EXPECT_EQ(model->canResampleBottom(), c.kind == ModelKind::HierarchicalVae);
    const torch::Tensor tops = torch::zeros({2, model->latentDim()});
    if (model->canResampleBottom())
        EXPECT_EQ(model->sampleBottom(tops).sizes(), (std::vector<std::int64_t>{2, 1, 8, 8}));
    else
        EXPECT_THROW(model->sampleBottom(tops), ModelMismatchError);
}

INSTANTIATE_TEST_SUITE_P(Models, EveryFamily,
                         ::testing::Values(Family{ModelKind::Autoencoder, Backbone::Mlp}, Family{ModelKind::Autoencoder, Backbone::Conv},
                                           Family{ModelKind::Vae, Backbone::Mlp}, Family{ModelKind::Vae, Backbone::Conv},
                                           Family{ModelKind::BetaVae, Backbone::Mlp}, Family{ModelKind::ConditionalVae, Backbone::Mlp},
                                           Family{ModelKind::ConditionalVae, Backbone::Conv}, Family{ModelKind::VqVae, Backbone::Mlp},
                                           Family{ModelKind::VqVae, Backbone::Conv}, Family{ModelKind::HierarchicalVae, Backbone::Mlp},
                                           Family{ModelKind::HierarchicalVae, Backbone::Conv}),
                         familyName);

TEST(BetaVae, WarmupAndCapacitySchedules)
{
    const Synthetic d = synthetic();
    ModelConfig c = smallConfig(ModelKind::BetaVae, Backbone::Mlp);
    c.beta = 4.0;
    c.klWarmupSteps = 100;
    auto m = makeModel(c);
    EXPECT_DOUBLE_EQ(m->loss(d.x, {}, 0).metric("kl_weight", -1), 0.0);
    EXPECT_DOUBLE_EQ(m->loss(d.x, {}, 50).metric("kl_weight", -1), 2.0);
    EXPECT_DOUBLE_EQ(m->loss(d.x, {}, 500).metric("kl_weight", -1), 4.0);
    const LossTerms l = m->loss(d.x, {}, 0);
    ASSERT_TRUE(l.klPerDim.defined());
    EXPECT_EQ(l.klPerDim.size(0), 4);
    EXPECT_NEAR(l.klPerDim.sum().item<double>(), l.term("kl").item<double>(), 1e-3);

    c.capacityMax = 10.0;
    c.capacitySteps = 1000;
    m = makeModel(c);
    const LossTerms cap = m->loss(d.x, {}, 250);
    EXPECT_DOUBLE_EQ(cap.metric("capacity", -1), 2.5);
    const double expected = cap.term("recon").item<double>() + 4.0 * std::abs(cap.term("kl").item<double>() - 2.5);
    EXPECT_NEAR(cap.total.item<double>(), expected, 1e-3 * expected);
}

TEST(ConditionalVae, TheSameZDecodesDifferentlyUnderEachClass)
{
    torch::manual_seed(0);
    const Synthetic d = synthetic();
    auto m = makeModel(smallConfig(ModelKind::ConditionalVae, Backbone::Mlp));
    train(*m, d, 300);
    m->eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor z = torch::zeros({1, 4});
    const torch::Tensor a = m->decode(z, torch::tensor({int64_t{0}})).reconstruction;
    const torch::Tensor b = m->decode(z, torch::tensor({int64_t{1}})).reconstruction;
    EXPECT_GT((a - b).abs().mean().item<double>(), 0.1);
    const torch::Tensor s0 = m->sample(4, torch::tensor({int64_t{2}}));
    EXPECT_EQ(s0.size(0), 4);
    EXPECT_THROW(m->loss(d.x, {}), BadInputError);
    EXPECT_THROW(m->loss(d.x, d.y + 10), BadInputError);
}

// The class prior: each class's Gaussian learns where the encoder puts that class, its KL is the one the loss
// and the anomaly score (klPerSample) take, and prior draws for a class start from that class's Gaussian.
TEST(ConditionalVae, TheClassPriorMovesToEachClassAndDrawsStartThere)
{
    torch::manual_seed(0);
    const Synthetic d = synthetic();
    ModelConfig c = smallConfig(ModelKind::ConditionalVae, Backbone::Mlp);
    ASSERT_TRUE(c.classPrior); // the default for a new CVAE
    auto m = makeModel(c);
    train(*m, d, 300);
    m->eval();
    torch::NoGradGuard noGrad;
    const auto named = m->named_parameters();
    const torch::Tensor priorMu = named["prior_mu"], priorLogvar = named["prior_logvar"];
    // Trained away from the all-zero start, and apart: not every class at one place.
    EXPECT_GT(priorMu.abs().max().item<double>(), 0.05);
    EXPECT_GT((priorMu[0] - priorMu[1]).norm().item<double>(), 1e-3);
    // The per-sample KL is against each sample's own class: the loss's KL term is its mean.
    const Encoding e = m->encode(d.x, d.y);
    ASSERT_TRUE(e.priorMu.defined());
    const torch::Tensor own = m->klPerSample(e);
    const torch::Tensor direct = gaussianKlPerDim(e.mu, e.logvar, priorMu.index_select(0, d.y),
                                                  priorLogvar.index_select(0, d.y)).sum(1);
    EXPECT_TRUE(torch::allclose(own, direct, 1e-5, 1e-6));
    EXPECT_FALSE(torch::allclose(own, gaussianKlPerDim(e.mu, e.logvar).sum(1), 1e-3, 1e-4));
    // Noise 0 is each class's mean; noise 1 is mean + sd.
    const torch::Tensor classes = torch::tensor({int64_t{2}, int64_t{0}});
    const torch::Tensor at0 = m->priorLatents(torch::zeros({2, 4}), classes);
    EXPECT_TRUE(torch::allclose(at0, priorMu.index_select(0, classes)));
    const torch::Tensor at1 = m->priorLatents(torch::ones({2, 4}), classes);
    EXPECT_TRUE(torch::allclose(at1 - at0, (0.5 * priorLogvar.index_select(0, classes)).exp(), 1e-5, 1e-6));
    // sample() decodes exactly those latents.
    torch::manual_seed(4);
    const torch::Tensor drawn = m->sample(3, torch::tensor({int64_t{1}}));
    torch::manual_seed(4);
    const torch::Tensor noise = torch::randn({3, 4});
    const torch::Tensor labels = torch::full({3}, 1, torch::kInt64);
    EXPECT_TRUE(torch::allclose(drawn, m->decode(m->priorLatents(noise, labels), labels).reconstruction, 1e-5, 1e-6));
}

// A checkpoint from before the class prior (its config has no class_prior key) builds the CVAE it was: no prior
// parameters, the standard normal everywhere.
TEST(ConditionalVae, AConfigWithoutClassPriorKeepsTheStandardPrior)
{
    nlohmann::json j = smallConfig(ModelKind::ConditionalVae, Backbone::Mlp).toJson();
    j.erase("class_prior");
    const ModelConfig old = ModelConfig::fromJson(j);
    EXPECT_FALSE(old.classPrior);
    auto m = makeModel(old);
    EXPECT_FALSE(m->named_parameters().contains("prior_mu"));
    const torch::Tensor noise = torch::randn({2, 4});
    EXPECT_TRUE(torch::equal(m->priorLatents(noise, torch::tensor({int64_t{0}, int64_t{3}})), noise));
    m->eval();
    torch::NoGradGuard noGrad;
    const Synthetic d = synthetic();
    const Encoding e = m->encode(d.x, d.y);
    EXPECT_FALSE(e.priorMu.defined());
    EXPECT_TRUE(torch::allclose(m->klPerSample(e), gaussianKlPerDim(e.mu, e.logvar).sum(1)));
}

TEST(VqVae, PerplexityRisesAndSamplingUsesTheFittedCodePrior)
{
    torch::manual_seed(0);
    const Synthetic d = synthetic();
    auto base = makeModel(smallConfig(ModelKind::VqVae, Backbone::Mlp));
    auto* m = dynamic_cast<VqVaeImpl*>(base.get());
    ASSERT_NE(m, nullptr);
    train(*m, d, 300);
    m->eval();
    torch::NoGradGuard noGrad;
    const LossTerms l = m->loss(d.x);
    EXPECT_GT(l.metric("perplexity"), 1.5);
    EXPECT_GE(l.metric("dead_codes", -1), 0.0);

    // A prior that only ever saw code 3 must produce exactly the decoding of code 3 everywhere.
    m->resetCodePrior();
    EXPECT_FALSE(m->hasCodePrior());
    m->accumulateCodePrior(torch::full({10, m->positions()}, 3, torch::kInt64));
    const torch::Tensor s = m->sample(2, {}, 1.0);
    const torch::Tensor expected = m->decodeCodes(torch::full({1, m->positions()}, 3, torch::kInt64)).reconstruction;
    EXPECT_TRUE(torch::allclose(s[0], expected[0]));
    EXPECT_TRUE(torch::allclose(s[1], expected[0]));
}

TEST(HierarchicalVae, BothKlTermsArePositiveAndTheBottomCanBeResampled)
{
    torch::manual_seed(0);
    const Synthetic d = synthetic();
    auto base = makeModel(smallConfig(ModelKind::HierarchicalVae, Backbone::Mlp));
    auto* m = dynamic_cast<HierarchicalVaeImpl*>(base.get());
    train(*m, d, 200);
    const LossTerms l = m->loss(d.x);
    EXPECT_GT(l.term("kl_z1").item<double>(), 0.0);
    EXPECT_GT(l.term("kl_z2").item<double>(), 0.0);
    torch::NoGradGuard noGrad;
    const Encoding e = m->encode(d.x.slice(0, 0, 2));
    ASSERT_EQ(e.layers.size(), 2u);
    EXPECT_EQ(e.layers[0].mu.size(1), 6);
    EXPECT_EQ(e.layers[1].mu.size(1), 4);
    const torch::Tensor top = torch::zeros({2, 4});
    const torch::Tensor a = m->sampleBottom(top);
    const torch::Tensor b = m->sampleBottom(top);
    EXPECT_EQ(a.sizes(), (std::vector<std::int64_t>{2, 1, 8, 8}));
    EXPECT_FALSE(torch::equal(a, b));
}

TEST(Models, GaussianLikelihoodForTables)
{
    torch::manual_seed(0);
    ModelConfig c = ModelConfig::defaultsFor({6});
    auto m = makeModel(c);
    const torch::Tensor x = torch::rand({32, 6});
    Synthetic d{x, torch::zeros({32}, torch::kInt64)};
    const auto [first, last] = train(*m, d, 300);
    EXPECT_LT(last, first);
    m->eval();
    EXPECT_FALSE(m->decode(torch::zeros({1, c.latentDim})).logits.defined());
}
