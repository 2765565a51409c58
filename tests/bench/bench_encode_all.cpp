// Encode-all speed: all 70,000 Fashion-MNIST images (train + t10k) through a model (untrained: the weights do
// not change the work), by default the MLP VAE 784-512-512-32. Target: under 1 s on 2 threads for that one.
// Prints every run and the best, since the machine is shared and a single run says little.
// --compare alternates runs through oneDNN (fused/inference.h) and through LibTorch's own layers in this one
// process on the same images, and also times decoding a single latent (the explorer's probe) both ways;
// it reports each way's median and the ratio of medians with its spread over the pairs.
//   build/tests/bench/bench_encode_all [--threads 2] [--repeat 5] [--batch 1000] [--data DIR]
//                                      [--kind vae] [--backbone mlp|conv] [--compare]
#include "core/analysis/encode_all.h"
#include "core/data/load_dataset.h"
#include "core/models/fused/inference.h"
#include "core/models/make_model.h"
#include "tests/bench/bench_clock.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <string>

using namespace latentlab;

namespace {

template <class F>
double secondsOf(F&& f)
{
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv)
{
    std::string data = "/usr/share/datasets/fashion-mnist", kind = "vae", backbone = "mlp";
    int threads = 2, repeat = 5;
    bool compare = false;
    std::int64_t batch = 1000;
    for (int i = 1; i < argc; ++i) {
        const bool value = i + 1 < argc;
        if (!std::strcmp(argv[i], "--compare"))
            compare = true;
        else if (!std::strcmp(argv[i], "--threads") && value)
            threads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--repeat") && value)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--batch") && value)
            batch = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--data") && value)
            data = argv[++i];
        else if (!std::strcmp(argv[i], "--kind") && value)
            kind = argv[++i];
        else if (!std::strcmp(argv[i], "--backbone") && value)
            backbone = argv[++i];
    }
    at::set_num_threads(threads);
    const Dataset ds = loadDataset(data);
    std::vector<std::int64_t> all(static_cast<std::size_t>(ds.size()));
    std::iota(all.begin(), all.end(), 0);
    torch::manual_seed(0);
    ModelConfig config = ModelConfig::defaultsFor(ds.sampleShape(), modelKindFromString(kind));
    config.backbone = backboneFromString(backbone);
    auto model = makeModel(config);
    model->eval();
    EncodeOptions o;
    o.batchSize = batch;
    const std::vector<std::int64_t> warm(all.begin(), all.begin() + 2000);
    encodeDataset(*model, ds, warm, o);
    std::printf("%s %s, %lld images, %d threads, batch %lld\n", kind.c_str(), backbone.c_str(),
                static_cast<long long>(ds.size()), threads, static_cast<long long>(batch));

    if (!compare) {
        std::vector<double> seconds;
        for (int r = 0; r < repeat; ++r) {
            EncodedSet z;
            seconds.push_back(secondsOf([&] { z = encodeDataset(*model, ds, all, o); }));
            std::printf("run %d: %lld x %lld latents in %.3f s\n", r + 1, static_cast<long long>(z.latents.size(0)),
                        static_cast<long long>(z.latents.size(1)), seconds.back());
        }
        std::sort(seconds.begin(), seconds.end());
        std::printf("encode-all  %lld images  %d threads  batch %lld  best %.3f s  median %.3f s\n",
                    static_cast<long long>(ds.size()), threads, static_cast<long long>(batch), seconds.front(),
                    seconds[seconds.size() / 2]);
        return 0;
    }

    // Side by side: pairs of runs, the order swapped every pair so neither way always runs on a warmer cache.
    fused::setFusedInference(false);
    encodeDataset(*model, ds, warm, o);
    fused::setFusedInference(true);
    const bench::FusedComparison c = bench::compareFusedInference(repeat, [&] { encodeDataset(*model, ds, all, o); });
    for (std::size_t r = 0; r < c.ratio.size(); ++r)
        std::printf("pair %zu: oneDNN %.3f s  LibTorch %.3f s  %.2fx\n", r + 1, c.fused[r], c.libtorch[r], c.ratio[r]);
    std::printf("encode-all  oneDNN median %.3f s  LibTorch median %.3f s  LibTorch/oneDNN %.2fx (%.2f-%.2f)\n",
                bench::median(c.fused), bench::median(c.libtorch), bench::median(c.libtorch) / bench::median(c.fused),
                c.minRatio(), c.maxRatio());

    // The explorer's probe: one latent decoded at a time, 200 times, each way; per-call medians.
    torch::NoGradGuard noGrad;
    const torch::Tensor z = torch::randn({1, model->latentDim()});
    std::vector<double> probe[2];
    for (int r = 0; r < 400; ++r) {
        const bool on = r % 2 == 0;
        fused::setFusedInference(on);
        probe[on ? 0 : 1].push_back(secondsOf([&] { model->decode(z); }));
    }
    fused::setFusedInference(true);
    std::printf("decode 1 latent  oneDNN median %.3f ms  LibTorch median %.3f ms  %.2fx\n", 1e3 * bench::median(probe[0]),
                1e3 * bench::median(probe[1]), bench::median(probe[1]) / bench::median(probe[0]));
    return 0;
}
