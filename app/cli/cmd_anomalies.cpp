// latentlab-cli anomalies: scores every selected sample by how badly the model explains it, draws a threshold
// from a reference set of normal samples, flags what lies above it and, where labels say which samples are
// anomalies, reports how well the scores separate them (AUROC, precision and recall at the threshold).
#include "app/cli/commands.h"
#include "app/cli/model_input.h"
#include "app/cli/progress_line.h"
#include "core/analysis/anomaly_scores.h"
#include "core/analysis/anomaly_threshold.h"
#include "core/analysis/roc.h"
#include "core/data/class_subset.h"
#include "core/data/load_dataset.h"
#include "core/util/atomic_file.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

namespace latentlab::cli {
namespace {

struct Reference {
    std::vector<double> scores;
    std::string description;
};

bool sameFile(const std::string& a, const std::string& b)
{
    std::error_code ec;
    return a == b || std::filesystem::equivalent(a, b, ec);
}

std::vector<std::int64_t> allOf(const Dataset& ds)
{
    return splitIndices(ds, "all");
}

// The normal samples the threshold is drawn from: --reference, else what the model trained on (its training
// split, restricted to its normal classes), else (TorchScript: no record of training) the data's train split.
// Re-draws the scored data's split as training drew it, so --split names the same samples as in training.
Reference referenceScores(const Args& args, ModelAndData& in, AnomalyScore score, const AnalysisControl& control)
{
    LatentModel& model = *in.model.model;
    Dataset& ds = in.data.dataset;
    const auto& ckpt = in.model.checkpoint;
    if (args.has("reference")) {
        LoadOptions options;
        options.labelColumn = args.value("label-column");
        Dataset ref = loadDataset(args.value("reference"), options);
        if (ckpt)
            conformToTraining(ref, ckpt->dataset);
        else if (ref.sampleShape() != ds.sampleShape())
            throw ModelMismatchError("the reference " + ref.source + " has samples of another shape than " + ds.source);
        return {anomalyScores(model, ref, allOf(ref), score, &control),
                "all " + std::to_string(ref.size()) + " samples of " + ref.source};
    }
    if (!ckpt)
        return {anomalyScores(model, ds, splitIndices(ds, "train"), score, &control),
                "the train split of " + ds.source + " (a TorchScript model keeps no record of its training data)"};

    TrainingConfig splitOnly = ckpt->training;
    splitOnly.normalClasses.clear();
    std::optional<Dataset> trainingData;
    if (!args.has("data") || sameFile(args.value("data"), ckpt->dataset.path)) {
        applyTrainingSplit(ds, splitOnly);
        in.data.indices = splitIndices(ds, in.data.split);
    } else {
        LoadOptions options; // read as training read it: its label column or labels file
        options.labelColumn = ckpt->dataset.labelColumn;
        options.labelsPath = ckpt->dataset.labelsPath;
        trainingData = loadDataset(ckpt->dataset.path, options);
        conformToTraining(*trainingData, ckpt->dataset);
        applyTrainingSplit(*trainingData, splitOnly);
    }
    const Dataset& source = trainingData ? *trainingData : ds;
    std::vector<std::int64_t> indices = source.split().train;
    std::string description = "the training split of " + source.source;
    if (!ckpt->training.normalClasses.empty()) {
        indices = samplesOfClasses(source, indices, ckpt->training.normalClasses);
        description += ", normal classes " + classListText(ckpt->training.normalClasses);
    }
    description += " (" + std::to_string(indices.size()) + " samples)";
    if (indices.empty())
        throw BadInputError("the reference set, " + description + ", is empty; give --reference DATA");
    return {anomalyScores(model, source, indices, score, &control), description};
}

// Which scored samples are anomalies: --anomaly-classes, else the classes outside the checkpoint's normal
// ones when the data is labelled as the training data was; empty when nothing says.
std::vector<int> anomalyClasses(const Args& args, const ModelAndData& in)
{
    const Dataset& ds = in.data.dataset;
    if (args.has("anomaly-classes"))
        return parseClassList(ds, args.value("anomaly-classes"), "--anomaly-classes");
    const auto& ckpt = in.model.checkpoint;
    if (!ckpt || ckpt->training.normalClasses.empty() || !ds.hasLabels() || ds.classNames() != ckpt->dataset.classNames)
        return {};
    return otherClasses(ds.numClasses(), ckpt->training.normalClasses);
}

void writeScoresCsv(const std::string& path, const Dataset& ds, const std::vector<std::int64_t>& indices,
                    const std::vector<double>& scores, const std::vector<std::uint8_t>& flagged)
{
    const bool labels = ds.hasLabels();
    std::string out = labels ? "index,label,score,flagged\n" : "index,score,flagged\n";
    out.reserve(indices.size() * 32);
    char buf[96];
    for (std::size_t i = 0; i < indices.size(); ++i) {
        const auto index = static_cast<long long>(indices[i]);
        // %.9g: the float-precision scores round-trip.
        const int n = labels ? std::snprintf(buf, sizeof buf, "%lld,%d,%.9g,%d\n", index,
                                             ds.labels()[static_cast<std::size_t>(indices[i])], scores[i], flagged[i])
                             : std::snprintf(buf, sizeof buf, "%lld,%.9g,%d\n", index, scores[i], flagged[i]);
        out.append(buf, static_cast<std::size_t>(n));
    }
    writeFileAtomically(path, out.data(), out.size());
}

} // namespace

int runAnomalies(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "out", "threads", "batch", "score", "reference", "k", "percentile",
                                  "anomaly-classes"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json"}, options);
    if (!args.positional().empty())
        throw BadInputError("anomalies takes only options (see latentlab-cli anomalies --help)");
    const std::string out = args.value("out");
    if (out.empty())
        throw BadInputError("--out SCORES.csv is required (one row per scored sample)");
    if (args.has("k") && args.has("percentile"))
        throw BadInputError("--k and --percentile are two ways to draw the threshold; give one");
    const ThresholdRule rule = args.has("percentile") ? ThresholdRule::percentile(args.real("percentile", 99.0, 0.0, 100.0))
                                                      : ThresholdRule::meanPlusKStd(args.real("k", 3.0, 0.0, 1e6));
    const AnomalyScore score = anomalyScoreFromString(args.value("score", "mse"));
    const bool json = args.has("json");

    ModelAndData in = openModelAndData(args, "test");
    LatentModel& model = *in.model.model;
    checkAnomalyScore(model, score);
    const std::vector<int> truthClasses = anomalyClasses(args, in);
    ProgressLine progress;
    const AnalysisControl control([&](double fraction, const std::string& what) { progress.update(fraction, what); });

    const Reference reference = referenceScores(args, in, score, control);
    const double threshold = anomalyThreshold(reference.scores, rule);
    const Dataset& ds = in.data.dataset;
    const std::vector<std::int64_t>& indices = in.data.indices;
    const std::vector<double> scores =
        anomalyScores(model, ds, indices, score, &control, args.integer("batch", 1024, 1, 65536));
    progress.clear();
    const std::vector<std::uint8_t> flagged = flagAbove(scores, threshold);
    const std::int64_t flaggedCount = countAbove(scores, threshold);
    writeScoresCsv(out, ds, indices, scores, flagged);

    nlohmann::json j = {{"threshold", threshold}, {"flagged", flaggedCount},      {"samples", indices.size()},
                        {"score", toString(score)}, {"rule", rule.describe()},    {"reference", reference.description},
                        {"reference_samples", reference.scores.size()},           {"data", ds.source},
                        {"split", in.data.split},   {"out", out},                 {"auroc", nullptr},
                        {"precision", nullptr},     {"recall", nullptr},          {"anomaly_classes", truthClasses}};
    std::string truthNote;
    if (!truthClasses.empty()) {
        const std::vector<std::uint8_t> truth = classMembership(ds, indices, truthClasses);
        const auto anomalies = std::count(truth.begin(), truth.end(), std::uint8_t{1});
        j["anomalies"] = anomalies;
        if (anomalies > 0 && anomalies < static_cast<std::ptrdiff_t>(truth.size())) {
            const DetectionCounts at = detectionAt(scores, truth, threshold);
            j["auroc"] = auroc(scores, truth);
            j["precision"] = at.precision;
            j["recall"] = at.recall;
        } else {
            truthNote = "AUROC needs both anomalies and normal samples among the scored, and classes "
                        + classListText(truthClasses) + " give " + std::to_string(anomalies) + " of "
                        + std::to_string(truth.size());
        }
    }
    if (json) {
        std::cout << j.dump() << std::endl;
        return 0;
    }
    std::printf("scored %zu samples of %s (%s split) by %s\n", indices.size(), ds.source.c_str(),
                in.data.split.c_str(), toString(score).c_str());
    std::printf("reference: %s\n", reference.description.c_str());
    std::printf("threshold: %.6g (%s)\n", threshold, rule.describe().c_str());
    std::printf("flagged: %lld of %zu (%.2f%%)\n", static_cast<long long>(flaggedCount), indices.size(),
                100.0 * static_cast<double>(flaggedCount) / static_cast<double>(std::max<std::size_t>(1, indices.size())));
    if (!j["auroc"].is_null())
        std::printf("anomaly classes %s (%lld samples): AUROC %.4f; at the threshold precision %.4f, recall %.4f\n",
                    classListText(truthClasses).c_str(), j["anomalies"].get<long long>(), j["auroc"].get<double>(),
                    j["precision"].get<double>(), j["recall"].get<double>());
    else if (!truthNote.empty())
        std::printf("%s\n", truthNote.c_str());
    std::printf("wrote %s\n", out.c_str());
    return 0;
}

} // namespace latentlab::cli
