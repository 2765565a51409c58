#pragma once
// A conv backbone's convolutions for inference, kept by the module they belong to: a forward-only ConvStack
// (oneDNN's primitives, made once per batch size) built on the first call without autograd. LibTorch's own
// ConvTranspose2d forward took 10.4 ms where oneDNN's takes 1.4 (the decoder's at batch 128, two Zen 4 cores).
//
// Safe to call from several threads (one at a time runs; the others wait): a model snapshot may be encoding on
// one worker while the explorer decodes on another. Rows go through in chunks of at most kChunkRows, so the
// buffers a stack keeps stay a few MB whatever batch a caller passes.
#include "core/models/fused/conv_layers.h"

#include <memory>
#include <mutex>

namespace latentlab::fused {

class ConvInference {
public:
    static constexpr std::int64_t kChunkRows = 256;

    ConvInference();
    ~ConvInference();
    ConvInference(const ConvInference&) = delete;
    ConvInference& operator=(const ConvInference&) = delete;

    // rows [B, C*H*W] (NCHW values of inputShape {C, H, W}) through the layers -> a new tensor [B, out]. The
    // stack is rebuilt when the layers' parameters are other tensors than those it was built over (a module
    // moved, parameters reassigned); their values may change between calls (training), their storage too.
    torch::Tensor forward(const torch::Tensor& rows, const std::vector<ConvLayer>& layers,
                          const std::vector<std::int64_t>& inputShape);

private:
    bool builtFor(const std::vector<ConvLayer>& layers) const;

    std::mutex mutex_;
    std::unique_ptr<ConvStack> stack_;
    std::vector<torch::Tensor> builtOver_; // each layer's weight and bias, as the stack holds them
};

} // namespace latentlab::fused
