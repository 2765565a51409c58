#pragma once
// Encodes many samples in batches, in the order given: the latent each view and `latentlab-cli encode` use.
// Runs on the calling thread (set its LibTorch thread count first), without autograd, in eval mode.
#include "core/analysis/analysis_control.h"
#include "core/data/dataset.h"
#include "core/models/latent_model.h"

#include <string>
#include <vector>

namespace latentlab {

// Mean: mu (the pre-quantization vectors for VQ-VAE; z for models without a mean, the plain AE).
// Sample: z (a posterior draw for VAEs; the quantized vectors for VQ-VAE).
enum class LatentChoice { Mean, Sample };

struct EncodeOptions {
    LatentChoice choice = LatentChoice::Mean;
    // Which entry of Encoding::layers (bottom first: 0 is z1 of the hierarchical VAE); -1 is the layer the
    // views use (Encoding::mu/z: the top one).
    int layer = -1;
    // Large batches keep the matrix products BLAS-bound: 1000 rows of 784 floats are ~3 MB, within L3.
    std::int64_t batchSize = 1000;
};

struct EncodedSet {
    torch::Tensor latents; // [N, d] float32 on the CPU, row r for indices[r]
    torch::Tensor codes;   // VQ-VAE: code index per position, [N, P] int64; undefined for other models
    int layer = -1;        // as asked: -1 for the main layer
    std::string what;      // what the rows are, for titles and file headers: "mu", "z", "layer 0 (bottom) mu", ...
};

// Throws AnalysisCancelled when `control` is cancelled between batches, BadInputError for a layer the model
// does not have. Progress goes to control->report() once per batch.
EncodedSet encodeDataset(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                         const EncodeOptions& options = {}, const AnalysisControl* control = nullptr);

// The latents alone: encodeDataset(...).latents for the main layer.
torch::Tensor encodeAll(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                        LatentChoice choice = LatentChoice::Mean, std::int64_t batchSize = 1000);

} // namespace latentlab
