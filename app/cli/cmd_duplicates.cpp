// latentlab-cli duplicates: exact copies and near-duplicates (close in the model's latent space) among the
// selected samples, grouped, and the test samples whose group holds a training sample (train/test leaks).
#include "app/cli/commands.h"
#include "app/cli/data_selection.h"
#include "app/cli/model_input.h"
#include "app/cli/progress_line.h"
#include "core/analysis/duplicates.h"
#include "core/analysis/duplicates_csv.h"
#include "core/training/training_config.h"
#include "core/util/errors.h"
#include "core/util/torch_threads.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace latentlab::cli {
namespace {

// Leaks listed in --json and in the text report; the CSV holds them all.
constexpr std::size_t kLeaksShown = 10;

bool namesTrainingData(const Args& args, const OpenedModel& model)
{
    if (!args.has("data"))
        return true;
    std::error_code ec;
    const std::string& trained = model.checkpoint->dataset.path;
    return args.value("data") == trained || std::filesystem::equivalent(args.value("data"), trained, ec);
}

// The model (unless --exact-only goes without one) and the data, with the split the leaks are judged by:
// the training run's own where the data is what the model trained on (drawn again by its seed, over every
// class), else the one the data comes with (IDX train/t10k), else none.
ModelAndData openForDuplicates(const Args& args, bool exactOnly)
{
    ModelAndData in;
    if (exactOnly && !args.has("model")) {
        useTorchThreads(static_cast<int>(args.integer("threads", 0, 0, 1024)));
        in.data = selectData(args, "all");
        return in;
    }
    in = openModelAndData(args, "all");
    if (in.model.checkpoint && namesTrainingData(args, in.model)) {
        TrainingConfig splitOnly = in.model.checkpoint->training;
        splitOnly.normalClasses.clear();
        applyTrainingSplit(in.data.dataset, splitOnly);
        in.data.indices = splitIndices(in.data.dataset, in.data.split);
    }
    return in;
}

nlohmann::json leakJson(const Leak& leak)
{
    return {{"test", leak.test}, {"partners", leak.partners}, {"exact", leak.exact}};
}

std::string partnersText(const Leak& leak)
{
    std::string text;
    for (std::size_t i = 0; i < leak.partners.size() && i < 5; ++i)
        text += (i ? ", " : "") + std::to_string(leak.partners[i]);
    if (leak.partners.size() > 5)
        text += ", ... (" + std::to_string(leak.partners.size()) + ")";
    return text;
}

} // namespace

int runDuplicates(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "out", "threads", "batch", "threshold"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json", "exact-only"}, options);
    if (!args.positional().empty())
        throw BadInputError("duplicates takes only options (see latentlab-cli duplicates --help)");
    const std::string out = args.value("out");
    if (out.empty())
        throw BadInputError("--out GROUPS.csv is required (one row per member of a group)");
    const bool exactOnly = args.has("exact-only");
    if (exactOnly && args.has("threshold"))
        throw BadInputError("--threshold is the latent distance of near-duplicates, and --exact-only looks for none");
    DuplicateOptions o;
    o.nearDuplicates = !exactOnly;
    o.batchSize = args.integer("batch", 1000, 1, 65536);
    if (args.has("threshold")) {
        o.threshold = args.real("threshold", 0.0, -1e300, 1e300);
        if (!(o.threshold >= 0.0)) // core takes -1 as "the default": refuse it here, with any other negative
            throw BadInputError("--threshold must be a latent distance of 0 or more, not " + args.value("threshold"));
    }
    if (!exactOnly && !args.has("model"))
        throw BadInputError("--model CHECKPOINT is required for near-duplicates (give --exact-only for exact copies alone)");
    const bool json = args.has("json");

    ModelAndData in = openForDuplicates(args, exactOnly);
    const Dataset& ds = in.data.dataset;
    // Before the scan, not after it; the labels file too, which the dataset does not name.
    std::string labels = args.value("labels");
    if (labels.empty() && in.model.checkpoint && namesTrainingData(args, in.model))
        labels = in.model.checkpoint->dataset.labelsPath;
    std::error_code ec;
    if (isDatasetFile(ds, out) || (!labels.empty() && std::filesystem::equivalent(out, labels, ec)))
        throw BadInputError(out + " is a file of the dataset " + ds.source + "; write the groups to a new file");
    ProgressLine progress;
    const AnalysisControl control([&](double fraction, const std::string& what) { progress.update(fraction, what); });
    const auto start = std::chrono::steady_clock::now();
    const DuplicateReport report = findDuplicates(in.model.model.get(), ds, in.data.indices, o, &control);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.clear();
    writeDuplicateGroupsCsv(out, ds, report);

    const auto exactLeaks = std::count_if(report.leaks.begin(), report.leaks.end(), [](const Leak& l) { return l.exact; });
    const bool hasSplit = !ds.split().train.empty() && !ds.split().validation.empty();
    if (json) {
        nlohmann::json first = nlohmann::json::array();
        for (std::size_t i = 0; i < report.leaks.size() && i < kLeaksShown; ++i)
            first.push_back(leakJson(report.leaks[i]));
        nlohmann::json j = {{"threshold", exactOnly ? nlohmann::json() : nlohmann::json(report.threshold)},
                            {"samples", in.data.indices.size()},
                            {"exact_groups", report.exactGroups},
                            {"near_groups", report.nearGroups},
                            {"samples_in_groups", report.samplesInGroups},
                            {"samples_with_exact_copy", report.samplesWithExactCopy},
                            {"leaks", report.leaks.size()},
                            {"exact_leaks", exactLeaks},
                            {"first_leaks", first},
                            {"split", in.data.split},
                            {"has_split", hasSplit},
                            {"data", ds.source},
                            {"out", out},
                            {"seconds", seconds}};
        std::cout << j.dump() << std::endl;
        return 0;
    }
    std::printf("scanned %zu samples of %s (%s split) in %.2f s\n", in.data.indices.size(), ds.source.c_str(),
                in.data.split.c_str(), seconds);
    if (!exactOnly)
        std::printf("near-duplicate threshold: %.6g (latent distance%s)\n", report.threshold,
                    args.has("threshold") ? "" : ", the default rule");
    std::printf("exact groups: %lld; near groups: %lld; samples in groups: %lld (%lld with a byte-identical copy)\n",
                static_cast<long long>(report.exactGroups), static_cast<long long>(report.nearGroups),
                static_cast<long long>(report.samplesInGroups), static_cast<long long>(report.samplesWithExactCopy));
    if (!hasSplit)
        std::printf("leaks: none can be judged (%s has no train/test split)\n", ds.source.c_str());
    else
        std::printf("leaks: %zu test samples with a training sample in their group (%lld exact copies)\n",
                    report.leaks.size(), static_cast<long long>(exactLeaks));
    for (std::size_t i = 0; i < report.leaks.size() && i < kLeaksShown; ++i)
        std::printf("  test %lld <- train %s%s\n", static_cast<long long>(report.leaks[i].test),
                    partnersText(report.leaks[i]).c_str(), report.leaks[i].exact ? " (exact)" : "");
    std::printf("wrote %s\n", out.c_str());
    return 0;
}

} // namespace latentlab::cli
