#pragma once
// One row of the models table (issue 24): what a model is, how long it trained and how well it explains the
// data, worked out once here for the window's table and `latentlab-cli compare`. Synchronous, on the calling
// thread; the window runs it on a worker and caches it per model and dataset.
#include "core/analysis/analysis_control.h"
#include "core/data/dataset.h"
#include "core/training/model_file.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace latentlab {

// Per-sample means over one part of the data, as `latentlab-cli eval` gives them.
struct PartEvaluation {
    std::string part;     // "validation" (the model's own held-out samples) or "test" (the data's test part)
    std::int64_t samples = 0;
    bool hasKl = false;
    double negElbo = std::numeric_limits<double>::quiet_NaN(); // recon + KL, nats per sample, where hasKl
    double recon = std::numeric_limits<double>::quiet_NaN();   // the likelihood's reconstruction term
    double kl = std::numeric_limits<double>::quiet_NaN();
    double mse = std::numeric_limits<double>::quiet_NaN();     // per value, of the mean reconstruction
    std::vector<double> klPerDim;
    TermValues metrics; // the model's own (perplexity, dead_codes, ...), per-sample means
};

// The KL per dimension above which a latent dimension counts as active (Burda et al. 2016 use an activity
// statistic; a KL threshold of 0.01 nats is the usual reading of "posterior collapse" per dimension).
constexpr double kActiveDimensionKl = 0.01;

struct ModelSummary {
    std::string name; // the file's name until the user renames it
    std::string path;
    ModelKind kind = ModelKind::Vae;
    Backbone backbone = Backbone::Mlp;
    std::int64_t latentDim = 0;
    bool torchScript = false;
    std::int64_t epochs = -1; // -1: not known (a TorchScript model keeps no training record)
    std::int64_t steps = -1;
    double trainingSeconds = std::numeric_limits<double>::quiet_NaN();
    double samplesPerSecond = std::numeric_limits<double>::quiet_NaN(); // training throughput
    std::optional<PartEvaluation> validation, test;
    std::int64_t activeDims = -1; // KL per dimension above kActiveDimensionKl; -1 without a KL
    double perplexity = std::numeric_limits<double>::quiet_NaN(); // VQ-VAE: exp(entropy of code use)
    double deadCodes = std::numeric_limits<double>::quiet_NaN();
    double auroc = std::numeric_limits<double>::quiet_NaN(); // one-class AUROC where the model has normal classes
    // What could not be worked out, and why, one sentence each ("no test part: ...").
    std::vector<std::string> notes;
};

struct SummaryOptions {
    std::int64_t batchSize = 500;
    // At most this many samples of each part are evaluated (0: all), taken evenly through the part, so a
    // table over a large dataset stays quick.
    std::int64_t maxSamples = 0;
};

// name, path: as the table shows them. data: the dataset the models are compared on, with its split as
// loaded. The model's validation part is its own (its training config's split, of its normal classes); the
// test part is the data's predefined one, where it has one. Figures under a fixed seed (a VAE's
// reconstruction term uses a posterior draw), so the same model gives the same row. Throws what evaluation
// throws for a model that does not fit the data; AnalysisCancelled through control.
ModelSummary summarizeModel(const OpenedModel& opened, const std::string& name, const std::string& path,
                            const Dataset& data, const SummaryOptions& options = {},
                            const AnalysisControl* control = nullptr);

// The indices a part evaluates: every one, or maxSamples of them evenly through the part.
std::vector<std::int64_t> evenlyThinned(const std::vector<std::int64_t>& indices, std::int64_t maxSamples);

} // namespace latentlab
