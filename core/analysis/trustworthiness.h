#pragma once
// How far a layout can be trusted (Venna & Kaski 2001): 1 minus a penalty for each of a point's k nearest
// neighbours in the layout that is not among its k nearest in the original space, weighted by how far down
// the original ranking it is. 1 is perfect. The same definition as sklearn.manifold.trustworthiness.
#include <torch/torch.h>

namespace latentlab {

// high: [N, d], low: [N, 2] (any width), 1 <= k < N / 2. Exact, O(N^2 d) by blocks of rows; fine for tens of
// thousands of points.
double trustworthiness(const torch::Tensor& high, const torch::Tensor& low, std::int64_t k = 10);

} // namespace latentlab
