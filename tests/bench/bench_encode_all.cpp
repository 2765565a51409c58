// Encode-all speed: all 70,000 Fashion-MNIST images (train + t10k) through the MLP VAE 784-512-512-32 (untrained:
// the weights do not change the work). Target: under 1 s on 2 threads. Prints every run and the best, since
// the machine is shared and a single run says little.
//   build/tests/bench/bench_encode_all [--threads 2] [--repeat 5] [--batch 1000] [--data DIR]
#include "core/analysis/encode_all.h"
#include "core/data/load_dataset.h"
#include "core/models/make_model.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <string>

using namespace latentlab;

int main(int argc, char** argv)
{
    std::string data = "/usr/share/datasets/fashion-mnist";
    int threads = 2, repeat = 5;
    std::int64_t batch = 1000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--repeat"))
            repeat = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--batch"))
            batch = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--data"))
            data = argv[i + 1];
    }
    at::set_num_threads(threads);
    const Dataset ds = loadDataset(data);
    std::vector<std::int64_t> all(static_cast<std::size_t>(ds.size()));
    std::iota(all.begin(), all.end(), 0);
    torch::manual_seed(0);
    auto model = makeModel(ModelConfig::defaultsFor(ds.sampleShape()));
    EncodeOptions o;
    o.batchSize = batch;
    encodeDataset(*model, ds, std::vector<std::int64_t>(all.begin(), all.begin() + 2000), o); // warm-up
    std::vector<double> seconds;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        const EncodedSet z = encodeDataset(*model, ds, all, o);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        std::printf("run %d: %lld x %lld latents in %.3f s\n", r + 1, static_cast<long long>(z.latents.size(0)),
                    static_cast<long long>(z.latents.size(1)), seconds.back());
    }
    std::sort(seconds.begin(), seconds.end());
    std::printf("encode-all  %lld images  %d threads  batch %lld  best %.3f s  median %.3f s\n",
                static_cast<long long>(ds.size()), threads, static_cast<long long>(batch), seconds.front(),
                seconds[seconds.size() / 2]);
    return 0;
}
