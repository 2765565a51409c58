#include "core/analysis/procrustes.h"

#include "core/util/errors.h"

#include <torch/torch.h>

#include <string>

namespace latentlab {

torch::Tensor ProcrustesFit::apply(const torch::Tensor& moving) const
{
    const torch::Tensor x = moving.to(torch::kFloat64);
    return (scale * torch::matmul(x - movingMean, rotation) + shift).to(torch::kFloat32);
}

ProcrustesFit fitProcrustes(const torch::Tensor& reference, const torch::Tensor& moving)
{
    if (reference.dim() != 2 || moving.dim() != 2 || reference.sizes() != moving.sizes() || reference.size(0) < 1)
        throw BadInputError("Procrustes alignment needs two layouts of the same samples and dimensions (got " +
                            std::to_string(reference.dim() == 2 ? reference.size(0) : -1) + " and " +
                            std::to_string(moving.dim() == 2 ? moving.size(0) : -1) + " points)");
    const torch::Tensor a = reference.to(torch::kFloat64);
    const torch::Tensor b = moving.to(torch::kFloat64);
    if (!torch::isfinite(a).all().item<bool>() || !torch::isfinite(b).all().item<bool>())
        throw BadInputError("Procrustes alignment cannot use a layout with non-finite coordinates");
    const std::int64_t k = a.size(1);
    ProcrustesFit fit;
    fit.movingMean = b.mean(0);
    fit.shift = a.mean(0);
    const torch::Tensor ac = a - fit.shift;
    const torch::Tensor bc = b - fit.movingMean;
    const double movingSpread = bc.pow(2).sum().item<double>();
    const double referenceSpread = ac.pow(2).sum().item<double>();
    fit.rotation = torch::eye(k, torch::kFloat64);
    // A layout whose points all coincide has no orientation to find: left as it is, moved onto the centre.
    if (movingSpread > 1e-300 && referenceSpread > 1e-300) {
        const auto [u, s, vh] = torch::linalg_svd(torch::matmul(bc.t(), ac), /*full_matrices=*/false);
        fit.rotation = torch::matmul(u, vh);
        fit.scale = s.sum().item<double>() / movingSpread;
    }
    const torch::Tensor aligned = fit.scale * torch::matmul(bc, fit.rotation);
    fit.residual = referenceSpread > 1e-300 ? (aligned - ac).pow(2).sum().item<double>() / referenceSpread : 0.0;
    return fit;
}

} // namespace latentlab
