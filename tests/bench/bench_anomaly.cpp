// Anomaly scores on Fashion-MNIST, the figures issue 5 asks for. A harness run by hand, not a timed test.
//   build/tests/bench/bench_anomaly [timing] [trouser] [one-class] [--data DIR] [--threads 2] [--repeats 5]
//                                  [--batch 1024]
//                                  [--epochs 5] [--classes 0,1,...] [--backbone mlp|conv] [--compare]
// timing:    scores all 70,000 images by MSE (and BCE) with an untrained MLP AE 784-512-512-32 (or the conv AE
//            with --backbone conv); best of N. With --compare, pairs of runs through oneDNN (fused/inference.h)
//            and LibTorch's own layers, alternating which goes first: medians and the ratio's spread.
// trouser:   that AE trained 5 epochs (batch 128, Adam 1e-3) on the training images of every class but
//            Trouser (1), then the test set scored by MSE: AUROC for Trouser as the anomaly (target >= 0.86).
// one-class: trained on class c only, every other class anomalous, for each c; each AUROC and the mean.
// With no mode, runs all three. Exit code 0 whatever the figures (read them).
#include "core/analysis/anomaly_scores.h"
#include "core/analysis/anomaly_threshold.h"
#include "core/analysis/roc.h"
#include "core/data/class_subset.h"
#include "core/data/load_dataset.h"
#include "tests/bench/bench_clock.h"
#include "core/models/make_model.h"
#include "core/training/trainer.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <set>
#include <sstream>
#include <string>

using namespace latentlab;

namespace {

using bench::Clock;
using bench::secondsSince;

struct Options {
    std::string data = "/usr/share/datasets/fashion-mnist";
    int threads = 2;
    int repeats = 5;
    std::int64_t batch = 1024; // scoring batch
    std::int64_t epochs = 5;
    std::vector<int> classes{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    std::set<std::string> modes;
    Backbone backbone = Backbone::Mlp; // of the timing's model
    bool compare = false;
};

ModelConfig mlpAutoencoder()
{
    return ModelConfig::defaultsFor({1, 28, 28}, ModelKind::Autoencoder); // MLP 784-512-512-32, Bernoulli
}

std::vector<std::int64_t> range(std::int64_t n)
{
    std::vector<std::int64_t> v(static_cast<std::size_t>(n));
    std::iota(v.begin(), v.end(), std::int64_t{0});
    return v;
}

void compareTiming(LatentModel& model, const Dataset& ds, const std::vector<std::int64_t>& all, const Options& o)
{
    for (const AnomalyScore score : {AnomalyScore::Mse, AnomalyScore::Bce}) {
        const bench::FusedComparison c =
            bench::compareFusedInference(o.repeats, [&] { anomalyScores(model, ds, all, score, nullptr, o.batch); });
        std::printf("timing: %lld images by %s, %s AE: oneDNN median %.3f s, LibTorch median %.3f s, "
                    "LibTorch/oneDNN %.2fx (%.2f-%.2f over %d pairs)\n",
                    static_cast<long long>(ds.size()), toString(score).c_str(), toString(o.backbone).c_str(),
                    bench::median(c.fused), bench::median(c.libtorch), bench::median(c.libtorch) / bench::median(c.fused),
                    c.minRatio(), c.maxRatio(), o.repeats);
    }
}

void timing(const Dataset& ds, const Options& o)
{
    torch::manual_seed(0);
    ModelConfig config = mlpAutoencoder();
    config.backbone = o.backbone;
    auto model = makeModel(config);
    const auto all = range(ds.size());
    if (o.compare) {
        compareTiming(*model, ds, all, o);
        return;
    }
    for (const AnomalyScore score : {AnomalyScore::Mse, AnomalyScore::Bce}) {
        double best = 1e9;
        for (int r = 0; r < o.repeats; ++r) {
            const auto start = Clock::now();
            const std::vector<double> s = anomalyScores(*model, ds, all, score, nullptr, o.batch);
            best = std::min(best, secondsSince(start));
            if (s.size() != all.size())
                std::printf("error: %zu scores for %zu samples\n", s.size(), all.size());
        }
        std::printf("timing: %lld images scored by %s in %.3f s (best of %d, %d threads, batches of %lld)\n",
                    static_cast<long long>(ds.size()), toString(score).c_str(), best, o.repeats, o.threads,
                    static_cast<long long>(o.batch));
    }
    // Where the time goes: the uint8 -> float batches alone.
    double best = 1e9;
    for (int r = 0; r < o.repeats; ++r) {
        const auto start = Clock::now();
        for (std::size_t i = 0; i < all.size(); i += 1024)
            ds.batch({all.begin() + static_cast<std::ptrdiff_t>(i),
                      all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), i + 1024))});
        best = std::min(best, secondsSince(start));
    }
    std::printf("timing: of which making float batches %.3f s (best of %d)\n", best, o.repeats);
}

// Trains the AE on the given classes' training images and returns the AUROC of the test set's MSE scores
// with every other class as the anomaly.
double trainAndScore(Dataset& ds, const std::vector<int>& normal, const Options& o, bool verbose)
{
    const Split shipped = ds.split(); // restricting drops samples from the split; this puts them back
    TrainingConfig t;
    t.epochs = o.epochs;
    t.batchSize = 128;
    t.learningRate = 1e-3;
    t.threads = o.threads;
    t.seed = 0;
    t.normalClasses = normal;
    applyTrainingSplit(ds, t);
    const std::vector<std::int64_t> train = ds.split().train;
    torch::manual_seed(0);
    auto model = makeModel(mlpAutoencoder());
    const auto start = Clock::now();
    Trainer trainer(model, ds, t);
    const TrainingOutcome outcome = trainer.run();
    const double trainSeconds = secondsSince(start);

    // Score the whole test part, every class, as `anomalies` does by default.
    ds.setSplit(shipped);
    const std::vector<std::int64_t> test = ds.split().validation;
    const std::vector<double> scores = anomalyScores(*model, ds, test, AnomalyScore::Mse);
    const std::vector<std::uint8_t> truth = classMembership(ds, test, otherClasses(ds.numClasses(), normal));
    const double area = auroc(scores, truth);
    if (verbose) {
        const double threshold = anomalyThreshold(anomalyScores(*model, ds, train, AnomalyScore::Mse), ThresholdRule{});
        const DetectionCounts at = detectionAt(scores, truth, threshold);
        std::printf("  trained on %zu images in %.1f s (%s); threshold mean+3std of them %.5f flags %lld of %zu "
                    "test images: precision %.3f, recall %.3f\n",
                    train.size(), trainSeconds, outcome.message.c_str(), threshold,
                    static_cast<long long>(at.truePositives + at.falsePositives), test.size(), at.precision, at.recall);
    }
    return area;
}

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--data" && hasValue)
            o.data = argv[++i];
        else if (a == "--threads" && hasValue)
            o.threads = std::atoi(argv[++i]);
        else if (a == "--repeats" && hasValue)
            o.repeats = std::max(1, std::atoi(argv[++i]));
        else if (a == "--batch" && hasValue)
            o.batch = std::max(1, std::atoi(argv[++i]));
        else if (a == "--backbone" && hasValue)
            o.backbone = backboneFromString(argv[++i]);
        else if (a == "--compare")
            o.compare = true;
        else if (a == "--epochs" && hasValue)
            o.epochs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--classes" && hasValue) {
            o.classes.clear();
            std::stringstream list(argv[++i]);
            for (std::string c; std::getline(list, c, ',');)
                o.classes.push_back(std::stoi(c));
        } else
            o.modes.insert(a);
    }
    if (o.modes.empty())
        o.modes = {"timing", "trouser", "one-class"};
    return o;
}

} // namespace

int main(int argc, char** argv)
{
    const Options o = parse(argc, argv);
    at::set_num_threads(o.threads);
    auto start = Clock::now();
    Dataset ds = loadDataset(o.data);
    std::printf("loaded %lld images of %s in %.2f s\n", static_cast<long long>(ds.size()), ds.source.c_str(),
                secondsSince(start));
    if (o.modes.count("timing"))
        timing(ds, o);
    if (o.modes.count("trouser")) {
        const double a = trainAndScore(ds, otherClasses(ds.numClasses(), {1}), o, true);
        std::printf("trouser: AUROC %.4f for Trouser as the anomaly (MLP AE, %lld epochs on the other 9 classes, "
                    "test set by MSE; target >= 0.86)\n", a, static_cast<long long>(o.epochs));
    }
    if (o.modes.count("one-class")) {
        double sum = 0.0;
        for (const int c : o.classes) {
            const double a = trainAndScore(ds, {c}, o, false);
            sum += a;
            std::printf("one-class: class %d (%s): AUROC %.4f\n", c, ds.classNames()[static_cast<std::size_t>(c)].c_str(), a);
            std::fflush(stdout);
        }
        std::printf("one-class: mean AUROC %.4f over %zu classes\n", sum / static_cast<double>(o.classes.size()),
                    o.classes.size());
    }
    return 0;
}
