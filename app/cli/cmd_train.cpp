// latentlab-cli train: trains a model (or resumes one) and keeps it in a checkpoint saved after every epoch,
// so an interrupted run loses at most one epoch; Ctrl-C stops at the next batch and saves.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/data_selection.h"
#include "app/cli/progress_line.h"
#include "core/data/class_subset.h"
#include "core/data/dataset_info.h"
#include "core/models/make_model.h"
#include "core/training/checkpoint.h"
#include "core/training/device.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <sstream>

namespace latentlab::cli {
namespace {

std::atomic<bool> gInterrupted{false};

extern "C" void onInterrupt(int)
{
    gInterrupted.store(true);
}

std::vector<std::int64_t> parseSizes(const std::string& text)
{
    std::vector<std::int64_t> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        std::size_t used = 0;
        long long v = 0;
        try {
            v = std::stoll(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != item.size() || item.empty() || v < 1 || v > 65536)
            throw BadInputError("--hidden: '" + text + "' is not a list of widths like 512,512");
        out.push_back(v);
    }
    if (out.empty())
        throw BadInputError("--hidden: give at least one width, like 512,512");
    return out;
}

nlohmann::json termsJson(const TermValues& terms)
{
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, v] : terms)
        j[name] = v;
    return j;
}

std::string termsText(const TermValues& terms)
{
    std::string out;
    char buf[64];
    for (const auto& [name, v] : terms) {
        std::snprintf(buf, sizeof buf, "%s%s %.4g", out.empty() ? "" : ", ", name.c_str(), v);
        out += buf;
    }
    return out;
}

ModelConfig modelFromArgs(const Args& args, const Dataset& ds)
{
    std::string kindName = args.value("model", "vae");
    if (kindName == "vqvae")
        kindName = "vq-vae";
    if (kindName == "betavae")
        kindName = "beta-vae";
    const ModelKind kind = modelKindFromString(kindName);
    ModelConfig c = ModelConfig::defaultsFor(ds.sampleShape(), kind);
    c.backbone = backboneFromString(args.value("arch", toString(c.backbone)));
    if (args.has("likelihood"))
        c.likelihood = likelihoodFromString(args.value("likelihood"));
    c.latentDim = args.integer("latent", c.latentDim, 1, 4096);
    if (args.has("hidden"))
        c.hidden = parseSizes(args.value("hidden"));
    c.beta = args.real("beta", c.beta, 0.0, 1e6);
    c.klWarmupSteps = args.integer("kl-warmup", c.klWarmupSteps, 0, 100'000'000);
    c.codebookSize = args.integer("codebook", c.codebookSize, 2, 65536);
    c.codeDim = args.integer("code-dim", c.codeDim, 1, 4096);
    if (kind == ModelKind::ConditionalVae) {
        if (!ds.hasLabels())
            throw BadInputError("--model cvae needs labelled data, and " + ds.source
                                + " has no labels (for CSV, name the label column with --label-column)");
        c.numClasses = ds.numClasses();
        const std::string prior = args.value("class-prior", "on");
        if (prior != "on" && prior != "off")
            throw BadInputError("--class-prior: 'on' (a learned Gaussian per class, the default) or 'off' (one N(0, I) "
                                "for every class), not '" + prior + "'");
        c.classPrior = prior == "on";
    } else if (args.has("class-prior")) {
        throw BadInputError("--class-prior belongs to --model cvae, the only model with classes in its prior");
    }
    c.validate();
    return c;
}

// Prints progress, writes the checkpoint after every epoch, and turns Ctrl-C into a stop request.
class CliObserver : public TrainingObserver {
public:
    CliObserver(Trainer& trainer, TrainingControl& control, const Dataset& ds, std::string out, bool json,
                std::string labelColumn, std::string labelsPath)
        : trainer_(trainer), control_(control), ds_(ds), out_(std::move(out)), json_(json),
          labelColumn_(std::move(labelColumn)), labelsPath_(std::move(labelsPath))
    {
    }

    void onBatch(const BatchReport& r) override
    {
        if (gInterrupted.load())
            control_.requestStop();
        if (!progress_.active())
            return;
        const double done = static_cast<double>(r.epoch * r.batchesPerEpoch + r.batchInEpoch);
        char text[160];
        std::snprintf(text, sizeof text, "epoch %lld/%lld  step %lld  loss %.2f  %.0f samples/s",
                      static_cast<long long>(r.epoch + 1), static_cast<long long>(r.epochs),
                      static_cast<long long>(r.step), r.terms.front().second, r.samplesPerSecond);
        progress_.update(done / static_cast<double>(r.epochs * r.batchesPerEpoch), text);
    }

    void onEpoch(const EpochReport& r) override
    {
        save();
        progress_.clear();
        if (json_) {
            nlohmann::json j = {{"event", "epoch"},
                                {"epoch", r.epoch},
                                {"epochs", r.epochs},
                                {"step", r.step},
                                {"train", termsJson(r.train)},
                                {"validation", termsJson(r.validation)},
                                {"kl_per_dim", r.klPerDim},
                                {"elapsed_seconds", r.elapsedSeconds},
                                {"eta_seconds", r.etaSeconds},
                                {"samples_per_second", r.samplesPerSecond}};
            std::cout << j.dump() << std::endl;
        } else {
            std::cout << "epoch " << r.epoch << "/" << r.epochs << "  train: " << termsText(r.train);
            if (!r.validation.empty())
                std::cout << "  |  validation: " << termsText(r.validation);
            std::cout << "  (" << static_cast<long long>(r.samplesPerSecond) << " samples/s, ETA "
                      << durationText(r.etaSeconds) << ")" << std::endl;
        }
    }

    void save()
    {
        DatasetFingerprint trainedOn = DatasetFingerprint::of(ds_);
        // Absolute, so eval, encode and --resume find the data from any working directory.
        std::error_code ec;
        const auto absolute = std::filesystem::absolute(trainedOn.path, ec);
        if (!ec)
            trainedOn.path = absolute.lexically_normal().string();
        trainedOn.labelColumn = labelColumn_;
        const auto labels = std::filesystem::absolute(labelsPath_, ec);
        trainedOn.labelsPath = labelsPath_.empty() || ec ? labelsPath_ : labels.lexically_normal().string();
        saveCheckpoint(out_, *trainer_.model(), &trainer_.optimizer(),
                       {trainer_.config(), trainer_.progress(), std::move(trainedOn)});
    }
    void clearProgress() { progress_.clear(); }

private:
    Trainer& trainer_;
    TrainingControl& control_;
    const Dataset& ds_;
    std::string out_;
    bool json_;
    std::string labelColumn_, labelsPath_;
    ProgressLine progress_;
};

const std::set<std::string> kModelOptions{"model", "arch", "latent", "hidden", "beta", "kl-warmup",
                                          "codebook", "code-dim", "likelihood", "class-prior"};

} // namespace

int runTrain(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"out",   "resume", "epochs",       "batch",     "lr",     "weight-decay",
                                  "grad-clip", "seed", "threads", "val-split", "device"};
    options.insert("normal-classes"); // one-class protocol: learn only these classes
    options.insert(kModelOptions.begin(), kModelOptions.end());
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json"}, options);
    if (!args.positional().empty())
        throw BadInputError("train takes only options (see latentlab-cli train --help)");
    const bool json = args.has("json");

    std::shared_ptr<LatentModel> model;
    TrainingConfig training;
    TrainingProgress progress;
    NamedTensors optimizerState;
    DataFallback fallbackData;
    std::optional<DatasetFingerprint> trainedOn;
    const std::string resume = args.value("resume");
    if (!resume.empty()) {
        for (const auto& o : kModelOptions)
            if (args.has(o))
                throw BadInputError("--" + o + " cannot change a model that is resumed from " + resume);
        for (const char* o : {"batch", "seed", "val-split", "split", "normal-classes"})
            if (args.has(o))
                throw BadInputError(std::string("--") + o + " cannot change when resuming; the run keeps its settings");
        LoadedCheckpoint loaded = loadCheckpoint(resume);
        model = loaded.model;
        training = loaded.meta.training;
        progress = loaded.meta.progress;
        optimizerState = std::move(loaded.optimizerState);
        fallbackData = dataFallbackOf(loaded.meta.dataset);
        trainedOn = loaded.meta.dataset;
    }
    const std::string out = args.value("out", resume);
    if (out.empty())
        throw BadInputError("--out CHECKPOINT is required (where the trained model is saved)");

    DataSelection sel = selectData(args, "train", fallbackData);
    Dataset& ds = sel.dataset;
    if (trainedOn)
        conformToTraining(ds, *trainedOn);

    training.epochs = args.integer("epochs", training.epochs, 1, 100000);
    training.learningRate = args.real("lr", training.learningRate, 1e-12, 100.0);
    training.weightDecay = args.real("weight-decay", training.weightDecay, 0.0, 0.999);
    training.gradClip = args.real("grad-clip", training.gradClip, 0.0, 1e12);
    training.threads = static_cast<int>(args.integer("threads", training.threads, 0, 1024));
    training.device = args.value("device", training.device);
    if (!resume.empty() && !args.has("device") && training.device == "cuda" && !cudaAvailable())
        throw BadInputError(resume + " was trained with --device cuda, which this build or machine does not have "
                                     "(Debian's LibTorch is CPU-only): add --device cpu to continue it on the CPU");
    if (resume.empty()) {
        training.batchSize = args.integer("batch", training.batchSize, 1, 65536);
        training.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, std::numeric_limits<long long>::max()));
        if (sel.split == "test")
            throw BadInputError("--split test: train learns from the train split or from all of the data");
        if (sel.split == "all")
            training.validationFraction = args.real("val-split", 0.1, 0.0, 0.99);
        else if (args.has("val-split") && ds.split().predefined)
            throw BadInputError(ds.source + " comes with its own test split, used for validation; give --split all "
                                "--val-split F to draw one from all of the data instead");
        else
            training.validationFraction = ds.split().predefined ? -1.0 : args.real("val-split", 0.1, 0.0, 0.99);
        if (args.has("normal-classes"))
            training.normalClasses = parseClassList(ds, args.value("normal-classes"), "--normal-classes");
    }
    training.validate();
    applyTrainingSplit(ds, training);
    if (resume.empty()) {
        torch::manual_seed(training.seed);
        model = makeModel(modelFromArgs(args, ds));
    } else if (progress.epoch >= training.epochs) {
        throw BadInputError(resume + " has already trained " + std::to_string(progress.epoch)
                            + " epochs; give --epochs N with N above that to train further");
    }

    Trainer trainer(model, ds, training);
    trainer.restore(progress, optimizerState);
    TrainingControl control;
    CliObserver observer(trainer, control, ds, out, json, args.value("label-column", fallbackData.labelColumn),
                         args.value("labels", fallbackData.labelsPath));
    trainer.setObserver(&observer);
    trainer.setControl(&control);
    if (!json)
        std::cout << (resume.empty() ? "training " : "resuming ") << toString(model->kind()) << " ("
                  << toString(model->config().backbone) << ", latent " << model->latentDim() << ") on " << ds.source
                  << ": " << ds.split().train.size() << " training and " << ds.split().validation.size()
                  << " validation samples, " << training.epochs << " epochs" << std::endl;

    gInterrupted.store(false);
    auto previous = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    const TrainingOutcome outcome = trainer.run();
    std::signal(SIGINT, previous);
    std::signal(SIGTERM, previousTerm);
    observer.clearProgress();
    observer.save();

    if (json)
        std::cout << nlohmann::json{{"event", "done"},        {"status", toString(outcome.status)},
                                    {"message", outcome.message}, {"epoch", outcome.epoch},
                                    {"step", outcome.step},   {"checkpoint", out}}
                         .dump()
                  << std::endl;
    else
        std::cout << outcome.message << "; saved " << out << std::endl;
    switch (outcome.status) {
    case TrainingStatus::Completed:
        return 0;
    case TrainingStatus::Stopped:
        std::cerr << "latentlab-cli: interrupted; continue with latentlab-cli train --resume " << out << "\n";
        return 1;
    case TrainingStatus::Diverged:
        std::cerr << "latentlab-cli: " << outcome.message << "\n";
        return 1;
    }
    return 1;
}

} // namespace latentlab::cli
