#pragma once
// Per-sample anomaly scores: how badly a model explains each sample, so the worst-explained can be ranked,
// thresholded and shown with a per-pixel error map. Synchronous, on the calling thread, in eval mode without
// autograd; cancellable and reporting progress through an AnalysisControl.
//
// Every score is deterministic: encodings are taken at the posterior mean (mu; the quantized code for VQ-VAE),
// so scoring the same data twice gives the same numbers, which a threshold and a ROC curve rely on.
#include "core/analysis/analysis_control.h"
#include "core/data/dataset.h"
#include "core/models/latent_model.h"

#include <string>
#include <vector>

namespace latentlab {

enum class AnomalyScore {
    Mse,    // mean squared error per value of the mean reconstruction (comparable across input sizes)
    Bce,    // binary cross-entropy summed over values, in nats (the Bernoulli reconstruction term)
    NegElbo // the model's reconstruction term for its likelihood + KL, in nats; models with a KL only
};

std::string toString(AnomalyScore score); // "mse", "bce", "elbo"
// Accepts what toString gives (and "neg-elbo"); BadInputError otherwise.
AnomalyScore anomalyScoreFromString(const std::string& name);

// ModelMismatchError for a score the model cannot give: -ELBO needs a KL, which an autoencoder and a VQ-VAE
// (uniform prior over codes: a constant) do not have.
void checkAnomalyScore(const LatentModel& model, AnomalyScore score);

// One score per index, in the order given; higher = more anomalous. Throws AnalysisCancelled when control
// is cancelled (checked between batches), and ModelMismatchError as checkAnomalyScore does.
std::vector<double> anomalyScores(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                                  AnomalyScore score, const AnalysisControl* control = nullptr,
                                  std::int64_t batchSize = 1024);

// The scores of one batch x [B, ...input shape] (y: labels for the conditional VAE) as a float tensor [B].
// The caller sets eval mode and grad mode; anomalyScores() is the convenient entry point.
torch::Tensor scoreBatch(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y, AnomalyScore score);

// The reconstruction the scores compare against: the model's decodeMean() of its encoding (decode(mean
// encoding), except for the hierarchical VAE, which reconstructs from its bottom layer's posterior mean as its
// likelihood p(x|z1) does).
Decoding meanReconstruction(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y);

// Squared error of the mean reconstruction per value, shaped like the samples: [indices.size(), C, H, W] or
// [indices.size(), D], float32 on the CPU. Its per-sample mean is the Mse score.
torch::Tensor reconstructionErrorMaps(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices);

} // namespace latentlab
