#include "app/cli/anomaly_reference.h"

#include "core/analysis/anomaly_evaluation.h"
#include "core/data/class_subset.h"
#include "core/data/load_dataset.h"
#include "core/util/errors.h"

#include <filesystem>
#include <optional>

namespace latentlab::cli {
namespace {

bool sameFile(const std::string& a, const std::string& b)
{
    std::error_code ec;
    return a == b || std::filesystem::equivalent(a, b, ec);
}

std::vector<std::int64_t> allOf(const Dataset& ds)
{
    return splitIndices(ds, "all");
}

} // namespace

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
        return {anomalyScores(model, ds, referenceSamples(ds, {}), score, &control),
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
    const std::vector<int>& normal = ckpt->training.normalClasses;
    std::vector<std::int64_t> indices;
    try {
        indices = referenceSamples(source, normal);
    } catch (const BadInputError& e) {
        throw BadInputError(std::string(e.what()) + "; give --reference DATA");
    }
    std::string description = "the training split of " + source.source;
    if (!normal.empty())
        description += ", normal classes " + classListText(normal);
    description += " (" + std::to_string(indices.size()) + " samples)";
    return {anomalyScores(model, source, indices, score, &control), description};
}


ThresholdRule thresholdRuleFrom(const Args& args)
{
    if (args.has("k") && args.has("percentile"))
        throw BadInputError("--k and --percentile are two ways to draw the threshold; give one");
    return args.has("percentile") ? ThresholdRule::percentile(args.real("percentile", 99.0, 0.0, 100.0))
                                  : ThresholdRule::meanPlusKStd(args.real("k", 3.0, 0.0, 1e6));
}

} // namespace latentlab::cli
