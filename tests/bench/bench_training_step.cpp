// One Adam step of the classic MLP VAE (784-512-512-32, batch 128) on random binary images: the figure that
// shows what the BLAS behind LibTorch is worth. Compare OpenBLAS with Debian's reference BLAS:
//   build/tests/bench/bench_training_step
//   LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas build/tests/bench/bench_training_step
#include "models/make_model.h"

#include <benchmark/benchmark.h>
#include <torch/torch.h>

namespace {

void BM_MlpVaeTrainStep(benchmark::State& state)
{
    at::set_num_threads(static_cast<int>(state.range(0)));
    torch::manual_seed(0);
    const auto model = latentlab::makeModel(latentlab::ModelConfig::defaultsFor({1, 28, 28}));
    torch::optim::Adam opt(model->parameters(), torch::optim::AdamOptions(1e-3));
    const torch::Tensor x = torch::rand({128, 1, 28, 28}).round();
    for (auto _ : state) {
        opt.zero_grad();
        const auto loss = model->loss(x);
        loss.total.backward();
        opt.step();
        benchmark::DoNotOptimize(loss.total.item<float>());
    }
    state.SetItemsProcessed(state.iterations() * 128);
}
BENCHMARK(BM_MlpVaeTrainStep)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace

BENCHMARK_MAIN();
