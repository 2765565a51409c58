#include "core/analysis/latent_geometry.h"

#include "core/util/errors.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace latentlab {
namespace {

// Below this sin(angle), slerp's weights divide by almost nothing; lerp differs from it there by O(angle^2).
constexpr double kParallel = 1e-4;
constexpr double kSqrtTwoPi = 2.50662827463100050242;

torch::Tensor flat(const torch::Tensor& t, const char* what)
{
    if (!t.defined() || t.numel() == 0 || (t.dim() == 2 && t.size(0) != 1) || t.dim() > 2)
        throw BadInputError(std::string(what) + " must be one latent vector");
    return t.reshape({-1});
}

std::string outsideLatent(std::int64_t dim, std::int64_t d)
{
    return "dimension " + std::to_string(dim) + " is outside the latent's " + std::to_string(d) + " (0.."
           + std::to_string(d - 1) + ")";
}

} // namespace

torch::Tensor lerp(const torch::Tensor& a, const torch::Tensor& b, double t)
{
    return a * (1.0 - t) + b * t;
}

torch::Tensor slerp(const torch::Tensor& a, const torch::Tensor& b, double t)
{
    // Double precision for the angle: acos near 1 loses half the digits of its argument.
    const torch::Tensor ad = a.to(torch::kDouble), bd = b.to(torch::kDouble);
    const double na = ad.norm().item<double>(), nb = bd.norm().item<double>();
    if (na == 0.0 || nb == 0.0)
        return lerp(a, b, t);
    const double cosine = std::clamp((ad * bd).sum().item<double>() / (na * nb), -1.0, 1.0);
    const double omega = std::acos(cosine);
    const double s = std::sin(omega);
    if (s < kParallel)
        return lerp(a, b, t);
    return (ad * (std::sin((1.0 - t) * omega) / s) + bd * (std::sin(t * omega) / s)).to(a.scalar_type());
}

torch::Tensor interpolationPath(const torch::Tensor& a, const torch::Tensor& b, std::int64_t steps, Interpolation how)
{
    if (steps < 2)
        throw BadInputError("an interpolation needs at least 2 steps (both ends), not " + std::to_string(steps));
    const torch::Tensor fa = flat(a, "the start"), fb = flat(b, "the end");
    if (fa.numel() != fb.numel())
        throw BadInputError("the ends of an interpolation have " + std::to_string(fa.numel()) + " and "
                            + std::to_string(fb.numel()) + " dimensions");
    torch::Tensor out = torch::empty({steps, fa.numel()}, fa.options());
    out[0].copy_(fa);
    out[steps - 1].copy_(fb.to(fa.scalar_type()));
    for (std::int64_t i = 1; i + 1 < steps; ++i) {
        const double t = static_cast<double>(i) / static_cast<double>(steps - 1);
        out[i].copy_(how == Interpolation::Spherical ? slerp(fa, fb, t) : lerp(fa, fb, t));
    }
    return out;
}

double inverseNormalCdf(double p)
{
    if (!(p > 0.0 && p < 1.0))
        throw BadInputError("the inverse normal CDF takes a probability strictly between 0 and 1, not "
                            + std::to_string(p));
    // Acklam's rational approximation (relative error 1.15e-9), then one Halley step against erfc, which
    // brings it to double precision.
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                               1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01,  -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    constexpr double low = 0.02425;
    auto tail = [&](double q) {
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
               / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    };
    double x;
    if (p < low) {
        x = tail(std::sqrt(-2.0 * std::log(p)));
    } else if (p > 1.0 - low) {
        x = -tail(std::sqrt(-2.0 * std::log1p(-p)));
    } else {
        const double q = p - 0.5, r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }
    const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    const double u = e * kSqrtTwoPi * std::exp(0.5 * x * x);
    return x - u / (1.0 + 0.5 * x * u);
}

std::vector<double> gaussianQuantiles(std::int64_t n)
{
    if (n < 1)
        throw BadInputError("a quantile grid needs at least one point per side, not " + std::to_string(n));
    std::vector<double> q(static_cast<std::size_t>(n), 0.0);
    // The lower half computed, the upper half mirrored: a grid that is symmetric on paper is symmetric here.
    for (std::int64_t i = 0; i < n / 2; ++i) {
        const double v = inverseNormalCdf(static_cast<double>(i + 1) / static_cast<double>(n + 1));
        q[static_cast<std::size_t>(i)] = v;
        q[static_cast<std::size_t>(n - 1 - i)] = -v;
    }
    return q;
}

std::vector<double> evenlySpaced(double lo, double hi, std::int64_t n)
{
    if (n < 1)
        throw BadInputError("a range needs at least one step, not " + std::to_string(n));
    if (n == 1)
        return {0.5 * (lo + hi)};
    std::vector<double> v(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(n - 1);
    v.back() = hi;
    return v;
}

torch::Tensor planeGrid(const torch::Tensor& origin, const torch::Tensor& u, const torch::Tensor& v,
                        const std::vector<double>& uCoords, const std::vector<double>& vCoords)
{
    const torch::Tensor o = flat(origin, "the plane's origin"), fu = flat(u, "the plane's first direction"),
                        fv = flat(v, "the plane's second direction");
    if (fu.numel() != o.numel() || fv.numel() != o.numel())
        throw BadInputError("the plane's origin and directions must have the same number of dimensions");
    if (uCoords.empty() || vCoords.empty())
        throw BadInputError("a plane grid needs at least one coordinate along each direction");
    const auto opts = torch::TensorOptions().dtype(torch::kDouble);
    const auto rows = static_cast<std::int64_t>(vCoords.size()), cols = static_cast<std::int64_t>(uCoords.size());
    const torch::Tensor cu = torch::tensor(uCoords, opts).repeat({rows});                      // column coordinate
    const torch::Tensor cv = torch::tensor(vCoords, opts).flip({0}).repeat_interleave(cols); // row coordinate
    const torch::Tensor grid = o.to(torch::kDouble).unsqueeze(0) + cu.unsqueeze(1) * fu.to(torch::kDouble).unsqueeze(0)
                               + cv.unsqueeze(1) * fv.to(torch::kDouble).unsqueeze(0);
    return grid.to(o.scalar_type());
}

torch::Tensor axis(std::int64_t d, std::int64_t dim)
{
    if (dim < 0 || dim >= d)
        throw BadInputError(outsideLatent(dim, d));
    torch::Tensor e = torch::zeros({d});
    e[dim] = 1.0;
    return e;
}

torch::Tensor traversalLatents(const torch::Tensor& base, const std::vector<std::int64_t>& dims,
                               const std::vector<double>& values)
{
    const torch::Tensor b = flat(base, "the traversal's base point");
    const std::int64_t d = b.numel();
    const auto steps = static_cast<std::int64_t>(values.size());
    if (dims.empty() || values.empty())
        throw BadInputError("a traversal needs at least one dimension and one value");
    torch::Tensor out = b.unsqueeze(0).repeat({static_cast<std::int64_t>(dims.size()) * steps, 1});
    const torch::Tensor vals = torch::tensor(values, torch::TensorOptions().dtype(torch::kDouble)).to(b.scalar_type());
    for (std::size_t k = 0; k < dims.size(); ++k) {
        if (dims[k] < 0 || dims[k] >= d)
            throw BadInputError(outsideLatent(dims[k], d));
        out.narrow(0, static_cast<std::int64_t>(k) * steps, steps).select(1, dims[k]).copy_(vals);
    }
    return out;
}

} // namespace latentlab
