#pragma once
// The figures of one row of the models table, as plain values without torch, so the window's headers can carry
// them (summarizeModel in model_summary.h works them out).
#include "core/models/model_config.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace latentlab {

using SummaryTerms = std::vector<std::pair<std::string, double>>;

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
    SummaryTerms metrics; // the model's own (perplexity, dead_codes, ...), per-sample means
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

} // namespace latentlab
