#include "ui/explorer/explorer_space.h"

namespace latentlab::ui {
namespace {

// Weights 1 / (distance + eps), normalised: a point right on a sample decodes (or lands) as that sample.
torch::Tensor inverseDistanceWeights(const torch::Tensor& distances)
{
    const torch::Tensor w = 1.0 / (distances + 1e-6);
    return w / w.sum(-1, /*keepdim=*/true);
}

} // namespace

std::vector<std::int64_t> ExplorerSpace::nearest(double x, double y, int k) const
{
    const std::int64_t n = xy.size(0);
    k = static_cast<int>(std::min<std::int64_t>(k, n));
    if (k <= 0)
        return {};
    const torch::Tensor d2 = (xy - torch::tensor({static_cast<float>(x), static_cast<float>(y)})).pow(2).sum(1);
    const torch::Tensor idx = std::get<1>(d2.topk(k, 0, /*largest=*/false, /*sorted=*/true));
    const auto* p = idx.data_ptr<std::int64_t>();
    return {p, p + k};
}

torch::Tensor ExplorerSpace::latentAt(double x, double y) const
{
    switch (method) {
    case ProjectionMethod::Latent:
        return torch::tensor({static_cast<float>(x), static_cast<float>(y)});
    case ProjectionMethod::Dims: {
        torch::Tensor z = base.clone();
        z[dims[0]] = static_cast<float>(x);
        z[dims[1]] = static_cast<float>(y);
        return z;
    }
    case ProjectionMethod::Pca:
        return pca->inverse(torch::tensor({{static_cast<float>(x), static_cast<float>(y)}}))[0];
    case ProjectionMethod::Axes:
        return axes->inverse(torch::tensor({{static_cast<float>(x), static_cast<float>(y)}}))[0];
    case ProjectionMethod::Tsne:
    case ProjectionMethod::Umap:
    case ProjectionMethod::Imported: {
        const std::vector<std::int64_t> near = nearest(x, y, neighbourCount);
        const torch::Tensor rows = torch::tensor(near);
        const torch::Tensor d = (xy.index_select(0, rows) - torch::tensor({static_cast<float>(x), static_cast<float>(y)}))
                                    .pow(2).sum(1).sqrt();
        return (inverseDistanceWeights(d).unsqueeze(1) * latents.index_select(0, rows)).sum(0);
    }
    }
    return {};
}

torch::Tensor ExplorerSpace::positionsOf(const torch::Tensor& z) const
{
    const torch::Tensor q = z.to(torch::kFloat32).reshape({-1, latents.size(1)});
    switch (method) {
    case ProjectionMethod::Latent: return q.narrow(1, 0, 2).clone();
    case ProjectionMethod::Dims: return torch::stack({q.select(1, dims[0]), q.select(1, dims[1])}, 1);
    case ProjectionMethod::Pca: return pca->project(q).narrow(1, 0, 2).to(torch::kFloat32);
    case ProjectionMethod::Axes: return axes->project(q);
    case ProjectionMethod::Tsne:
    case ProjectionMethod::Umap:
    case ProjectionMethod::Imported: {
        const int k = static_cast<int>(std::min<std::int64_t>(neighbourCount, latents.size(0)));
        const torch::Tensor d = torch::cdist(q, latents);              // [M, N]
        auto [dist, idx] = d.topk(k, 1, /*largest=*/false, /*sorted=*/true);
        const torch::Tensor pos = xy.index_select(0, idx.reshape({-1})).reshape({q.size(0), k, 2});
        return (inverseDistanceWeights(dist).unsqueeze(2) * pos).sum(1);
    }
    }
    return {};
}

} // namespace latentlab::ui
