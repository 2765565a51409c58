// UMAP on a float32 .npy matrix (latents from `latentlab-cli encode --out z.npy`): time by phase and
// trustworthiness (k=10). compare_umap.sh runs it side by side with umap-learn and uwot on the same rows.
//   build/tests/bench/bench_umap --input z.npy [--rows N] [--threads 2] [--epochs E] [--neighbors 15]
//                                [--min-dist 0.1] [--metric euclidean|cosine] [--seed S] [--out layout.npy]
//                                [--no-trust]
//   build/tests/bench/bench_umap --input z.npy [--rows N] --score a.npy [b.npy ...]
// --score only scores the given layouts (umap-learn's, uwot's) with this trustworthiness, which is exact in
// blocks: sklearn's builds the full N x N distance matrix, 39 GB at 70,000 points.
#include "core/analysis/trustworthiness.h"
#include "core/analysis/umap.h"
#include "core/data/table_writer.h"
#include "tests/bench/bench_npy.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace latentlab;

int main(int argc, char** argv)
{
    std::string input, out;
    std::vector<std::string> score;
    std::int64_t rows = -1;
    bool trust = true;
    UmapOptions o;
    o.threads = 2;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : "";
        if (a == "--no-trust") {
            trust = false;
            continue;
        }
        if (a == "--score") {
            for (; i + 1 < argc && argv[i + 1][0] != '-'; ++i)
                score.emplace_back(argv[i + 1]);
            continue;
        }
        ++i;
        if (a == "--input")
            input = v;
        else if (a == "--rows")
            rows = std::atoll(v);
        else if (a == "--threads")
            o.threads = std::atoi(v);
        else if (a == "--epochs")
            o.epochs = std::atoi(v);
        else if (a == "--neighbors")
            o.neighbours = std::atoi(v);
        else if (a == "--min-dist")
            o.minDist = std::atof(v);
        else if (a == "--metric")
            o.metric = umapMetricFromString(v);
        else if (a == "--seed")
            o.seed = std::strtoull(v, nullptr, 10);
        else if (a == "--out")
            out = v;
    }
    if (input.empty()) {
        std::fprintf(stderr, "usage: bench_umap --input z.npy [--rows N] [--threads T] [--out layout.npy]\n");
        return 2;
    }
    torch::Tensor x = bench::readFloatMatrix(input);
    if (rows > 0 && rows < x.size(0))
        x = x.narrow(0, 0, rows).contiguous();
    if (!score.empty()) {
        for (const std::string& path : score)
            std::printf("latentlab's trustworthiness(k=10) of %s: %.5f\n", path.c_str(),
                        trustworthiness(x, bench::readFloatMatrix(path), 10));
        return 0;
    }
    const auto t0 = std::chrono::steady_clock::now();
    auto since = [&t0] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    // Phase ends from the progress messages: the neighbour search's last report, the graph, the start.
    double neighbours = 0.0, graph = 0.0, start = 0.0;
    AnalysisControl control([&](double, const std::string& what) {
        if (what == "UMAP: nearest neighbours")
            neighbours = since();
        else if (what == "UMAP: fuzzy graph")
            graph = since();
        else if (what.rfind("UMAP: epoch", 0) != 0 && what.find("start") != std::string::npos)
            start = since();
    });
    const UmapResult r = runUmap(x, o, &control);
    const double seconds = since();
    std::printf("latentlab  UMAP  %lld x %lld  %d threads  %d epochs  %.2f s (neighbours %.2f, graph %.2f, %s start "
                "%.2f, optimisation %.2f)  edges %lld",
                static_cast<long long>(x.size(0)), static_cast<long long>(x.size(1)), o.threads, r.epochs, seconds,
                neighbours, graph - neighbours, r.init.c_str(), start - graph, seconds - start,
                static_cast<long long>(r.edges));
    if (trust)
        std::printf("  trustworthiness(k=10) %.5f", trustworthiness(x, r.layout, 10));
    std::printf("\n");
    if (!out.empty()) {
        const torch::Tensor l = r.layout.contiguous();
        writeNpy(out, FloatMatrix{l.data_ptr<float>(), l.size(0), l.size(1)});
    }
    return 0;
}
