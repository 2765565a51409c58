#pragma once
// The training step of a model written out by hand: forward pass, loss and every gradient in buffers
// allocated once, with no autograd graph, for every family (VAE, beta-VAE, conditional VAE, autoencoder,
// hierarchical VAE, VQ-VAE) on the MLP backbone. The blocks (fused_block.h) do the layers' products through
// oneDNN (sgemm.h); each family's step adds its heads, its draws, its loss and their gradients.
//
// The result is autograd's to rounding: tests/core/models/test_fused_step.cpp compares both on every
// parameter for every family. Models it does not cover (tensors not on the CPU in float, TorchScript
// models) train through autograd: create() returns nullptr for them.
#include "core/models/fused/fused_block.h"
#include "core/models/latent_model.h"

#include <memory>

namespace latentlab::fused {

class FusedStep {
public:
    // nullptr where the model trains through autograd instead.
    static std::unique_ptr<FusedStep> create(LatentModel& model);
    virtual ~FusedStep() = default;

    // The loss terms model.loss(x, y, step) returns (detached); like their total's backward(), adds the
    // gradient to every parameter's grad(), which is one of this step's buffers (zero when created). The
    // trainer's optimizer leaves them zero after its step (AdamOptimizer::Gradients::Zero). Draws its noise
    // from LibTorch's default generator in the order the model's loss() draws it, and changes the model's
    // buffers (code statistics, codebooks) as loss() does.
    LossTerms lossAndGradients(const torch::Tensor& x, const torch::Tensor& y, std::int64_t step);
    void zeroGradients();

protected:
    // x as rows [batch, C*H*W] (contiguous), y the labels as loss() takes them.
    virtual LossTerms run(const torch::Tensor& x, const torch::Tensor& y, std::int64_t step) = 0;
    // Every block the step trains through, registered once by the family's constructor.
    void track(Block& block);
    // A parameter outside any block (the conditional VAE's class prior) and its gradient buffer.
    void track(ParameterGrad parameter);

private:
    // Every tracked block's parameters and gradient buffers, which live as long as the blocks.
    std::vector<ParameterGrad> parameters_;
};

} // namespace latentlab::fused
