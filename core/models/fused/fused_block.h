#pragma once
// A piece of a model trained without autograd: forward into buffers it owns, backward by hand, its
// parameters' gradients accumulated in buffers of its own. The fused steps (fused_step.h) chain blocks: an
// encoder backbone, a family's heads, a decoder backbone. Every block reads and writes flat rows
// [batch, width] (an image is its C*H*W values in NCHW order, as LibTorch stores it), so a family's step does
// not know which backbone it runs on.
#include <torch/torch.h>

#include <vector>

namespace latentlab::fused {

// A model parameter and the buffer its gradient accumulates in (zero when created; the trainer's optimizer
// leaves it zero after each step, AdamOptimizer::Gradients::Zero).
struct ParameterGrad {
    torch::Tensor parameter, grad;
};

class Block {
public:
    virtual ~Block() = default;
    virtual std::int64_t inWidth() const = 0;
    virtual std::int64_t outWidth() const = 0;
    // in: [batch, inWidth()], rows contiguous (the row stride may exceed the width). Returns [batch, outWidth()]
    // rows in the block's own buffer, valid until the next forward(); keeps what backward() needs.
    virtual torch::Tensor forward(const torch::Tensor& in) = 0;
    // After forward(in) with the same in: adds every parameter's gradient for gradOut, the gradient at the
    // block's output ([batch, outWidth()]; the block may overwrite it), and writes the gradient at its input
    // into gradIn ([batch, inWidth()]) unless gradIn is undefined.
    virtual void backward(const torch::Tensor& in, const torch::Tensor& gradOut, const torch::Tensor& gradIn) = 0;
    virtual std::vector<ParameterGrad> parameters() = 0;
};

} // namespace latentlab::fused
