#pragma once
// Each family's fused step (FusedStep::create picks one), and what they share. Internal to core/models/fused.
#include "core/models/autoencoder.h"
#include "core/models/fused/fused_step.h"
#include "core/models/gaussian_vae.h"
#include "core/models/hierarchical_vae.h"
#include "core/models/vq_vae.h"

namespace latentlab::fused {

// nullptr where the model's layers cannot train fused (not float on the CPU, say).
std::unique_ptr<FusedStep> makeGaussianVaeStep(GaussianVaeImpl& model);
std::unique_ptr<FusedStep> makeAutoencoderStep(AutoencoderImpl& model);
std::unique_ptr<FusedStep> makeHierarchicalVaeStep(HierarchicalVaeImpl& model);
std::unique_ptr<FusedStep> makeVqVaeStep(VqVaeImpl& model);

// A backbone as a Block, or nullptr where it has none.
std::unique_ptr<Block> encoderBlock(FeatureEncoderImpl& encoder);
std::unique_ptr<Block> decoderBlock(FlatDecoderImpl& decoder);

// The first `batch` rows of a scratch buffer [rows, width], grown (never shrunk) to fit.
torch::Tensor scratchRows(torch::Tensor& buffer, std::int64_t batch, std::int64_t width);

// The reconstruction term (per-sample sum averaged over the batch) of logits or means against x, and its
// gradient written into grad.
double reconstructionAndGradient(Likelihood likelihood, const torch::Tensor& output, const torch::Tensor& x,
                                 const torch::Tensor& grad);

// LossTerms' scalars.
torch::Tensor scalarTerm(double v);

} // namespace latentlab::fused
