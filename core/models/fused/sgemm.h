#pragma once
// The matrix products of the fused training steps and of inference through their layers, by oneDNN's sgemm
// (Debian's libdnnl, the library Debian's LibTorch already links) instead of the OpenBLAS behind LibTorch's
// at::mm. On the steps' small products (a batch of 128 against 32..784-wide layers) oneDNN splits the work
// over two cores far better: the reference VAE's 0.95 GFLOP of products per step took 6.1 ms through
// OpenBLAS and 3.4 ms through oneDNN on an AVX-512 Zen 4 (2 threads), 15.9 ms and 9.75 ms on an AVX2 machine.
// LibTorch's own operations keep OpenBLAS.
//
// oneDNN threads through OpenMP, the pool LibTorch's at::set_num_threads sizes (the same libgomp), so a
// product takes the calling thread's LibTorch thread count; inside a parallel region it runs on one thread.
#include <torch/torch.h>

namespace latentlab::fused {

// out = a @ b + beta * out for 2-D float CPU tensors; a and b may be transposed views (a.t()), out must be
// row-major with unit column stride. beta 0 ignores what out held (NaN included).
void matmul(const torch::Tensor& out, const torch::Tensor& a, const torch::Tensor& b, float beta = 0.0f);

// c[m, n] = a[m, k] @ b[n, k]^T for row-major arrays with leading dimensions lda, ldb, ldc: rows of points
// against rows of points, the form a tile of distances takes (core/analysis/exact_neighbours.cpp).
void matmulTransposedB(std::int64_t m, std::int64_t n, std::int64_t k, const float* a, std::int64_t lda, const float* b,
                       std::int64_t ldb, float* c, std::int64_t ldc);

// out = in @ weight^T + bias (the Linear layer), optionally followed by ReLU; bias may be undefined.
void linearForward(const torch::Tensor& out, const torch::Tensor& in, const torch::Tensor& weight,
                   const torch::Tensor& bias, bool relu);

// True where the products above can take this tensor: a float tensor on the CPU.
bool onCpuInFloat(const torch::Tensor& t);

} // namespace latentlab::fused
