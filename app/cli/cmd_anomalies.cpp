// latentlab-cli anomalies: scores every selected sample by how badly the model explains it, draws a threshold
// from a reference set of normal samples, flags what lies above it and, where labels say which samples are
// anomalies, reports how well the scores separate them (AUROC, precision and recall at the threshold).
#include "app/cli/anomaly_reference.h"
#include "app/cli/commands.h"
#include "app/cli/model_input.h"
#include "app/cli/progress_line.h"
#include "core/analysis/anomaly_evaluation.h"
#include "core/analysis/anomaly_scores.h"
#include "core/analysis/anomaly_scores_csv.h"
#include "core/analysis/anomaly_threshold.h"
#include "core/analysis/roc.h"
#include "core/data/class_subset.h"
#include "core/data/load_dataset.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

namespace latentlab::cli {
namespace {

// Which scored samples are anomalies: --anomaly-classes, else the classes outside the checkpoint's normal
// ones when the data is labelled as the training data was; empty when nothing says.
std::vector<int> anomalyClasses(const Args& args, const ModelAndData& in)
{
    const Dataset& ds = in.data.dataset;
    if (args.has("anomaly-classes"))
        return parseClassList(ds, args.value("anomaly-classes"), "--anomaly-classes");
    const auto& ckpt = in.model.checkpoint;
    if (!ckpt || ds.classNames() != ckpt->dataset.classNames)
        return {};
    return knownAnomalyClasses(ds, ckpt->training.normalClasses);
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
    const ThresholdRule rule = thresholdRuleFrom(args);
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
    const std::int64_t flaggedCount = countAbove(scores, threshold);
    writeAnomalyScoresCsv(out, ds, indices, scores, threshold);

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
        if (holdsBothKinds(truth)) {
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
