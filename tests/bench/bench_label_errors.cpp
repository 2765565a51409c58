// Label-error scores on Fashion-MNIST, the figures issue 22 asks for. A harness run by hand, not a timed test.
//   build/tests/bench/bench_label_errors [--data DIR] [--epochs 10] [--threads 2] [--k 10[,20,...]]
//                                        [--only cvae,vae,conv-vae] [--cache DIR] [--flip 0.05] [--seed 22]
// Flips --flip of the TRAINING labels (in memory: the files are only read) to a uniformly chosen other class,
// with a fixed seed; trains LatentLab's default models on that noisy training split through the Trainer (batch
// 128, Adam 1e-3, seed 0): the CVAE for the conditional score, the MLP VAE and the conv VAE for the neighbours
// score (the CVAE's latents too); scores the training split and reports, for each score, the AUROC of flipped
// against clean and the precision among the top 5% (as many as were flipped), beside the baseline: kNN label
// disagreement (k = 10) on the first 50 principal components of the pixels, computed in the same run.
// --cache DIR keeps each trained model as a checkpoint (name-epochs.ckpt), so another k costs no training.
// Exit code 0 whatever the figures (read them).
#include "core/analysis/encode_all.h"
#include "core/analysis/label_errors.h"
#include "core/analysis/pca.h"
#include "core/analysis/roc.h"
#include "core/analysis/tsne_affinities.h"
#include "core/data/load_dataset.h"
#include "core/models/make_model.h"
#include "core/training/checkpoint.h"
#include "core/training/trainer.h"
#include "tests/bench/bench_clock.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <string>

using namespace latentlab;

namespace {

using bench::Clock;
using bench::secondsSince;

struct Options {
    std::string data = "/usr/share/datasets/fashion-mnist";
    std::int64_t epochs = 10;
    int threads = 2;
    std::vector<int> ks{10};
    std::set<std::string> only{"cvae", "vae", "conv-vae"};
    std::string cache;
    double flip = 0.05;
    std::uint64_t seed = 22;
};

std::vector<int> intList(const std::string& text)
{
    std::vector<int> out;
    std::stringstream list(text);
    for (std::string v; std::getline(list, v, ',');)
        out.push_back(std::stoi(v));
    return out;
}

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--data")
            o.data = v;
        else if (a == "--epochs")
            o.epochs = std::max(1, std::stoi(v));
        else if (a == "--threads")
            o.threads = std::max(1, std::stoi(v));
        else if (a == "--k")
            o.ks = intList(v);
        else if (a == "--cache")
            o.cache = v;
        else if (a == "--flip")
            o.flip = std::stod(v);
        else if (a == "--seed")
            o.seed = std::stoull(v);
        else if (a == "--only") {
            o.only.clear();
            std::stringstream list(v);
            for (std::string m; std::getline(list, m, ',');)
                o.only.insert(m);
        } else
            std::fprintf(stderr, "ignored: %s %s\n", a.c_str(), v.c_str());
    }
    return o;
}

// Flips `fraction` of the training samples to another class, uniformly chosen among the other nine; returns
// one flag per training sample (in the order of train).
std::vector<std::uint8_t> flipLabels(Dataset& ds, const std::vector<std::int64_t>& train, const Options& o)
{
    std::mt19937_64 rng(o.seed);
    std::vector<std::size_t> order(train.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::shuffle(order.begin(), order.end(), rng);
    const auto flips = static_cast<std::size_t>(o.flip * static_cast<double>(train.size()) + 0.5);
    std::vector<std::int32_t> labels = ds.labels();
    std::vector<std::uint8_t> flipped(train.size(), 0);
    const int classes = ds.numClasses();
    for (std::size_t f = 0; f < flips; ++f) {
        const std::size_t p = order[f];
        auto& l = labels[static_cast<std::size_t>(train[p])];
        l = static_cast<std::int32_t>((l + 1 + static_cast<int>(rng() % static_cast<std::uint64_t>(classes - 1))) % classes);
        flipped[p] = 1;
    }
    ds.setLabels(std::move(labels), ds.classNames());
    return flipped;
}

struct Figures {
    double auroc = 0.0;
    double precision = 0.0;
};

// AUROC of flipped against clean, and the share of flipped among the top (as many as were flipped), ranked as
// the Labels view ranks them (equal scores by index).
Figures evaluate(const std::vector<LabelSuspect>& suspects, const std::vector<std::uint8_t>& flipped)
{
    std::vector<double> scores;
    for (const auto& s : suspects)
        scores.push_back(s.score);
    Figures f;
    f.auroc = auroc(scores, flipped);
    const auto top = static_cast<std::size_t>(std::count(flipped.begin(), flipped.end(), std::uint8_t{1}));
    const std::vector<std::size_t> order = rankLabelSuspects(suspects);
    std::size_t hits = 0;
    for (std::size_t i = 0; i < top; ++i)
        hits += flipped[order[i]];
    f.precision = static_cast<double>(hits) / static_cast<double>(std::max<std::size_t>(1, top));
    return f;
}

void report(const std::string& what, const std::vector<LabelSuspect>& suspects, const std::vector<std::uint8_t>& flipped,
            double seconds)
{
    const Figures f = evaluate(suspects, flipped);
    std::printf("%-44s AUROC %.4f  precision@top5%% %.4f  (%.1f s)\n", what.c_str(), f.auroc, f.precision, seconds);
    std::fflush(stdout);
}

// kNN label disagreement on given features: the neighbours score, without a model.
std::vector<LabelSuspect> knnDisagreement(const torch::Tensor& features, const Dataset& ds,
                                          const std::vector<std::int64_t>& indices, int k)
{
    tsne::ChunkRunner runner(at::get_num_threads());
    const tsne::Neighbours nn = tsne::nearestNeighbours(features, k, runner);
    const std::int64_t* near = nn.indices.data_ptr<std::int64_t>();
    std::vector<LabelSuspect> out(indices.size());
    for (std::size_t i = 0; i < indices.size(); ++i) {
        out[i].index = indices[i];
        out[i].given = ds.labels()[static_cast<std::size_t>(indices[i])];
        out[i].suggested = out[i].given;
        int other = 0;
        for (int t = 0; t < k; ++t)
            other += ds.labels()[static_cast<std::size_t>(indices[static_cast<std::size_t>(near[static_cast<std::ptrdiff_t>(i) * k + t])])]
                     != out[i].given;
        out[i].score = static_cast<double>(other) / k;
    }
    return out;
}

// Ranks to [0, 1] (1 = most suspect), for averaging two scores of different units.
std::vector<double> rankScale(const std::vector<LabelSuspect>& suspects)
{
    const std::vector<std::size_t> order = rankLabelSuspects(suspects);
    std::vector<double> r(suspects.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        r[order[i]] = 1.0 - static_cast<double>(i) / static_cast<double>(order.size());
    return r;
}

std::shared_ptr<LatentModel> trainOrLoad(const std::string& name, ModelConfig config, Dataset& ds, const Options& o)
{
    const std::string cached = o.cache.empty() ? std::string()
                                               : o.cache + "/" + name + "-" + std::to_string(o.epochs) + ".ckpt";
    if (!cached.empty() && std::filesystem::exists(cached)) {
        std::printf("%s: loaded %s\n", name.c_str(), cached.c_str());
        return loadCheckpoint(cached).model;
    }
    TrainingConfig t;
    t.epochs = o.epochs;
    t.batchSize = 128;
    t.learningRate = 1e-3;
    t.threads = o.threads;
    t.seed = 0;
    applyTrainingSplit(ds, t);
    torch::manual_seed(0);
    auto model = makeModel(config);
    const auto start = Clock::now();
    Trainer trainer(model, ds, t);
    const TrainingOutcome outcome = trainer.run();
    std::printf("%s: trained %lld epochs in %.1f s (%s)\n", name.c_str(), static_cast<long long>(o.epochs),
                secondsSince(start), outcome.message.c_str());
    std::fflush(stdout);
    if (!cached.empty()) {
        std::filesystem::create_directories(o.cache);
        CheckpointMeta meta;
        meta.training = t;
        saveCheckpoint(cached, *model, nullptr, meta);
    }
    return model;
}

} // namespace

int main(int argc, char** argv)
{
    const Options o = parse(argc, argv);
    at::set_num_threads(o.threads);
    auto start = Clock::now();
    Dataset ds = loadDataset(o.data);
    const std::vector<std::int64_t> train = ds.split().train;
    std::vector<std::int64_t> all(static_cast<std::size_t>(ds.size()));
    std::iota(all.begin(), all.end(), std::int64_t{0});
    const std::vector<std::uint8_t> flipped = flipLabels(ds, train, o);
    std::printf("%s: %lld samples, %zu training, %lld of them flipped (seed %llu); loaded in %.1f s; %d threads\n",
                o.data.c_str(), static_cast<long long>(ds.size()), train.size(),
                static_cast<long long>(std::count(flipped.begin(), flipped.end(), std::uint8_t{1})),
                static_cast<unsigned long long>(o.seed), secondsSince(start), o.threads);

    // The baseline: kNN label disagreement (k = 10) on the first 50 principal components of the pixels.
    start = Clock::now();
    const torch::Tensor pixels = ds.batch(train).reshape({static_cast<std::int64_t>(train.size()), -1});
    const torch::Tensor pcs = fitPca(pixels, 50).project(pixels);
    const std::vector<LabelSuspect> baseline = knnDisagreement(pcs, ds, train, 10);
    report("baseline: pixel PCA-50 kNN, k = 10", baseline, flipped, secondsSince(start));

    const std::vector<std::int64_t> shape = ds.sampleShape();
    std::vector<LabelSuspect> conditional;
    if (o.only.count("cvae")) {
        ModelConfig c = ModelConfig::defaultsFor(shape, ModelKind::ConditionalVae);
        c.numClasses = ds.numClasses();
        auto model = trainOrLoad("cvae", c, ds, o);
        LabelOptions options;
        options.method = LabelMethod::Conditional;
        start = Clock::now();
        conditional = scoreLabels(*model, ds, train, options);
        report("conditional: CVAE -ELBO(given) - min other", conditional, flipped, secondsSince(start));
        options.method = LabelMethod::Neighbours;
        for (const int k : o.ks) {
            options.k = k;
            start = Clock::now();
            const std::vector<LabelSuspect> nb = scoreLabels(*model, ds, train, options);
            report("neighbours: CVAE latents, k = " + std::to_string(k), nb, flipped, secondsSince(start));
        }
    }
    for (const std::string name : {"vae", "conv-vae"}) {
        if (!o.only.count(name))
            continue;
        ModelConfig c = ModelConfig::defaultsFor(shape, ModelKind::Vae);
        if (name == "conv-vae")
            c.backbone = Backbone::Conv;
        auto model = trainOrLoad(name, c, ds, o);
        LabelOptions options;
        options.method = LabelMethod::Neighbours;
        for (const int k : o.ks) {
            options.k = k;
            start = Clock::now();
            const std::vector<LabelSuspect> nb = scoreLabels(*model, ds, train, options);
            report("neighbours: " + name + " latents, k = " + std::to_string(k), nb, flipped, secondsSince(start));
            // The speed figure: every sample of the dataset (both splits) scored, as the Labels tab scores them,
            // twice (the first pays for page faults in the fresh buffers).
            for (int run = 0; run < 2; ++run) {
                start = Clock::now();
                const std::vector<LabelSuspect> every = scoreLabels(*model, ds, all, options);
                std::printf("  all %zu samples scored (%s, k = %d) in %.2f s\n", every.size(), name.c_str(), k,
                            secondsSince(start));
            }
            if (!conditional.empty()) {
                // The two scores' ranks averaged: what each misses the other may catch.
                const std::vector<double> a = rankScale(conditional), b = rankScale(nb);
                std::vector<LabelSuspect> both = nb;
                for (std::size_t i = 0; i < both.size(); ++i)
                    both[i].score = 0.5 * (a[i] + b[i]);
                report("combined: conditional + " + name + " k = " + std::to_string(k) + " (mean rank)", both, flipped, 0.0);
            }
        }
    }
    return 0;
}
