// t-SNE on a float32 .npy matrix (latents from `latentlab-cli encode --out z.npy`): time, KL divergence and
// trustworthiness (k=10). compare_tsne.sh runs it side by side with scikit-learn's TSNE on the same rows.
//   build/tests/bench/bench_tsne --input z.npy [--rows N] [--threads 2] [--iterations 1000] [--perplexity 30]
//                                [--out layout.npy] [--no-trust]
// --rows takes the first N rows (the benchmark's explicit choice, as the Python side does); default all.
#include "core/analysis/trustworthiness.h"
#include "core/analysis/tsne.h"
#include "tests/bench/bench_npy.h"
#include "core/data/table_writer.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

using namespace latentlab;

using bench::readFloatMatrix;

int main(int argc, char** argv)
{
    std::string input, out;
    std::int64_t rows = -1;
    bool trust = true;
    TsneOptions o;
    o.threads = 2;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : "";
        if (a == "--no-trust") {
            trust = false;
            continue;
        }
        ++i;
        if (a == "--input")
            input = v;
        else if (a == "--rows")
            rows = std::atoll(v);
        else if (a == "--threads")
            o.threads = std::atoi(v);
        else if (a == "--iterations")
            o.iterations = std::atoi(v);
        else if (a == "--perplexity")
            o.perplexity = std::atof(v);
        else if (a == "--out")
            out = v;
    }
    if (input.empty()) {
        std::fprintf(stderr, "usage: bench_tsne --input z.npy [--rows N] [--threads T] [--out layout.npy]\n");
        return 2;
    }
    torch::Tensor x = readFloatMatrix(input);
    if (rows > 0 && rows < x.size(0))
        x = x.narrow(0, 0, rows).contiguous();
    const auto t0 = std::chrono::steady_clock::now();
    auto since = [&t0] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    // When each phase ends, from the progress messages: the last neighbour-search report, then the affinities.
    double neighbours = 0.0, affinities = 0.0;
    AnalysisControl control([&](double, const std::string& what) {
        if (what == "t-SNE: nearest neighbours")
            neighbours = since();
        else if (what == "t-SNE: affinities")
            affinities = since();
    });
    const TsneResult r = runTsne(x, o, &control);
    const double seconds = since();
    std::printf("latentlab  t-SNE  %lld x %lld  %d threads  %d iterations  %.2f s (neighbours %.2f, affinities %.2f, "
                "optimisation %.2f)  KL %.4f",
                static_cast<long long>(x.size(0)), static_cast<long long>(x.size(1)), o.threads, r.iterations,
                seconds, neighbours, affinities - neighbours, seconds - affinities, r.klDivergence);
    if (trust)
        std::printf("  trustworthiness(k=10) %.5f", trustworthiness(x, r.layout, 10));
    std::printf("\n");
    if (!out.empty()) {
        const torch::Tensor l = r.layout.contiguous();
        writeNpy(out, FloatMatrix{l.data_ptr<float>(), l.size(0), l.size(1)});
    }
    return 0;
}
