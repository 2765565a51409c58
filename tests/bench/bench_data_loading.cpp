// Loading all 70,000 Fashion-MNIST images (train + t10k, gzipped) with their labels.
// Target (issue 2): under 1 s and under 120 MB of extra memory.
//   build/tests/bench/bench_data_loading [--data DIR]
#include "core/data/load_dataset.h"
#include "tests/bench/memory_probe.h"

#include <benchmark/benchmark.h>

#include <cstring>
#include <filesystem>
#include <iostream>

namespace {

std::string g_data = "/usr/share/datasets/fashion-mnist";

void BM_LoadFashionMnist(benchmark::State& state)
{
    if (!std::filesystem::exists(g_data)) {
        state.SkipWithError(("no dataset at " + g_data).c_str());
        return;
    }
    double peakExtraMb = 0;
    std::int64_t count = 0;
    for (auto _ : state) {
        const long before = latentlab::bench::procStatusKb("VmRSS");
        latentlab::bench::resetPeakRss();
        const latentlab::Dataset ds = latentlab::loadDataset(g_data);
        const long peak = latentlab::bench::procStatusKb("VmHWM");
        peakExtraMb = std::max(peakExtraMb, static_cast<double>(peak - before) / 1024.0);
        count = ds.size();
        benchmark::DoNotOptimize(ds.uint8Data());
    }
    state.counters["samples"] = static_cast<double>(count);
    state.counters["peak_extra_MB"] = peakExtraMb;
    state.counters["stored_MB"] = static_cast<double>(count) * 784.0 / (1024.0 * 1024.0);
}
BENCHMARK(BM_LoadFashionMnist)->Unit(benchmark::kMillisecond)->MinTime(3.0);

} // namespace

int main(int argc, char** argv)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--data") == 0)
            g_data = argv[i + 1];
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
