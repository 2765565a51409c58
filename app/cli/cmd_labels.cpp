// latentlab-cli labels: scores every selected sample by how likely its label is wrong (core/analysis/label_errors.h),
// writes the ranked suspects and, with --relabel-out, the labels with the clear suspects relabelled as the
// model suggests, in the dataset's own format (core/data/label_export.h), so a server user gets a cleaned
// labels file without the window.
#include "app/cli/commands.h"
#include "app/cli/model_input.h"
#include "app/cli/progress_line.h"
#include "core/analysis/label_errors.h"
#include "core/data/label_export.h"
#include "core/training/training_config.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace latentlab::cli {
namespace {

constexpr std::size_t kTopShown = 10;

bool isTrainingData(const Args& args, const OpenedModel& model)
{
    if (!model.checkpoint)
        return false;
    if (!args.has("data"))
        return true;
    std::error_code ec;
    const std::string trained = model.checkpoint->dataset.path;
    return args.value("data") == trained || std::filesystem::equivalent(args.value("data"), trained, ec);
}

// Where the score says the label is more likely wrong than right: most neighbours carry another label, or
// another class explains the sample better than its own.
double suspectCut(LabelMethod method)
{
    return method == LabelMethod::Neighbours ? 0.5 : 0.0;
}

nlohmann::json suspectJson(const Dataset& ds, const LabelSuspect& s)
{
    const bool named = static_cast<std::int64_t>(ds.sampleNames.size()) == ds.size();
    return {{"index", s.index},
            {"file", named ? ds.sampleNames[static_cast<std::size_t>(s.index)] : std::string()},
            {"given", ds.classNames()[static_cast<std::size_t>(s.given)]},
            {"suggested", ds.classNames()[static_cast<std::size_t>(s.suggested)]},
            {"score", s.score}};
}

} // namespace

int runLabels(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "out", "method", "k", "batch", "threads", "relabel-out"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json"}, options);
    if (!args.positional().empty())
        throw BadInputError("labels takes only options (see latentlab-cli labels --help)");
    const std::string out = args.value("out");
    if (out.empty())
        throw BadInputError("--out SUSPECTS.csv is required (one row per scored sample)");
    const bool json = args.has("json");

    ModelAndData in = openModelAndData(args, "all");
    LatentModel& model = *in.model.model;
    Dataset& ds = in.data.dataset;
    // --split names the samples it named in training: a split drawn by seed is drawn again as training drew it.
    if (in.data.split != "all" && isTrainingData(args, in.model)) {
        TrainingConfig splitOnly = in.model.checkpoint->training;
        splitOnly.normalClasses.clear();
        applyTrainingSplit(ds, splitOnly);
        in.data.indices = splitIndices(ds, in.data.split);
    }
    const std::vector<std::int64_t>& indices = in.data.indices;

    LabelOptions lo;
    lo.method = args.has("method") ? labelMethodFromString(args.value("method")) : defaultLabelMethod(model);
    lo.k = args.has("k") ? static_cast<int>(args.integer("k", 10, 1, 1000)) : defaultLabelNeighbours(ds, indices);
    lo.batchSize = args.integer("batch", 500, 1, 65536);
    checkLabelScoring(model, ds, indices, lo);
    if (args.has("relabel-out"))
        checkRelabelDestination(args.value("relabel-out"), ds); // refused before the work, not after it

    ProgressLine progress;
    const AnalysisControl control([&](double fraction, const std::string& what) { progress.update(fraction, what); });
    const std::vector<LabelSuspect> scored = scoreLabels(model, ds, indices, lo, &control);
    progress.clear();
    std::vector<LabelSuspect> ranked;
    ranked.reserve(scored.size());
    for (const std::size_t p : rankLabelSuspects(scored))
        ranked.push_back(scored[p]);
    writeLabelSuspectsCsv(out, ds, ranked);

    const double cut = suspectCut(lo.method);
    std::int64_t flagged = 0;
    std::map<std::int64_t, std::int32_t> relabels;
    for (const LabelSuspect& s : ranked)
        if (s.score > cut) {
            ++flagged;
            if (s.suggested != s.given)
                relabels[s.index] = s.suggested;
        }
    std::int64_t relabelled = 0;
    const std::string relabelOut = args.value("relabel-out");
    if (!relabelOut.empty())
        relabelled = writeRelabelledLabels(relabelOut, ds, relabels);

    nlohmann::json top = nlohmann::json::array();
    for (std::size_t i = 0; i < ranked.size() && i < kTopShown; ++i)
        top.push_back(suspectJson(ds, ranked[i]));
    const bool neighbours = lo.method == LabelMethod::Neighbours;
    nlohmann::json j = {{"method", toString(lo.method)},
                        {"k", neighbours ? nlohmann::json(lo.k) : nlohmann::json()},
                        {"samples", indices.size()},
                        {"flagged", flagged},
                        {"cut", cut},
                        {"data", ds.source},
                        {"split", in.data.split},
                        {"out", out},
                        {"relabel_out", relabelOut.empty() ? nlohmann::json() : nlohmann::json(relabelOut)},
                        {"relabelled", relabelled},
                        {"top", top}};
    if (json) {
        std::cout << j.dump() << std::endl;
        return 0;
    }
    std::printf("scored the labels of %zu samples of %s (%s split) by %s%s\n", indices.size(), ds.source.c_str(),
                in.data.split.c_str(), toString(lo.method).c_str(),
                neighbours ? (" (k = " + std::to_string(lo.k) + ")").c_str() : "");
    std::printf("suspects (score > %g): %lld of %zu\n", cut, static_cast<long long>(flagged), indices.size());
    for (std::size_t i = 0; i < ranked.size() && i < kTopShown && ranked[i].score > cut; ++i) {
        const LabelSuspect& s = ranked[i];
        std::printf("  %lld: %s -> %s (score %.4g)\n", static_cast<long long>(s.index),
                    ds.classNames()[static_cast<std::size_t>(s.given)].c_str(),
                    ds.classNames()[static_cast<std::size_t>(s.suggested)].c_str(), s.score);
    }
    std::printf("wrote %s\n", out.c_str());
    if (!relabelOut.empty())
        std::printf("wrote %s: %lld labels changed\n", relabelOut.c_str(), static_cast<long long>(relabelled));
    return 0;
}

} // namespace latentlab::cli
