#pragma once
// Convolutions and transposed convolutions in a row, as a fused Block over LibTorch's own Conv2d and
// ConvTranspose2d weights, by oneDNN's convolution and deconvolution primitives (the library sgemm.h uses).
// LibTorch's autograd took 66 ms for a conv-VAE step at batch 128 on two Zen 4 cores, most of it in its
// backward convolutions (a 64->32 ConvTranspose2d: 21.6 ms forward and backward).
//
// Inside the stack the activations and their gradients stay in the layout oneDNN picks for each primitive
// (blocked channels, typically); the block's input and output are flat NCHW rows like every Block's. The
// primitives are made once per batch size (an epoch's last, partial batch has its own), with their buffers.
#include "core/models/fused/fused_block.h"

#include <memory>

namespace latentlab::fused {

// One layer of a ConvStack: the module's parameters (shared, not copied) and its geometry.
struct ConvLayer {
    // k x k kernels, stride and zero padding per side; 1 group, no dilation (supports() checks).
    static ConvLayer conv(const torch::nn::Conv2d& module, bool reluAfter);
    static ConvLayer deconv(const torch::nn::ConvTranspose2d& module, bool reluAfter);
    static bool supports(const torch::nn::Conv2d& module);
    static bool supports(const torch::nn::ConvTranspose2d& module);

    bool transposed = false;
    // LibTorch's layouts: [out, in, kh, kw] for a convolution, [in, out, kh, kw] for a transposed one.
    torch::Tensor weight, bias;
    std::int64_t inChannels = 0, outChannels = 0;
    std::int64_t kernel[2] = {0, 0}, stride[2] = {1, 1}, padding[2] = {0, 0}, outputPadding[2] = {0, 0};
    bool relu = false;
};

class ConvStack : public Block {
public:
    // Inference: the forward alone (oneDNN's forward_inference primitives, no gradient buffers); backward()
    // refuses and parameters() is empty.
    enum class Use { Training, Inference };
    // inputShape: {C, H, W} of the first layer's input.
    ConvStack(std::vector<ConvLayer> layers, std::vector<std::int64_t> inputShape, Use use = Use::Training);
    ~ConvStack() override;
    ConvStack(const ConvStack&) = delete;
    ConvStack& operator=(const ConvStack&) = delete;

    // {C, H, W} of the last layer's output.
    std::vector<std::int64_t> outputShape() const;

    std::int64_t inWidth() const override;
    std::int64_t outWidth() const override;
    torch::Tensor forward(const torch::Tensor& in) override;
    void backward(const torch::Tensor& in, const torch::Tensor& gradOut, const torch::Tensor& gradIn) override;
    std::vector<ParameterGrad> parameters() override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace latentlab::fused
