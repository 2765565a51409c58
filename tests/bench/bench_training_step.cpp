// One training step of the classic MLP VAE (784-512-512-32, batch 128) on random binary images, and its parts:
// the loss with its gradients through LibTorch's autograd or through the fused step (core/models/fused), the Adam step, and the
// Bernoulli loss sweep. Also the figure that shows what the BLAS behind LibTorch is worth; compare OpenBLAS
// with the reference BLAS:
//   build/tests/bench/bench_training_step
//   LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas build/tests/bench/bench_training_step
#include "core/models/fused/fused_step.h"
#include "core/models/fused/sgemm.h"
#include "core/models/make_model.h"
#include "core/models/reconstruction_sweep.h"
#include "core/training/adam_optimizer.h"

#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include <algorithm>
#include <vector>

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
    auto fused = fused::FusedStep::create(*s.model);
    for (auto _ : state) {
        const auto loss = fused->lossAndGradients(s.x, {}, 0);
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
    auto fused = fused::FusedStep::create(*s.model);
    for (auto _ : state) {
        fused->zeroGradients();
        const auto loss = fused->lossAndGradients(s.x, {}, 0);
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

// The Bernoulli loss and its gradient at the decoder's output, [128, 784] logits: LibTorch's vectorised
// sigmoid and softplus passes and one loop for the rest (what the fused step did until 2026-11-27), against
// the one sweep it takes now (models/reconstruction_sweep.h).
struct LossSetup {
    torch::Tensor logits = torch::randn({128, 784}) * 4.0, target = (torch::rand({128, 784}) > 0.7).to(torch::kFloat);
    torch::Tensor grad = torch::empty({128, 784}), probability = torch::empty({128, 784}),
                  softplus = torch::empty({128, 784});
    explicit LossSetup(benchmark::State& state) { at::set_num_threads(static_cast<int>(state.range(0))); }
};

void BM_BernoulliLossLibTorchPasses(benchmark::State& state)
{
    LossSetup s(state);
    const std::int64_t n = s.logits.numel();
    const float* o = s.logits.data_ptr<float>();
    const float* t = s.target.data_ptr<float>();
    float* g = s.grad.data_ptr<float>();
    for (auto _ : state) {
        at::sigmoid_out(s.probability, s.logits);
        at::softplus_out(s.softplus, s.logits, 1, 20);
        const float* p = s.probability.data_ptr<float>();
        const float* sp = s.softplus.data_ptr<float>();
        std::vector<double> partial(static_cast<std::size_t>((n + kReconstructionBlock - 1) / kReconstructionBlock));
        at::parallel_for(0, static_cast<std::int64_t>(partial.size()), 1, [&](std::int64_t first, std::int64_t last) {
            for (std::int64_t b = first; b < last; ++b) {
                float sum = 0.0f;
                for (std::int64_t i = b * kReconstructionBlock, end = std::min(n, i + kReconstructionBlock); i < end; ++i) {
                    sum += sp[i] - o[i] * t[i];
                    g[i] = (p[i] - t[i]) / 128.0f;
                }
                partial[static_cast<std::size_t>(b)] = sum;
            }
        });
        benchmark::DoNotOptimize(partial.data());
    }
}

void BM_BernoulliLossSweep(benchmark::State& state)
{
    LossSetup s(state);
    for (auto _ : state)
        benchmark::DoNotOptimize(reconstructionSweep(Likelihood::Bernoulli, s.logits.data_ptr<float>(),
                                                     s.target.data_ptr<float>(), s.grad.data_ptr<float>(),
                                                     s.logits.numel(), 1.0f / 128.0f));
}

BENCHMARK(BM_StepLibTorchAdam)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_StepFused)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_LossAndGradientsAutograd)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_LossAndGradientsFused)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_AdamStep)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_BernoulliLossLibTorchPasses)->Arg(2)->Unit(benchmark::kMicrosecond)->MinTime(1.0);
BENCHMARK(BM_BernoulliLossSweep)->Arg(2)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

// The step's matrix products alone (forward, input gradients but the first layer's, weight gradients of the
// seven dense layers at batch 128: 0.95 GFLOP), through oneDNN as the fused step does them and through the
// OpenBLAS behind LibTorch's at::mm; and a 2048 x 2048 product, the machine's peak for each, in the same run.
struct Product {
    torch::Tensor out, a, b;
};

std::vector<Product> stepProducts()
{
    const std::vector<std::pair<std::int64_t, std::int64_t>> layers = {{784, 512}, {512, 512}, {512, 32}, {512, 32},
                                                                       {32, 512},  {512, 512}, {512, 784}};
    const std::int64_t batch = 128;
    std::vector<Product> out;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const auto [in, width] = layers[i];
        const torch::Tensor x = torch::randn({batch, in}), w = torch::randn({width, in}), g = torch::randn({batch, width});
        out.push_back({torch::empty({batch, width}), x, w.t()});   // forward
        out.push_back({torch::empty({width, in}), g.t(), x});      // weight gradient
        if (i != 0)
            out.push_back({torch::empty({batch, in}), g, w});      // input gradient
    }
    return out;
}

double flops(const std::vector<Product>& products)
{
    double f = 0;
    for (const auto& p : products)
        f += 2.0 * static_cast<double>(p.a.size(0) * p.a.size(1) * p.b.size(1));
    return f;
}

void runProducts(benchmark::State& state, std::vector<Product> products, bool oneDnn)
{
    for (auto _ : state)
        for (auto& p : products) {
            if (oneDnn)
                fused::matmul(p.out, p.a, p.b);
            else
                at::mm_out(p.out, p.a, p.b);
        }
    state.counters["GFLOP/s"] = benchmark::Counter(flops(products) * static_cast<double>(state.iterations()) / 1e9,
                                                   benchmark::Counter::kIsRate);
}

void BM_StepProductsOneDnn(benchmark::State& state)
{
    at::set_num_threads(static_cast<int>(state.range(0)));
    runProducts(state, stepProducts(), true);
}

void BM_StepProductsOpenBlas(benchmark::State& state)
{
    at::set_num_threads(static_cast<int>(state.range(0)));
    runProducts(state, stepProducts(), false);
}

std::vector<Product> peakProduct()
{
    return {{torch::empty({2048, 2048}), torch::randn({2048, 2048}), torch::randn({2048, 2048})}};
}

void BM_Peak2048OneDnn(benchmark::State& state)
{
    at::set_num_threads(static_cast<int>(state.range(0)));
    runProducts(state, peakProduct(), true);
}

void BM_Peak2048OpenBlas(benchmark::State& state)
{
    at::set_num_threads(static_cast<int>(state.range(0)));
    runProducts(state, peakProduct(), false);
}

} // namespace

BENCHMARK(BM_StepProductsOneDnn)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_StepProductsOpenBlas)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_Peak2048OneDnn)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_Peak2048OpenBlas)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(1.0);

BENCHMARK_MAIN();
