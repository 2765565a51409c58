#pragma once
// How well a model explains a set of samples: per-sample means of every loss term, -ELBO where the model has a
// KL, the pixel/feature MSE of its mean reconstruction, and model metrics (VQ perplexity). The numbers
// `latentlab-cli eval` prints and the trainer's validation pass reports.
#include "core/data/dataset.h"
#include "core/models/latent_model.h"
#include "core/training/training_observer.h"

#include <vector>

namespace latentlab {

struct ModelEvaluation {
    std::int64_t samples = 0;
    TermValues terms;              // total, recon, kl, ... as the model's loss() names them
    TermValues metrics;            // perplexity, dead_codes, ... (means over batches, weighted by size)
    std::vector<double> klPerDim;  // empty for models without a KL
    double mse = 0.0;              // mean squared error per value of decode(mean encoding)
    bool hasKl = false;
    double negElbo = 0.0;          // recon + kl (unweighted by beta), when hasKl
};

// Runs in eval mode without gradients on the calling thread; indices select the samples (dataset order kept).
// The step only matters for models whose loss has a schedule.
ModelEvaluation evaluateModel(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                              std::int64_t step = 0, std::int64_t batchSize = 500);

// Labels as the model needs them (the conditional VAE), or an undefined tensor.
torch::Tensor modelLabels(const LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices);

} // namespace latentlab
