// Duplicates and leaks on a whole dataset (by default all 70,000 Fashion-MNIST images) with a trained model:
// the time of each part (exact hashing, encoding, the nearest-neighbour search) and of findDuplicates as a
// whole, best of --repeat runs (the machine is shared); the histogram of nearest-neighbour distances the
// default threshold is read from, and how many samples each candidate threshold (a fraction of the median
// nearest distance) would put in groups. --pairs DIR writes, for a few distance bands, PNG strips of sample
// pairs (each sample beside its nearest other) to judge by eye where identical ends and similar begins.
// BENCH_DIMS=1 also times the search on the latents' first 32, 16, 8 and 2 columns. On 2026-12-02 the blocked
// search took as long on 2 as on 32 (bound by writing and re-reading 20 GB of distances); the tiled one
// (exact_neighbours.h) took 1.97, 1.36, 1.30 and 1.27 s: what is left is testing 4.9e9 entries against each
// row's threshold, and the products' share grows with the columns.
//   build/tests/bench/bench_duplicates --model CKPT [--data DIR] [--threads 2] [--repeat 3] [--pairs DIR]
#include "core/analysis/duplicates.h"
#include "core/analysis/encode_all.h"
#include "core/analysis/exact_copies.h"
#include "core/analysis/image_grid.h"
#include "core/analysis/tsne_affinities.h"
#include "core/data/load_dataset.h"
#include "core/training/dataset_fingerprint.h"
#include "core/training/model_file.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
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

double quantile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

// Up to `count` pairs (i, nearest of i) whose distance lies in [lo, hi), as one grid: two columns a pair.
void writePairs(const std::string& path, const Dataset& ds, const tsne::Neighbours& nn, double lo, double hi, int count)
{
    std::vector<std::int64_t> rows;
    const std::int64_t n = nn.distances.size(0), k = nn.distances.size(1);
    const double* d2 = nn.distances.data_ptr<double>();
    const std::int64_t* nb = nn.indices.data_ptr<std::int64_t>();
    // Spread over the dataset rather than the first ones found.
    for (std::int64_t step = 0, i = 0; step < n && static_cast<int>(rows.size()) < 2 * count; ++step, i = (i + 7919) % n) {
        const double d = std::sqrt(d2[i * k]);
        if (d >= lo && d < hi && i < nb[i * k]) {
            rows.push_back(i);
            rows.push_back(nb[i * k]);
        }
    }
    if (rows.empty())
        return;
    // Three times the size, so 28 x 28 images can be judged by eye.
    const torch::Tensor big = torch::nn::functional::interpolate(
        ds.batch(rows), torch::nn::functional::InterpolateFuncOptions().scale_factor(std::vector<double>{3.0, 3.0}).mode(torch::kNearest));
    writeImageGrid(path, big, 8, ds.channels(), 3 * ds.height(), 3 * ds.width());
    std::printf("  %s: %zu pairs with nearest distance in [%.4g, %.4g)\n", path.c_str(), rows.size() / 2, lo, hi);
}

} // namespace

int main(int argc, char** argv)
{
    std::string data = "/usr/share/datasets/fashion-mnist", modelPath, pairs;
    int threads = 2, repeat = 3;
    for (int i = 1; i < argc; ++i) {
        const bool value = i + 1 < argc;
        if (!std::strcmp(argv[i], "--threads") && value)
            threads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--repeat") && value)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--data") && value)
            data = argv[++i];
        else if (!std::strcmp(argv[i], "--model") && value)
            modelPath = argv[++i];
        else if (!std::strcmp(argv[i], "--pairs") && value)
            pairs = argv[++i];
    }
    if (modelPath.empty()) {
        std::fprintf(stderr, "usage: bench_duplicates --model CKPT [--data DIR] [--threads 2] [--repeat 3] [--pairs DIR]\n");
        return 2;
    }
    at::set_num_threads(threads);
    Dataset ds = loadDataset(data);
    OpenedModel opened = openModelFile(modelPath);
    if (opened.checkpoint)
        conformToTraining(ds, opened.checkpoint->dataset);
    LatentModel& model = *opened.model;
    std::vector<std::int64_t> all(static_cast<std::size_t>(ds.size()));
    std::iota(all.begin(), all.end(), 0);
    std::printf("%s: %lld samples (%zu train, %zu test), %s, %d threads\n", data.c_str(),
                static_cast<long long>(ds.size()), ds.split().train.size(), ds.split().validation.size(),
                modelPath.c_str(), threads);

    double bestExact = 1e30, bestEncode = 1e30, bestSearch = 1e30, bestAll = 1e30;
    torch::Tensor latents;
    tsne::Neighbours nn;
    DuplicateReport report;
    for (int r = 0; r < repeat; ++r) {
        const double exact = secondsOf([&] { firstExactCopies(ds, all); });
        const double encode = secondsOf([&] { latents = encodeAll(model, ds, all); });
        tsne::ChunkRunner runner(threads);
        const double search = secondsOf([&] { nn = tsne::nearestNeighbours(latents, 10, runner); });
        const double whole = secondsOf([&] { report = findDuplicates(&model, ds, all, {}); });
        std::printf("run %d: exact %.3f s, encode %.3f s, 10 neighbours %.3f s; findDuplicates %.3f s\n", r + 1, exact,
                    encode, search, whole);
        bestExact = std::min(bestExact, exact);
        bestEncode = std::min(bestEncode, encode);
        bestSearch = std::min(bestSearch, search);
        bestAll = std::min(bestAll, whole);
    }
    if (std::getenv("BENCH_DIMS")) { // where the search's time goes: the same search on fewer columns
        tsne::ChunkRunner runner(threads);
        for (const std::int64_t m : {std::int64_t{32}, std::int64_t{16}, std::int64_t{8}, std::int64_t{2}}) {
            const torch::Tensor part = latents.narrow(1, 0, std::min(m, latents.size(1))).contiguous();
            std::printf("  10 neighbours on %lld columns: %.3f s\n", static_cast<long long>(part.size(1)),
                        secondsOf([&] { tsne::nearestNeighbours(part, 10, runner); }));
        }
    }
    std::printf("best: exact %.3f s, encode %.3f s, 10 neighbours %.3f s; findDuplicates %.3f s\n", bestExact,
                bestEncode, bestSearch, bestAll);

    const std::vector<double>& d = report.nearestDistances;
    const double med = quantile(d, 0.5);
    std::printf("nearest distances: min %.4g, 0.1%% %.4g, 1%% %.4g, 5%% %.4g, 25%% %.4g, median %.4g, 75%% %.4g, max %.4g\n",
                quantile(d, 0.0), quantile(d, 0.001), quantile(d, 0.01), quantile(d, 0.05), quantile(d, 0.25), med,
                quantile(d, 0.75), quantile(d, 1.0));
    for (const double f : {0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3}) {
        DuplicateOptions o;
        o.threshold = f * med;
        const DuplicateReport at = findDuplicates(&model, ds, all, o);
        std::printf("threshold %.2f x median = %.4g: %lld near groups, %lld samples in groups, %zu leaks\n", f,
                    o.threshold, static_cast<long long>(at.nearGroups), static_cast<long long>(at.samplesInGroups),
                    at.leaks.size());
    }
    std::printf("default threshold %.4g (%.3f x median): %lld exact groups, %lld near groups, %lld samples in groups, "
                "%zu leaks (%lld exact)\n",
                report.threshold, report.threshold / med, static_cast<long long>(report.exactGroups),
                static_cast<long long>(report.nearGroups), static_cast<long long>(report.samplesInGroups),
                report.leaks.size(),
                static_cast<long long>(std::count_if(report.leaks.begin(), report.leaks.end(), [](const Leak& l) { return l.exact; })));
    std::int64_t within[3] = {0, 0, 0}; // groups all train, all test, across
    for (const DuplicateGroup& g : report.groups) {
        bool train = false, test = false;
        for (const DuplicateMember& m : g.members) {
            const SplitPart p = splitPartOf(ds, m.index);
            train = train || p == SplitPart::Train;
            test = test || p == SplitPart::Validation;
        }
        ++within[train && test ? 2 : train ? 0 : 1];
    }
    std::printf("groups within train %lld, within test %lld, across %lld\n", static_cast<long long>(within[0]),
                static_cast<long long>(within[1]), static_cast<long long>(within[2]));
    if (!pairs.empty()) {
        const double bands[] = {0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5};
        for (std::size_t b = 0; b + 1 < std::size(bands); ++b)
            writePairs(pairs + "/pairs-" + std::to_string(b) + ".png", ds, nn, bands[b] * med, bands[b + 1] * med, 16);
    }
    return 0;
}
