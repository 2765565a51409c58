// The hand-written training steps against autograd: the same loss terms and metrics, on every parameter the
// same gradient, and the same changes to the model's buffers (code statistics, codebooks), for every family,
// each likelihood and KL schedule; and the models they do not cover are refused.
#include "core/data/dataset.h"
#include "core/models/fused/fused_step.h"
#include "core/models/make_model.h"
#include "core/training/trainer.h"

#include <gtest/gtest.h>

using namespace latentlab;

namespace {

using fused::FusedStep;

ModelConfig mlpModel(ModelKind kind, Likelihood likelihood, std::vector<std::int64_t> hidden = {24, 16})
{
    ModelConfig c = ModelConfig::defaultsFor({1, 6, 6}, kind);
    c.backbone = Backbone::Mlp;
    c.hidden = std::move(hidden);
    c.latentDim = 3;
    c.likelihood = likelihood;
    if (kind == ModelKind::ConditionalVae)
        c.numClasses = 4;
    if (kind == ModelKind::HierarchicalVae) {
        c.bottomLatentDim = 5;
        c.latentDim = 2;
    }
    if (kind == ModelKind::VqVae) {
        c.codeDim = 2;
        c.latentDim = 6; // three positions of two
        c.codebookSize = 8;
    }
    return c;
}

ModelConfig mlpVae(Likelihood likelihood, std::vector<std::int64_t> hidden = {24, 16})
{
    return mlpModel(ModelKind::Vae, likelihood, std::move(hidden));
}

torch::Tensor labels(std::int64_t n)
{
    return torch::arange(n, torch::kInt64).remainder(4);
}

torch::Tensor inputs(std::int64_t n, Likelihood likelihood, std::vector<std::int64_t> shape = {1, 6, 6})
{
    torch::manual_seed(5);
    shape.insert(shape.begin(), n);
    const torch::Tensor x = torch::rand(shape);
    return likelihood == Likelihood::Bernoulli ? (x > 0.6).to(torch::kFloat) : x * 2.0 - 0.5;
}

struct StepResult {
    TermValues terms;
    std::vector<torch::Tensor> buffers; // after the step
    std::vector<double> klPerDim;
    std::vector<std::pair<std::string, double>> metrics;
    std::vector<std::pair<std::string, torch::Tensor>> grads;
};

StepResult collect(LatentModel& model, const LossTerms& loss)
{
    StepResult r;
    r.terms = termValues(loss);
    if (loss.klPerDim.defined()) {
        const torch::Tensor k = loss.klPerDim.to(torch::kDouble).contiguous();
        r.klPerDim.assign(k.data_ptr<double>(), k.data_ptr<double>() + k.numel());
    }
    r.metrics = loss.metrics;
    for (const auto& b : model.buffers())
        r.buffers.push_back(b.clone());
    for (const auto& p : model.named_parameters()) {
        EXPECT_TRUE(p.value().grad().defined()) << p.key();
        r.grads.emplace_back(p.key(), p.value().grad().clone());
    }
    return r;
}

StepResult viaAutograd(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y, std::int64_t step,
                       std::uint64_t seed)
{
    model.zero_grad();
    torch::manual_seed(seed);
    const LossTerms loss = model.loss(x, y, step);
    loss.total.backward();
    return collect(model, loss);
}

StepResult viaFusedStep(LatentModel& model, FusedStep& fused, const torch::Tensor& x, const torch::Tensor& y,
                        std::int64_t step, std::uint64_t seed)
{
    fused.zeroGradients();
    torch::manual_seed(seed);
    const LossTerms loss = fused.lossAndGradients(x, y, step);
    return collect(model, loss);
}

void expectSame(const StepResult& a, const StepResult& b)
{
    ASSERT_EQ(a.terms.size(), b.terms.size());
    for (std::size_t i = 0; i < a.terms.size(); ++i) {
        EXPECT_EQ(a.terms[i].first, b.terms[i].first);
        EXPECT_NEAR(a.terms[i].second, b.terms[i].second, 1e-4 * (1.0 + std::abs(a.terms[i].second))) << a.terms[i].first;
    }
    ASSERT_EQ(a.klPerDim.size(), b.klPerDim.size());
    for (std::size_t i = 0; i < a.klPerDim.size(); ++i)
        EXPECT_NEAR(a.klPerDim[i], b.klPerDim[i], 1e-5 * (1.0 + std::abs(a.klPerDim[i])));
    ASSERT_EQ(a.metrics.size(), b.metrics.size());
    for (std::size_t i = 0; i < a.metrics.size(); ++i) {
        EXPECT_EQ(a.metrics[i].first, b.metrics[i].first);
        EXPECT_NEAR(a.metrics[i].second, b.metrics[i].second, 1e-9 * (1.0 + std::abs(a.metrics[i].second)))
            << a.metrics[i].first;
    }
    ASSERT_EQ(a.buffers.size(), b.buffers.size());
    for (std::size_t i = 0; i < a.buffers.size(); ++i)
        EXPECT_TRUE(torch::allclose(a.buffers[i], b.buffers[i], 1e-4, 1e-6)) << "buffer " << i;
    ASSERT_EQ(a.grads.size(), b.grads.size());
    for (std::size_t i = 0; i < a.grads.size(); ++i) {
        EXPECT_EQ(a.grads[i].first, b.grads[i].first);
        const torch::Tensor& ga = a.grads[i].second;
        const torch::Tensor& gb = b.grads[i].second;
        ASSERT_EQ(ga.sizes(), gb.sizes()) << a.grads[i].first;
        const double scale = ga.abs().max().item<double>();
        EXPECT_GT(scale, 0.0) << a.grads[i].first << ": a gradient of zeros compares nothing";
        const double diff = (ga - gb).abs().max().item<double>();
        EXPECT_LE(diff, 1e-4 * scale + 1e-6) << a.grads[i].first;
    }
}

void expectMatchesAutograd(ModelConfig config, std::vector<std::int64_t> steps = {0, 3})
{
    SCOPED_TRACE(toString(config.kind) + ", " + toString(config.likelihood));
    auto model = makeModel(config);
    model->train();
    auto fused = FusedStep::create(*model);
    ASSERT_TRUE(fused);
    // Both ways start from the same buffers: a VQ-VAE's codebook moves in its loss and decides the codes.
    auto restore = [&](const std::vector<torch::Tensor>& saved) {
        torch::NoGradGuard noGrad;
        std::size_t i = 0;
        for (auto& b : model->buffers())
            b.copy_(saved[i++]);
    };
    // A full batch, then a smaller one (an epoch's last) through the same buffers, then the full one again.
    for (std::int64_t n : {12, 7, 12}) {
        const torch::Tensor x = inputs(n, config.likelihood, config.inputShape);
        const torch::Tensor y = config.kind == ModelKind::ConditionalVae ? labels(n) : torch::Tensor();
        for (std::int64_t step : steps) {
            SCOPED_TRACE("batch " + std::to_string(n) + ", step " + std::to_string(step));
            std::vector<torch::Tensor> before;
            for (const auto& b : model->buffers())
                before.push_back(b.clone());
            const StepResult reference = viaAutograd(*model, x, y, step, 40 + static_cast<std::uint64_t>(step));
            restore(before);
            const StepResult fast = viaFusedStep(*model, *fused, x, y, step, 40 + static_cast<std::uint64_t>(step));
            expectSame(reference, fast);
        }
    }
}

} // namespace

TEST(FusedStep, BernoulliVaeMatchesAutograd)
{
    expectMatchesAutograd(mlpVae(Likelihood::Bernoulli));
}

TEST(FusedStep, GaussianVaeMatchesAutograd)
{
    expectMatchesAutograd(mlpVae(Likelihood::Gaussian));
}

TEST(FusedStep, OneHiddenLayerAndThreeMatchAutograd)
{
    expectMatchesAutograd(mlpVae(Likelihood::Bernoulli, {20}));
    expectMatchesAutograd(mlpVae(Likelihood::Gaussian, {20, 16, 12}));
}

TEST(FusedStep, KlWarmUpAndBetaMatchAutograd)
{
    ModelConfig c = mlpVae(Likelihood::Bernoulli);
    c.kind = ModelKind::BetaVae;
    c.beta = 4.0;
    c.klWarmupSteps = 10;
    expectMatchesAutograd(c, {0, 4, 25});
}

TEST(FusedStep, CapacityAnnealingMatchesAutograd)
{
    ModelConfig c = mlpVae(Likelihood::Bernoulli);
    c.kind = ModelKind::BetaVae;
    c.beta = 20.0;
    c.capacityMax = 5.0;
    c.capacitySteps = 100;
    expectMatchesAutograd(c, {0, 50, 500});
}

TEST(FusedStep, AddsToTheGradientsAsBackwardDoes)
{
    auto model = makeModel(mlpVae(Likelihood::Gaussian));
    auto fused = FusedStep::create(*model);
    const torch::Tensor x = inputs(10, Likelihood::Gaussian);
    const StepResult once = viaFusedStep(*model, *fused, x, {}, 0, 7);
    torch::manual_seed(7);
    fused->lossAndGradients(x, {}, 0);
    for (const auto& [name, grad] : once.grads) {
        const torch::Tensor now = model->named_parameters()[name].grad();
        EXPECT_TRUE(torch::allclose(now, 2 * grad, 1e-5, 1e-6)) << name;
    }
}

TEST(FusedStep, EveryFamilyMatchesAutograd)
{
    for (ModelKind kind : {ModelKind::Autoencoder, ModelKind::ConditionalVae, ModelKind::HierarchicalVae,
                           ModelKind::VqVae})
        for (Likelihood likelihood : {Likelihood::Bernoulli, Likelihood::Gaussian})
            expectMatchesAutograd(mlpModel(kind, likelihood));
}

// The conditional VAE both ways: the class prior (the default) from a start where every class's Gaussian differs,
// so a mix-up of rows and labels shows, and the single N(0, I) prior of older checkpoints.
TEST(FusedStep, ConditionalVaePriorsMatchAutograd)
{
    for (const bool classPrior : {true, false}) {
        SCOPED_TRACE(classPrior ? "class prior" : "standard prior");
        ModelConfig c = mlpModel(ModelKind::ConditionalVae, Likelihood::Bernoulli);
        c.classPrior = classPrior;
        auto model = makeModel(c);
        const auto named = model->named_parameters();
        EXPECT_EQ(named.contains("prior_mu"), classPrior);
        if (classPrior) {
            torch::NoGradGuard noGrad;
            torch::manual_seed(11);
            named["prior_mu"].copy_(torch::randn({4, 3}));
            named["prior_logvar"].copy_(torch::randn({4, 3}) * 0.5);
        }
        model->train();
        auto fused = FusedStep::create(*model);
        ASSERT_TRUE(fused);
        const torch::Tensor x = inputs(12, c.likelihood, c.inputShape);
        const StepResult reference = viaAutograd(*model, x, labels(12), 0, 5);
        const StepResult fast = viaFusedStep(*model, *fused, x, labels(12), 0, 5);
        expectSame(reference, fast);
    }
}

// The conv backbones (conv_backbone.h) under every family, on a 3-channel 8x12 image so rows and columns,
// and channels, cannot be mixed up unnoticed.
ModelConfig convModel(ModelKind kind, Likelihood likelihood)
{
    ModelConfig c = mlpModel(kind, likelihood, {16});
    c.backbone = Backbone::Conv;
    c.inputShape = {3, 8, 12};
    if (kind == ModelKind::VqVae)
        c.codeDim = 3; // a 2 x 3 grid of 3-dimensional codes
    return c;
}

TEST(FusedStep, EveryFamilyOnTheConvBackboneMatchesAutograd)
{
    for (ModelKind kind : {ModelKind::Vae, ModelKind::Autoencoder, ModelKind::ConditionalVae,
                           ModelKind::HierarchicalVae, ModelKind::VqVae})
        for (Likelihood likelihood : {Likelihood::Bernoulli, Likelihood::Gaussian}) {
            SCOPED_TRACE("conv");
            expectMatchesAutograd(convModel(kind, likelihood));
        }
}

TEST(FusedStep, HierarchicalVaeWarmUpMatchesAutograd)
{
    ModelConfig c = mlpModel(ModelKind::HierarchicalVae, Likelihood::Bernoulli);
    c.klWarmupSteps = 10;
    expectMatchesAutograd(c, {4, 25}); // at step 0 the KL weighs nothing and the prior has no gradient
}

TEST(FusedStep, ModelsItDoesNotCoverTrainThroughAutograd)
{
    for (ModelKind kind : {ModelKind::Vae, ModelKind::Autoencoder, ModelKind::ConditionalVae, ModelKind::VqVae,
                           ModelKind::HierarchicalVae})
        for (const ModelConfig& c : {mlpModel(kind, Likelihood::Bernoulli), convModel(kind, Likelihood::Bernoulli)}) {
            auto doubles = makeModel(c);
            doubles->to(torch::kDouble);
            EXPECT_FALSE(FusedStep::create(*doubles)) << toString(kind) << " " << toString(c.backbone);
            EXPECT_TRUE(FusedStep::create(*makeModel(c))) << toString(kind) << " " << toString(c.backbone);
        }
}

TEST(FusedStep, TrainerFollowsTheAutogradCurve)
{
    // The same run both ways: the curves agree to rounding, which after 30 Adam steps is still far below
    // what training moves; with gradient clipping too, which the fused step's gradients go through.
    const torch::Tensor x = (inputs(60, Likelihood::Bernoulli) * 255).to(torch::kUInt8).contiguous();
    const Dataset data = Dataset::fromImages(std::vector<std::uint8_t>(x.data_ptr<std::uint8_t>(),
                                                                       x.data_ptr<std::uint8_t>() + x.numel()),
                                             60, 1, 6, 6);
    auto curve = [&](bool fusedSteps, double gradClip) {
        torch::manual_seed(3);
        TrainingConfig t;
        t.epochs = 3;
        t.batchSize = 8;
        t.threads = 1;
        t.seed = 9;
        t.gradClip = gradClip;
        Trainer trainer(makeModel(mlpVae(Likelihood::Bernoulli)), data, t);
        trainer.setFusedSteps(fusedSteps);
        EXPECT_EQ(trainer.run().status, TrainingStatus::Completed);
        std::vector<double> out;
        for (const auto& s : trainer.progress().history.steps())
            out.push_back(s.values[0]);
        return out;
    };
    for (double gradClip : {0.0, 0.05}) {
        SCOPED_TRACE("gradient clipping at " + std::to_string(gradClip));
        const std::vector<double> autograd = curve(false, gradClip), fused = curve(true, gradClip);
        ASSERT_EQ(autograd.size(), 21u); // 3 epochs of 54 training samples (a tenth validates) in batches of 8
        ASSERT_EQ(fused.size(), autograd.size());
        for (std::size_t i = 0; i < autograd.size(); ++i)
            EXPECT_NEAR(autograd[i], fused[i], 1e-3 * autograd[i]) << "step " << i + 1;
        EXPECT_LT(fused.back(), fused.front()); // and it learns
    }
    // Clipping this tight took effect: Adam hardly cares about a gradient's scale, so it moves the loss
    // only a little, but a run is deterministic, so any difference shows.
    EXPECT_GT(std::abs(curve(true, 0.0).back() - curve(true, 0.05).back()), 1e-5);
}
