#pragma once
// Data whose layout is known, for the t-SNE and UMAP suites: well-separated blobs must come out as separate
// clusters, which knnPurity measures.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>
#include <limits>

namespace latentlab::testing {

// 3 blobs of 100 points in 10-d, unit spread, centres 20 apart; labels 0, 1, 2.
struct Blobs {
    torch::Tensor x, labels;
};

inline Blobs blobs(std::uint64_t seed = 5, std::int64_t n = 300)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    const torch::Tensor centres = torch::randn({3, 10}, gen) * (20.0 / std::sqrt(2.0 * 10.0));
    const torch::Tensor labels = torch::arange(n, torch::kInt64) % 3;
    return {centres.index_select(0, labels) + torch::randn({n, 10}, gen), labels};
}

// Share of each point's k nearest neighbours in the layout that carry its label.
inline double knnPurity(const torch::Tensor& xy, const torch::Tensor& labels, std::int64_t k)
{
    torch::Tensor d = torch::cdist(xy, xy);
    d.fill_diagonal_(std::numeric_limits<float>::infinity());
    const torch::Tensor nn = std::get<1>(d.topk(k, 1, false));
    return (labels.index_select(0, nn.reshape({-1})).view(nn.sizes()) == labels.unsqueeze(1))
        .to(torch::kFloat64)
        .mean()
        .item<double>();
}

} // namespace latentlab::testing
