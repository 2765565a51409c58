#include "core/compare/model_summary.h"

#include "core/analysis/anomaly_evaluation.h"
#include "core/analysis/anomaly_scores.h"
#include "core/analysis/evaluation.h"
#include "core/analysis/roc.h"
#include "core/data/class_subset.h"
#include "core/training/training_config.h"
#include "core/util/errors.h"

#include <torch/torch.h>

#include <algorithm>

namespace latentlab {

namespace {

double term(const TermValues& terms, const std::string& name)
{
    for (const auto& [n, v] : terms)
        if (n == name)
            return v;
    return std::numeric_limits<double>::quiet_NaN();
}

PartEvaluation evaluatePart(LatentModel& model, const Dataset& data, const std::string& part,
                            const std::vector<std::int64_t>& indices, std::int64_t step, std::int64_t batchSize)
{
    // The same draws for the same model whatever ran before: `eval` seeds the same way.
    torch::manual_seed(0);
    const ModelEvaluation ev = evaluateModel(model, data, indices, step, batchSize);
    PartEvaluation out;
    out.part = part;
    out.samples = ev.samples;
    out.hasKl = ev.hasKl;
    out.recon = term(ev.terms, "recon");
    out.mse = ev.mse;
    if (ev.hasKl) {
        out.negElbo = ev.negElbo;
        out.kl = ev.negElbo - out.recon;
    }
    out.klPerDim = ev.klPerDim;
    out.metrics = ev.metrics;
    return out;
}

} // namespace

std::vector<std::int64_t> evenlyThinned(const std::vector<std::int64_t>& indices, std::int64_t maxSamples)
{
    const auto n = static_cast<std::int64_t>(indices.size());
    if (maxSamples <= 0 || n <= maxSamples)
        return indices;
    std::vector<std::int64_t> out(static_cast<std::size_t>(maxSamples));
    for (std::int64_t i = 0; i < maxSamples; ++i)
        out[static_cast<std::size_t>(i)] = indices[static_cast<std::size_t>(i * n / maxSamples)];
    return out;
}

ModelSummary summarizeModel(const OpenedModel& opened, const std::string& name, const std::string& path,
                            const Dataset& data, const SummaryOptions& options, const AnalysisControl* control)
{
    LatentModel& model = *opened.model;
    ModelSummary row;
    row.name = name;
    row.path = path;
    row.kind = model.kind();
    row.backbone = model.config().backbone;
    row.latentDim = model.latentDim();
    row.torchScript = opened.torchScript();

    std::vector<std::int64_t> validation;
    std::int64_t step = 0;
    if (opened.checkpoint) {
        const CheckpointMeta& meta = *opened.checkpoint;
        step = meta.progress.step;
        row.epochs = meta.progress.epoch;
        row.steps = meta.progress.step;
        double seconds = 0.0;
        for (const EpochRecord& e : meta.progress.history.epochs())
            seconds += e.seconds;
        if (!meta.progress.history.epochs().empty())
            row.trainingSeconds = seconds;
        // The model's own split: its train part is what each epoch saw, its validation part is held out.
        std::int64_t perEpoch = -1;
        try {
            const Split split = trainingSplit(data, meta.training);
            perEpoch = static_cast<std::int64_t>(split.train.size());
            validation = split.validation;
        } catch (const BadInputError& e) { // other data than it trained on, without its classes
            row.notes.push_back(std::string("no validation part: ") + e.what());
        }
        if (perEpoch > 0 && seconds > 0.0)
            row.samplesPerSecond =
                static_cast<double>(row.epochs * perEpoch + meta.progress.batchInEpoch * meta.training.batchSize)
                / seconds;
        std::sort(validation.begin(), validation.end());
        if (validation.empty() && row.notes.empty())
            row.notes.push_back("no validation part: the model was trained without one");
    } else {
        row.notes.push_back("a TorchScript model keeps no record of its training, so its epochs, time and "
                            "validation part are not known");
    }

    if (!validation.empty()) {
        throwIfCancelled(control);
        if (control)
            control->report(0.0, "evaluating " + name + " on its validation part");
        row.validation = evaluatePart(model, data, "validation", evenlyThinned(validation, options.maxSamples), step,
                                      options.batchSize);
    }
    std::vector<std::int64_t> test;
    if (data.split().predefined) {
        test = data.split().validation;
        std::sort(test.begin(), test.end());
    } else {
        row.notes.push_back("no test part: " + data.source + " does not come with one");
    }
    if (!test.empty()) {
        throwIfCancelled(control);
        if (control)
            control->report(0.4, "evaluating " + name + " on the test part");
        row.test = evaluatePart(model, data, "test", evenlyThinned(test, options.maxSamples), step, options.batchSize);
    }

    const PartEvaluation* held = row.validation ? &*row.validation : row.test ? &*row.test : nullptr;
    if (held && held->hasKl && !held->klPerDim.empty())
        row.activeDims = std::count_if(held->klPerDim.begin(), held->klPerDim.end(),
                                       [](double kl) { return kl > kActiveDimensionKl; });
    if (model.kind() == ModelKind::VqVae && held) {
        row.perplexity = term(held->metrics, "perplexity");
        row.deadCodes = term(held->metrics, "dead_codes");
    }

    // The one-class AUROC: the classes outside the normal ones are the known anomalies, scored as the
    // anomalies tab scores by default (MSE of the mean reconstruction) on the held-out samples of every class.
    if (opened.checkpoint && !opened.checkpoint->training.normalClasses.empty() && data.hasLabels()
        && data.classNames() == opened.checkpoint->dataset.classNames) {
        throwIfCancelled(control);
        if (control)
            control->report(0.7, "scoring " + name + "'s held-out samples for anomalies");
        TrainingConfig everyClass = opened.checkpoint->training;
        everyClass.normalClasses.clear();
        std::vector<std::int64_t> heldOut = data.split().predefined ? test : trainingSplit(data, everyClass).validation;
        std::sort(heldOut.begin(), heldOut.end());
        heldOut = evenlyThinned(heldOut, options.maxSamples);
        const std::vector<std::uint8_t> truth = classMembership(
            data, heldOut, knownAnomalyClasses(data, opened.checkpoint->training.normalClasses));
        if (holdsBothKinds(truth))
            row.auroc = auroc(anomalyScores(model, data, heldOut, AnomalyScore::Mse, control, options.batchSize), truth);
        else
            row.notes.push_back("no AUROC: the held-out samples do not hold both normal samples and anomalies");
    }
    if (control)
        control->report(1.0, "evaluated " + name);
    return row;
}

} // namespace latentlab
