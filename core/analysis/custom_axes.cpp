#include "core/analysis/custom_axes.h"

#include "core/analysis/pca.h"
#include "core/util/errors.h"

#include <torch/torch.h>

#include <cmath>

namespace latentlab {
namespace {

// Below this sine of the angle between the axes (about 0.06 degrees) the least-squares coordinates would
// amplify rounding a thousandfold: the two axes show one direction.
constexpr double kMinAxesSine = 1e-3;

torch::Tensor flat64(const torch::Tensor& t)
{
    return t.to(torch::kFloat64).reshape({-1});
}

} // namespace

torch::Tensor AxesMap::project(const torch::Tensor& latents) const
{
    if (latents.dim() != 2 || latents.size(1) != dims())
        throw BadInputError("custom axes: expected rows of " + std::to_string(dims()) + " values");
    return torch::matmul(latents.to(torch::kFloat32) - origin, solver.t());
}

torch::Tensor AxesMap::inverse(const torch::Tensor& coords) const
{
    if (coords.dim() != 2 || coords.size(1) != 2)
        throw BadInputError("custom axes: expected rows of 2 coordinates");
    return torch::addmm(origin.unsqueeze(0), coords.to(torch::kFloat32), basis);
}

AxesMap axesThrough(const torch::Tensor& xZero, const torch::Tensor& a, const torch::Tensor& yZero,
                    const torch::Tensor& b)
{
    const torch::Tensor a64 = flat64(a), b64 = flat64(b);
    if (a64.size(0) != b64.size(0) || flat64(xZero).size(0) != a64.size(0) || flat64(yZero).size(0) != a64.size(0))
        throw BadInputError("custom axes: the axes and their zero points must have the same number of dimensions");
    const double aa = a64.dot(a64).item<double>(), bb = b64.dot(b64).item<double>(), ab = a64.dot(b64).item<double>();
    if (aa == 0.0 || bb == 0.0)
        throw BadInputError("custom axes: an axis has no length");
    const double det = aa * bb - ab * ab;
    if (!(det / (aa * bb) >= kMinAxesSine * kMinAxesSine))
        throw BadInputError("the y axis is parallel to the x axis, so together they span no plane");
    const torch::Tensor basis = torch::stack({a64, b64});                    // [2, d]
    const torch::Tensor gramInverse = torch::tensor({{bb, -ab}, {-ab, aa}}, torch::kFloat64) / det;
    const torch::Tensor solver = torch::matmul(gramInverse, basis);          // [2, d]: solver @ basis^T = I
    // The origin is x's zero moved along b until y's zero projects to y = 0; moving along b leaves every
    // x coordinate as it was, since solver[0] . b = 0.
    const torch::Tensor x0 = flat64(xZero);
    const double shift = solver[1].dot(flat64(yZero) - x0).item<double>();
    AxesMap map;
    map.origin = (x0 + shift * b64).to(torch::kFloat32);
    map.basis = basis.to(torch::kFloat32);
    map.solver = solver.to(torch::kFloat32);
    return map;
}

AxesMap fitAxes(const torch::Tensor& latents, const AxesRequest& request)
{
    if (latents.dim() != 2 || latents.size(0) < 1)
        throw BadInputError("custom axes: there are no latents to lay out");
    if (latents.size(1) < 2)
        throw BadInputError("custom axes need a latent of at least 2 dimensions");
    if (request.yFrom.has_value() != request.yTo.has_value())
        throw BadInputError("the y axis needs two sets, one at each end");
    const AttributeVector x = attributeVector(latents, request.xFrom, request.xTo);
    if (request.yFrom) {
        const AttributeVector y = attributeVector(latents, *request.yFrom, *request.yTo);
        AxesMap map = axesThrough(x.from, x.vector, y.from, y.vector);
        map.yFromSets = true;
        return map;
    }
    // What x leaves: each latent with its component along x removed. The first principal component of that
    // is the direction the data spreads most across x, orthogonal to it.
    const torch::Tensor z = latents.to(torch::kFloat64);
    const torch::Tensor unit = flat64(x.vector) / flat64(x.vector).norm();
    const torch::Tensor residual = z - torch::outer(torch::matmul(z, unit), unit);
    if (residual.size(0) < 2)
        throw BadInputError("custom axes: a principal component needs at least 2 samples");
    const PcaMap pca = fitPca(residual.to(torch::kFloat32), 1);
    const double spread = pca.explainedVariance[0].item<double>();
    const double total = (z - z.mean(0)).pow(2).sum(1).mean().item<double>();
    torch::Tensor b = flat64(pca.components[0]);
    b = b - b.dot(unit) * unit; // exactly orthogonal, not only up to the eigensolver's rounding
    if (!(spread > 1e-10 * std::max(total, 1e-30)) || b.norm().item<double>() < 0.5)
        throw BadInputError("the latents vary along the x axis alone, so there is no second direction to show");
    b = b / b.norm();
    // y = 0 at the centre of the data, as in a PCA layout.
    AxesMap map = axesThrough(x.from, x.vector, z.mean(0), b);
    map.yFromSets = false;
    return map;
}

} // namespace latentlab
