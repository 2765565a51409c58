// How often a model's prior samples look like something (issue 24's teaching case): an autoencoder's latent space
// has holes between its codes, so decodes of draws from the Gaussian fitted to its codes land in them and come
// out as blends; a VAE's prior is filled. For each checkpoint: --draws samples from its prior (samplePrior, the
// sample grid's draw), read by the benchmarks' CNN judge (judge.h); the share it reads with confidence above
// 0.9, and above 0.5, and how the confident ones spread over the classes.
//   build/tests/bench/bench_prior_confidence --models A.ckpt B.ckpt ... [--data DIR] [--draws 1000]
//       [--judge-cache PATH] [--judge-epochs 2] [--threads 2] [--seed 0]
// Exit code 0 whatever the figures (read them).
#include "core/analysis/generation.h"
#include "core/data/load_dataset.h"
#include "core/training/model_file.h"
#include "core/util/file_io.h"
#include "core/util/torch_threads.h"
#include "tests/bench/judge.h"

#include <torch/torch.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace latentlab;
using namespace latentlab::bench;

int main(int argc, char** argv)
{
    std::string data = "/usr/share/datasets/fashion-mnist", judgeCache;
    std::vector<std::string> models;
    std::int64_t draws = 1000, judgeEpochs = 2;
    int threads = 2;
    std::uint64_t seed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool more = i + 1 < argc;
        if (a == "--models") {
            while (i + 1 < argc && std::strncmp(argv[i + 1], "--", 2) != 0)
                models.emplace_back(argv[++i]);
        } else if (a == "--data" && more) {
            data = argv[++i];
        } else if (a == "--draws" && more) {
            draws = std::atoll(argv[++i]);
        } else if (a == "--judge-cache" && more) {
            judgeCache = argv[++i];
        } else if (a == "--judge-epochs" && more) {
            judgeEpochs = std::atoll(argv[++i]);
        } else if (a == "--threads" && more) {
            threads = std::atoi(argv[++i]);
        } else if (a == "--seed" && more) {
            seed = std::strtoull(argv[++i], nullptr, 10);
        } else {
            std::fprintf(stderr, "bench_prior_confidence: unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    if (models.empty()) {
        std::fprintf(stderr, "bench_prior_confidence: --models A.ckpt [B.ckpt ...] is required\n");
        return 2;
    }
    try {
        useTorchThreads(threads);
        const Dataset ds = loadDataset(data);
        Judge judge = trainOrLoadJudge(ds, judgeCache, judgeEpochs, true);
        std::printf("judge: test accuracy %.4f\n", accuracy(judge, ds, ds.split().validation));
        // The ceiling: the judge's confidence on real test images.
        const torch::Tensor real = confidence(judge, ds.batch(ds.split().validation));
        std::printf("%-28s %8s %8s %8s  classes of the confident draws\n", "model", ">0.9", ">0.5", "mean");
        std::printf("%-28s %8.3f %8.3f %8.3f\n", "(real test images)", real.gt(0.9).to(torch::kFloat64).mean().item<double>(),
                    real.gt(0.5).to(torch::kFloat64).mean().item<double>(), real.mean().item<double>());
        for (const std::string& path : models) {
            OpenedModel m = openModelFile(path);
            SampleOptions s;
            s.n = draws;
            s.seed = seed;
            const GeneratedImages drawn = samplePrior(*m.model, s);
            const torch::Tensor conf = confidence(judge, drawn.images);
            const torch::Tensor sure = conf.gt(0.9);
            const torch::Tensor classes = classify(judge, drawn.images).masked_select(sure);
            const torch::Tensor counts = torch::bincount(classes, {}, 10);
            std::string spread;
            for (std::int64_t c = 0; c < 10; ++c)
                spread += (c ? " " : "") + std::to_string(counts[c].item<std::int64_t>());
            std::printf("%-28s %8.3f %8.3f %8.3f  %s\n", displayName(path).c_str(),
                        sure.to(torch::kFloat64).mean().item<double>(), conf.gt(0.5).to(torch::kFloat64).mean().item<double>(),
                        conf.mean().item<double>(), spread.c_str());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_prior_confidence: %s\n", e.what());
        return 1;
    }
    return 0;
}
