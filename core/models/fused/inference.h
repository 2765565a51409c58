#pragma once
// Inference through the fused steps' products: where no gradient is asked for (encoding every sample,
// anomaly scores, the explorer's decoding, evaluation), an MLP backbone's layers go through oneDNN's sgemm
// with the bias and the ReLU in the same pass over the output, as in training. Elsewhere (autograd on, a
// model on the GPU or in double) LibTorch's own layers run.
#include <torch/torch.h>

#include <vector>

namespace latentlab::fused {

// Whether x through these layers can take the fast path now: no gradient recorded, float on the CPU.
bool canInferFused(const torch::Tensor& x, const std::vector<torch::nn::Linear>& layers);

// x [B, in] through the layers, a ReLU after each but the last (and after the last when reluAfterLast).
torch::Tensor inferDense(const torch::Tensor& x, const std::vector<torch::nn::Linear>& layers, bool reluAfterLast);

} // namespace latentlab::fused
