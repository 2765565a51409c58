#pragma once
// The elementwise parts of a Gaussian latent layer's step, forward and backward, over [batch, latent] rows
// that may be columns of a wider buffer (LinearHeads puts mu and logvar side by side).
#include <torch/torch.h>

#include <vector>

namespace latentlab::fused {

// z = mu + eps * sd with sd = exp(logvar / 2); eps drawn here from LibTorch's default generator, as
// randn_like(mu) draws (eps is contiguous and mu's size).
void drawLatent(const torch::Tensor& mu, const torch::Tensor& logvar, const torch::Tensor& eps,
                const torch::Tensor& sd, const torch::Tensor& z);

// KL(N(mu, exp(logvar)) || N(0, 1)) of every cell added to its column's entry of klDims; returns the total.
double addStandardKl(const torch::Tensor& mu, const torch::Tensor& logvar, std::vector<double>& klDims);

// KL(N(mu, exp(logvar)) || N(priorMu, exp(priorLogvar))) summed over every cell; each cell's also added to
// its column's entry of klDims where one is given.
double priorKl(const torch::Tensor& mu, const torch::Tensor& logvar, const torch::Tensor& priorMu,
               const torch::Tensor& priorLogvar, std::vector<double>* klDims = nullptr);

// The gradients at mu and logvar from gradZ (the gradient at z) and w times the standard KL.
void standardLatentBackward(const torch::Tensor& gradZ, const torch::Tensor& mu, const torch::Tensor& logvar,
                            const torch::Tensor& eps, const torch::Tensor& sd, float w, const torch::Tensor& gradMu,
                            const torch::Tensor& gradLogvar);

// w times the KL against a learned prior: its gradients at the prior's mean and log-variance (they do not
// depend on z, so a step can send them down the prior's layers before z's gradient is complete).
void priorKlBackward(const torch::Tensor& mu, const torch::Tensor& logvar, const torch::Tensor& priorMu,
                     const torch::Tensor& priorLogvar, float w, const torch::Tensor& gradPriorMu,
                     const torch::Tensor& gradPriorLogvar);

// The gradients at mu and logvar from gradZ and w times the KL against a learned prior.
void priorLatentBackward(const torch::Tensor& gradZ, const torch::Tensor& mu, const torch::Tensor& logvar,
                         const torch::Tensor& eps, const torch::Tensor& sd, const torch::Tensor& priorMu,
                         const torch::Tensor& priorLogvar, float w, const torch::Tensor& gradMu,
                         const torch::Tensor& gradLogvar);

} // namespace latentlab::fused
