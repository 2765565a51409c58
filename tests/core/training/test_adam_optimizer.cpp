// The fused Adam against LibTorch's own, and its undo and state round trip.
#include "core/training/adam_optimizer.h"

#include <gtest/gtest.h>

#include "core/util/errors.h"

using namespace latentlab;

namespace {

struct TwoCopies {
    torch::nn::Sequential a{torch::nn::Linear(5, 7), torch::nn::ReLU(), torch::nn::Linear(7, 3)};
    torch::nn::Sequential b{torch::nn::Linear(5, 7), torch::nn::ReLU(), torch::nn::Linear(7, 3)};
    TwoCopies()
    {
        torch::NoGradGuard g;
        for (std::size_t i = 0; i < a->parameters().size(); ++i)
            b->parameters()[i].copy_(a->parameters()[i]);
    }
};

NamedTensors named(torch::nn::Module& m)
{
    NamedTensors out;
    for (const auto& p : m.named_parameters())
        out.emplace_back(p.key(), p.value());
    return out;
}

torch::Tensor lossOf(torch::nn::Sequential& m, const torch::Tensor& x)
{
    return m->forward(x).pow(2).sum();
}

} // namespace

TEST(AdamOptimizer, MatchesLibTorchAdamWithWeightDecay)
{
    torch::manual_seed(0);
    TwoCopies m;
    torch::optim::Adam reference(m.a->parameters(), torch::optim::AdamOptions(0.01).weight_decay(0.1));
    AdamOptimizer fused(named(*m.b), {0.01, 0.9, 0.999, 1e-8, 0.1});
    for (int step = 0; step < 25; ++step) {
        const torch::Tensor x = torch::randn({4, 5});
        reference.zero_grad();
        lossOf(m.a, x).backward();
        reference.step();
        fused.zeroGrad();
        lossOf(m.b, x).backward();
        fused.step();
    }
    for (std::size_t i = 0; i < m.a->parameters().size(); ++i)
        EXPECT_TRUE(torch::allclose(m.a->parameters()[i], m.b->parameters()[i], 1e-5, 1e-6)) << "parameter " << i;
    EXPECT_EQ(fused.steps(), 25);
}

TEST(AdamOptimizer, UndoPutsBackTheWeightsFromBeforeTheStep)
{
    torch::manual_seed(1);
    TwoCopies m;
    AdamOptimizer opt(named(*m.a), {});
    const torch::Tensor x = torch::randn({4, 5});
    lossOf(m.a, x).backward();
    opt.step();
    std::vector<torch::Tensor> before;
    for (const auto& p : m.a->parameters())
        before.push_back(p.detach().clone());
    opt.zeroGrad();
    lossOf(m.a, x).backward();
    opt.step();
    EXPECT_FALSE(torch::equal(before[0], m.a->parameters()[0]));
    opt.undoLastStep();
    for (std::size_t i = 0; i < before.size(); ++i)
        EXPECT_TRUE(torch::equal(before[i], m.a->parameters()[i]));
    EXPECT_EQ(opt.steps(), 1);
}

TEST(AdamOptimizer, StateRoundTripsAndRefusesWrongShapes)
{
    torch::manual_seed(2);
    TwoCopies m;
    AdamOptimizer first(named(*m.a), {});
    AdamOptimizer second(named(*m.b), {});
    const torch::Tensor x = torch::randn({4, 5});
    for (int i = 0; i < 3; ++i) {
        first.zeroGrad();
        lossOf(m.a, x).backward();
        first.step();
    }
    second.loadState(first.state());
    EXPECT_EQ(second.steps(), 3);
    // With equal weights and moments, the next step is the same in both.
    {
        torch::NoGradGuard g;
        for (std::size_t i = 0; i < m.a->parameters().size(); ++i)
            m.b->parameters()[i].copy_(m.a->parameters()[i]);
    }
    first.zeroGrad();
    lossOf(m.a, x).backward();
    first.step();
    second.zeroGrad();
    lossOf(m.b, x).backward();
    second.step();
    EXPECT_TRUE(torch::equal(m.a->parameters()[0], m.b->parameters()[0]));

    NamedTensors broken = first.state();
    broken[1].second = torch::zeros({2, 2});
    EXPECT_THROW(second.loadState(broken), ModelMismatchError);
    broken.pop_back();
    EXPECT_THROW(second.loadState(NamedTensors{}), ModelMismatchError);
}
