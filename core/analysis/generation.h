#pragma once
// New samples from a model's prior, for every family: Gaussian latents at a temperature, a conditional VAE
// class by class, a VQ-VAE from its fitted code prior, a hierarchical VAE top-down or with its top code held
// while only the bottom layer is redrawn. Synchronous and deterministic for a seed; the GUI runs these on a
// worker thread and the CLI writes the images with writeImageGrid.
#include "core/analysis/analysis_control.h"
#include "core/data/dataset.h"
#include "core/models/latent_model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

// A CPU generator seeded so that one seed draws the same samples on every run and platform.
at::Generator seededGenerator(std::uint64_t seed);

// Decodes latents [N, d] (the layer encode() reports) in batches, in eval mode, without autograd.
// y: undefined, one label for all N, or N labels; the conditional VAE needs one (BadInputError otherwise).
// Returns [N, ...input shape] float32 on the CPU. Cancelled through control: throws AnalysisCancelled.
torch::Tensor decodeLatents(LatentModel& model, const torch::Tensor& z, const torch::Tensor& y = {},
                            const AnalysisControl* control = nullptr, std::int64_t batchSize = 256);

// The model's prior latents [N, d] for standard-normal noise [N, d] (scaled already by any temperature): the noise
// itself under N(0, I), each label's own Gaussian under a conditional VAE's class prior. y as decodeLatents takes
// it. On the CPU.
torch::Tensor priorLatentsFor(LatentModel& model, const torch::Tensor& noise, const torch::Tensor& y = {});

struct GeneratedImages {
    torch::Tensor images;             // [N, ...input shape] float32 on the CPU: decoded means
    torch::Tensor latents;            // [N, latentDim()] what was decoded; undefined where the model draws its
                                      // own latents (autoencoder, VQ-VAE)
    std::vector<std::int64_t> labels; // the class of each image for a conditional model; empty otherwise
    std::int64_t columns = 0;         // grids: images per row, which the layout means; 0 where any will do
    std::vector<std::string> notes;   // what the user should be told, e.g. that no code prior was fitted
};

struct SampleOptions {
    std::int64_t n = 64;
    // Scales the prior's spread: 0 decodes its mean. A VQ-VAE sharpens its categorical prior to p^(1/T)
    // instead, so it needs T > 0.
    double temperature = 1.0;
    std::uint64_t seed = 0;
    std::int64_t label = -1; // the conditional VAE's class for every sample; it needs one
};

// n samples from the prior, top-down for the hierarchical VAE (z2, then z1 ~ p(z1|z2), then x).
GeneratedImages samplePrior(LatentModel& model, const SampleOptions& options, const AnalysisControl* control = nullptr);

// Conditional VAE: perClass latents drawn once and each decoded under every class, one row per class, so a
// column shows what one z means under each label (the z carries style, the label carries class).
GeneratedImages classGrid(LatentModel& model, std::int64_t perClass, double temperature, std::uint64_t seed);

// Hierarchical VAE: for each top code z2 in tops [B, latentDim()], perTop decodes of fresh bottom draws
// z1 ~ p(z1|z2) at the temperature, one row per top code (latents holds each row's fixed z2).
GeneratedImages resampleBottom(LatentModel& model, const torch::Tensor& tops, std::int64_t perTop, double temperature,
                               at::Generator generator);
// The same with `tops` top codes drawn from the prior N(0, T^2 I) first.
GeneratedImages sampleTopsResampleBottom(LatentModel& model, std::int64_t tops, std::int64_t perTop, double temperature,
                                         std::uint64_t seed);

// True for a VQ-VAE whose code prior was never fitted: its samples would draw codes uniformly.
bool needsCodePrior(const LatentModel& model);
// Fits a VQ-VAE's per-position code prior on these samples (meant for the training split), replacing the
// previous one; returns the number of samples counted. ModelMismatchError for other families.
std::int64_t fitCodePrior(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                          const AnalysisControl* control = nullptr, std::int64_t batchSize = 500);

} // namespace latentlab
