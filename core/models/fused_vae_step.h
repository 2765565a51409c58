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
#include "models/gaussian_vae.h"

#include <functional>
#include <memory>

namespace latentlab {

class FusedVaeStep {
public:
    static std::unique_ptr<FusedVaeStep> create(LatentModel& model);

    // Receives one parameter's gradient for this step: the tensor is scratch, valid only during the call.
    using GradientSink = std::function<void(const torch::Tensor& param, const torch::Tensor& grad)>;

    // The forward pass: the loss terms model.loss(x, {}, step) returns (detached). Draws the
    // reparameterization noise from LibTorch's default generator, as GaussianVaeImpl::loss does. What the
    // backward pass needs stays in this object's buffers until the next call.
    LossTerms loss(const torch::Tensor& x, std::int64_t step);
    // The backward pass of the last loss(). With no sink, like the total's backward(): adds the gradients to
    // every parameter's grad(), which is one of this object's buffers (zero when created; the trainer's
    // optimizer leaves them zero after its step, AdamOptimizer::Gradients::Zero). With a sink, hands each
    // layer's gradients to it as soon as they are complete, before the layers below are differentiated, and
    // keeps none: the trainer steps each layer there while its gradient and weights are still in cache. The
    // sink may change the layer's weights: the backward pass is done with them by then.
    void backward(const GradientSink& sink = {});
    // loss() and backward() with no sink.
    LossTerms lossAndGradients(const torch::Tensor& x, std::int64_t step);
    void zeroGradients();

private:
    struct Layer {
        torch::Tensor weight, bias, weightGrad, biasGrad;
        torch::Tensor out; // [maxBatch, out]: the activation after the layer (and its ReLU where it has one)
    };
    FusedVaeStep(GaussianVaeImpl& model, GaussianVaeImpl::MlpLayers layers);
    void allocate(std::int64_t batch);
    static void forwardLayer(Layer& layer, const torch::Tensor& in, std::int64_t batch, bool relu);
    // The layer's gradients from the gradient at its output: added to its buffers, or with a sink written to
    // the scratch and handed over. Writes the gradient at its input (masked by the input's ReLU when
    // inputIsRelu) into gradIn, unless gradIn is undefined.
    void backwardLayer(Layer& layer, const torch::Tensor& in, const torch::Tensor& gradOut, torch::Tensor gradIn,
                       bool inputIsRelu, const GradientSink& sink);
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
    // One layer's gradients at a time when they go to a sink: small enough to stay in cache.
    torch::Tensor weightGradScratch_, biasGradScratch_;
    // What loss() leaves for backward().
    torch::Tensor x_;
    std::vector<torch::Tensor> decoded_;
    std::int64_t batch_ = 0;
    double klSlope_ = 0.0;
};

} // namespace latentlab
