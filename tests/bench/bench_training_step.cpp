// One training step of the classic MLP VAE (784-512-512-32, batch 128) on random binary images, and its parts:
// the loss with its gradients through LibTorch's autograd or through FusedVaeStep, and the Adam step. Also
// the figure that shows what the BLAS behind LibTorch is worth; compare OpenBLAS with the reference BLAS:
//   build/tests/bench/bench_training_step
//   LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas build/tests/bench/bench_training_step
#include "models/fused_vae_step.h"
#include "models/make_model.h"
#include "training/adam_optimizer.h"

#include <benchmark/benchmark.h>
#include <torch/torch.h>

namespace {

using namespace latentlab;

struct Setup {
    std::shared_ptr<LatentModel> model;
    torch::Tensor x;
    explicit Setup(const benchmark::State& state)
    {
        at::set_num_threads(static_cast<int>(state.range(0)));
        torch::manual_seed(0);
        model = makeModel(ModelConfig::defaultsFor({1, 28, 28}));
        x = torch::rand({128, 1, 28, 28}).round();
    }
    NamedTensors parameters() const
    {
        NamedTensors out;
        for (const auto& p : model->named_parameters())
            out.emplace_back(p.key(), p.value());
        return out;
    }
};

// The whole step as LibTorch's own frontend writes it: autograd and torch::optim::Adam.
void BM_StepLibTorchAdam(benchmark::State& state)
{
    Setup s(state);
    torch::optim::Adam opt(s.model->parameters(), torch::optim::AdamOptions(1e-3));
    for (auto _ : state) {
        opt.zero_grad();
        const auto loss = s.model->loss(s.x);
        loss.total.backward();
        opt.step();
        benchmark::DoNotOptimize(loss.total.item<float>());
    }
    state.SetItemsProcessed(state.iterations() * 128);
}

// The whole step as the Trainer takes it: the fused loss and gradients, then the fused Adam.
void BM_StepFused(benchmark::State& state)
{
    Setup s(state);
    AdamOptimizer opt(s.parameters(), AdamSettings{});
    auto fused = FusedVaeStep::create(*s.model);
    for (auto _ : state) {
        const auto loss = fused->lossAndGradients(s.x, 0);
        opt.step(AdamOptimizer::Gradients::Zero);
        benchmark::DoNotOptimize(loss.total.item<float>());
    }
    state.SetItemsProcessed(state.iterations() * 128);
}

void BM_LossAndGradientsAutograd(benchmark::State& state)
{
    Setup s(state);
    for (auto _ : state) {
        s.model->zero_grad();
        const auto loss = s.model->loss(s.x);
        loss.total.backward();
        benchmark::DoNotOptimize(loss.total.item<float>());
    }
    state.SetItemsProcessed(state.iterations() * 128);
}

void BM_LossAndGradientsFused(benchmark::State& state)
{
    Setup s(state);
    auto fused = FusedVaeStep::create(*s.model);
    for (auto _ : state) {
        fused->zeroGradients();
        const auto loss = fused->lossAndGradients(s.x, 0);
        benchmark::DoNotOptimize(loss.total.item<float>());
    }
    state.SetItemsProcessed(state.iterations() * 128);
}

// The optimizer alone on the model's 1.4 million weights (gradients of ones, kept between steps).
void BM_AdamStep(benchmark::State& state)
{
    Setup s(state);
    for (auto& p : s.model->parameters())
        p.mutable_grad() = torch::ones_like(p);
    AdamOptimizer opt(s.parameters(), AdamSettings{});
    for (auto _ : state)
        opt.step();
    state.SetItemsProcessed(state.iterations() * 128);
}

BENCHMARK(BM_StepLibTorchAdam)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_StepFused)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_LossAndGradientsAutograd)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_LossAndGradientsFused)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_AdamStep)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace

BENCHMARK_MAIN();
