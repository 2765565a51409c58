#pragma once
// Inference through the fused steps' products: where no gradient is asked for (encoding every sample,
// anomaly scores, the explorer's decoding, evaluation), a backbone's dense layers go through oneDNN's sgemm
// with the bias and the ReLU in the same pass over the output, and its convolutions through oneDNN's
// primitives (conv_inference.h), as in training. Elsewhere (autograd on, a model on the GPU or in double)
// LibTorch's own layers run.
#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace latentlab::fused {

// Whether x through layers with these parameters can take the fast path now: the switch below on, no
// gradient recorded, x and the parameters float on the CPU.
bool canInferWithout(const torch::Tensor& x, const std::vector<torch::Tensor>& parameters);
// The same for dense layers, which must also have their biases (DenseStack::supports).
bool canInferFused(const torch::Tensor& x, const std::vector<torch::nn::Linear>& layers);

// x [B, in] through the layers, a ReLU after each but the last (and after the last when reluAfterLast).
torch::Tensor inferDense(const torch::Tensor& x, const std::vector<torch::nn::Linear>& layers, bool reluAfterLast);

// On by default. Off, every backbone runs LibTorch's layers: for benchmarks and tests that set the two paths
// side by side on the same input. Process-wide.
void setFusedInference(bool on);
bool fusedInferenceOn();
// How many backbone forwards have taken the fast path in this process (a count tests read).
std::uint64_t fusedInferencePasses();
void countFusedInferencePass();

} // namespace latentlab::fused
