// latentlab-cli export: a model as PyTorch source + weights or as ONNX files, and with --scores its anomaly
// detector as one ONNX file whose threshold is drawn as `anomalies` draws it (or given).
#include "app/cli/anomaly_reference.h"
#include "app/cli/commands.h"
#include "app/cli/progress_line.h"
#include "core/export/model_export.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#ifndef LATENTLAB_VERSION
#define LATENTLAB_VERSION "dev"
#endif

namespace latentlab::cli {
namespace {

// The training data's units, for the scorer's first step: one range for images, one per table feature.
std::vector<ValueRange> trainingRanges(const OpenedModel& opened)
{
    const ModelConfig& c = opened.model->config();
    std::vector<ValueRange> ranges = opened.checkpoint->dataset.ranges;
    if (ranges.empty() && c.isImage())
        ranges = {ValueRange{0.0, 255.0}};
    return ranges;
}

// The scorer's threshold and the units it scales from, once the request has been checked (a TorchScript
// model, which has no record of its data, is refused by then).
void completeScorer(const Args& args, ModelAndData& in, OnnxScorerSpec& spec)
{
    spec.ranges = trainingRanges(in.model);
    if (args.has("threshold")) {
        spec.threshold = args.real("threshold", 0.0, -1e30, 1e30);
        spec.thresholdRule = "given";
        return;
    }
    const ThresholdRule rule = thresholdRuleFrom(args);
    ProgressLine progress;
    const AnalysisControl control([&](double fraction, const std::string& what) { progress.update(fraction, what); });
    const Reference reference = referenceScores(args, in, spec.score, control);
    progress.clear();
    spec.threshold = anomalyThreshold(reference.scores, rule);
    spec.thresholdRule = rule.describe() + "; reference: " + reference.description;
}

} // namespace

int runExport(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "format", "out", "score", "threshold", "reference", "k", "percentile"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json", "scores"}, options);
    if (!args.positional().empty())
        throw BadInputError("export takes only options (see latentlab-cli export --help)");
    if (!args.has("model"))
        throw BadInputError("--model CHECKPOINT is required");
    if (!args.has("format"))
        throw BadInputError("--format pytorch or --format onnx is required");
    ExportRequest request;
    request.format = exportFormatFromString(args.value("format"));
    request.folder = args.value("out");
    request.producerVersion = LATENTLAB_VERSION;
    if (request.folder.empty())
        throw BadInputError("--out FOLDER is required (a new or empty folder)");
    const bool scores = args.has("scores");
    if (!scores)
        for (const char* o : {"score", "threshold", "reference", "k", "percentile"})
            if (args.has(o))
                throw BadInputError(std::string("--") + o + " sets up the anomaly scorer: add --scores");
    if (scores && args.has("threshold") && (args.has("reference") || args.has("k") || args.has("percentile")))
        throw BadInputError("--threshold gives the threshold itself; --reference, --k and --percentile draw one: give one way");

    // The data is opened only where a threshold must be drawn from it.
    const bool needsData = scores && !args.has("threshold");
    ModelAndData in;
    if (needsData) {
        in = openModelAndData(args, "test");
    } else {
        in.model = openModelFile(args.value("model"));
    }
    const OpenedModel& opened = in.model;
    if (scores) {
        request.scorer = OnnxScorerSpec{};
        request.scorer->score = anomalyScoreFromString(args.value("score", "mse"));
    }
    // Checked before the threshold is drawn, so a refusal costs no scoring.
    checkExportRequest(*opened.model, request);
    if (scores)
        completeScorer(args, in, *request.scorer);
    const std::vector<std::string> files = exportModel(*opened.model, request);

    if (args.has("json")) {
        nlohmann::json j = {{"format", toString(request.format)}, {"folder", request.folder}, {"files", files},
                            {"model", toString(opened.model->kind())}};
        if (request.scorer) {
            j["score"] = toString(request.scorer->score);
            j["threshold"] = request.scorer->threshold;
            j["rule"] = request.scorer->thresholdRule;
        }
        std::cout << j.dump() << std::endl;
        return 0;
    }
    if (request.scorer)
        std::printf("scorer: %s, threshold %.6g (%s)\n", toString(request.scorer->score).c_str(), request.scorer->threshold,
                    request.scorer->thresholdRule.c_str());
    for (const auto& f : files)
        std::printf("wrote %s\n", f.c_str());
    return 0;
}

} // namespace latentlab::cli
