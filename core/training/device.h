#pragma once
#include <torch/torch.h>

#include <string>

namespace latentlab {

// "cpu" or "cuda". CUDA only when the linked LibTorch was built with it (Debian's is CPU-only): otherwise a
// BadInputError that says so, rather than a failure deep inside the first kernel.
torch::Device resolveDevice(const std::string& name);
bool cudaAvailable();

} // namespace latentlab
