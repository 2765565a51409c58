#pragma once
// The training step of an MLP VAE (and beta-VAE) written out by hand: forward pass, loss and every gradient in
// buffers allocated once, with no autograd graph. The same matrix products as autograd's, fewer passes over
// the rest: the loss and its gradient come from one sweep, ReLU's backward masks in place, and nothing is
// allocated per step. On the reference model (784-512-512-32, batch 128, 2 threads) the matrix products are
// most of a step, and the graph, the allocations and the extra passes were most of the remainder.
//
// The result is autograd's to rounding: tests/core/models/test_fused_vae_step.cpp compares both on every
// parameter. Other models (conv backbones, the conditional VAE, other families, tensors not on the CPU in
// float) train through autograd: create() returns nullptr for them.
#include "core/models/gaussian_vae.h"

#include <memory>

namespace latentlab {

class FusedVaeStep {
public:
    static std::unique_ptr<FusedVaeStep> create(LatentModel& model);

    // The loss terms model.loss(x, {}, step) returns (detached); like their total's backward(), adds its
    // gradient to every parameter's grad(), which is one of this object's buffers (zero when created). The
    // trainer's optimizer leaves them zero after its step (AdamOptimizer::Gradients::Zero). Draws the
    // reparameterization noise from LibTorch's default generator, as GaussianVaeImpl::loss does.
    LossTerms lossAndGradients(const torch::Tensor& x, std::int64_t step);
    void zeroGradients();

private:
    struct Layer {
        torch::Tensor weight, bias, weightGrad, biasGrad;
        torch::Tensor out; // [maxBatch, out]: the activation after the layer (and its ReLU where it has one)
    };
    FusedVaeStep(GaussianVaeImpl& model, GaussianVaeImpl::MlpLayers layers);
    void allocate(std::int64_t batch);
    static void forward(Layer& layer, const torch::Tensor& in, std::int64_t batch, bool relu);
    // Adds the layer's gradients from the gradient at its output; writes the gradient at its input (masked by
    // the input's ReLU when inputIsRelu) into gradIn, unless gradIn is undefined.
    static void backward(Layer& layer, const torch::Tensor& in, const torch::Tensor& gradOut, torch::Tensor gradIn,
                         bool inputIsRelu);
    std::vector<Layer*> allLayers();

    GaussianVaeImpl& model_;
    std::vector<Layer> encoder_, decoder_;
    Layer mu_, logvar_;
    std::int64_t maxBatch_ = 0;
    // Per-step scratch, [maxBatch, width]; the gradient at each layer's output has a buffer of its own, so a
    // layer's input and output gradients never share memory.
    torch::Tensor eps_, std_, z_, gradMu_, gradLogvar_, gradZ_;
    std::vector<torch::Tensor> encoderGrads_, decoderGrads_;
    torch::Tensor gradLogits_;
};

} // namespace latentlab
