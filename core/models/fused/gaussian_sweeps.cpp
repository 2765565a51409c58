#include "core/models/fused/gaussian_sweeps.h"

#include <cmath>

namespace latentlab::fused {
namespace {

// A [rows, cols] float tensor whose rows are contiguous, addressed as a plain array.
struct Cells {
    float* p;
    std::int64_t stride;
    explicit Cells(const torch::Tensor& t) : p(t.data_ptr<float>()), stride(t.stride(0)) {}
    float& operator()(std::int64_t r, std::int64_t c) const { return p[r * stride + c]; }
};

// Latent layers are [batch, a few dozen]: a few thousand cells, too few to wake the thread pool for.
template <class F>
void forEachCell(const torch::Tensor& shape, F f)
{
    const std::int64_t rows = shape.size(0), cols = shape.size(1);
    for (std::int64_t r = 0; r < rows; ++r)
        for (std::int64_t c = 0; c < cols; ++c)
            f(r, c);
}

} // namespace

void drawLatent(const torch::Tensor& mu, const torch::Tensor& logvar, const torch::Tensor& eps,
                const torch::Tensor& sd, const torch::Tensor& z)
{
    eps.normal_();
    const Cells m(mu), lv(logvar), e(eps), s(sd), zz(z);
    forEachCell(mu, [&](std::int64_t r, std::int64_t c) {
        s(r, c) = std::exp(0.5f * lv(r, c));
        zz(r, c) = m(r, c) + e(r, c) * s(r, c);
    });
}

double addStandardKl(const torch::Tensor& mu, const torch::Tensor& logvar, std::vector<double>& klDims)
{
    const Cells m(mu), lv(logvar);
    double total = 0.0;
    forEachCell(mu, [&](std::int64_t r, std::int64_t c) {
        const double k = -0.5 * (1.0 + lv(r, c) - m(r, c) * m(r, c) - std::exp(lv(r, c)));
        klDims[static_cast<std::size_t>(c)] += k;
        total += k;
    });
    return total;
}

double priorKl(const torch::Tensor& mu, const torch::Tensor& logvar, const torch::Tensor& priorMu,
               const torch::Tensor& priorLogvar, std::vector<double>* klDims)
{
    const Cells m(mu), lv(logvar), pm(priorMu), plv(priorLogvar);
    double total = 0.0;
    forEachCell(mu, [&](std::int64_t r, std::int64_t c) {
        const double d = m(r, c) - pm(r, c);
        const double k = 0.5 * (plv(r, c) - lv(r, c) + (std::exp(lv(r, c)) + d * d) / std::exp(plv(r, c)) - 1.0);
        if (klDims)
            (*klDims)[static_cast<std::size_t>(c)] += k;
        total += k;
    });
    return total;
}

void standardLatentBackward(const torch::Tensor& gradZ, const torch::Tensor& mu, const torch::Tensor& logvar,
                            const torch::Tensor& eps, const torch::Tensor& sd, float w, const torch::Tensor& gradMu,
                            const torch::Tensor& gradLogvar)
{
    const Cells gz(gradZ), m(mu), lv(logvar), e(eps), s(sd), gm(gradMu), gl(gradLogvar);
    forEachCell(mu, [&](std::int64_t r, std::int64_t c) {
        gm(r, c) = gz(r, c) + w * m(r, c);
        gl(r, c) = gz(r, c) * e(r, c) * 0.5f * s(r, c) + w * 0.5f * (std::exp(lv(r, c)) - 1.0f);
    });
}

// KL = (plv - lv + (e^lv + d^2) e^-plv - 1) / 2 with d = mu - priorMu.
void priorKlBackward(const torch::Tensor& mu, const torch::Tensor& logvar, const torch::Tensor& priorMu,
                     const torch::Tensor& priorLogvar, float w, const torch::Tensor& gradPriorMu,
                     const torch::Tensor& gradPriorLogvar)
{
    const Cells m(mu), lv(logvar), pm(priorMu), plv(priorLogvar), gpm(gradPriorMu), gpl(gradPriorLogvar);
    forEachCell(mu, [&](std::int64_t r, std::int64_t c) {
        const float inv = std::exp(-plv(r, c));
        const float d = m(r, c) - pm(r, c);
        gpm(r, c) = -w * d * inv;
        gpl(r, c) = w * 0.5f * (1.0f - (std::exp(lv(r, c)) + d * d) * inv);
    });
}

void priorLatentBackward(const torch::Tensor& gradZ, const torch::Tensor& mu, const torch::Tensor& logvar,
                         const torch::Tensor& eps, const torch::Tensor& sd, const torch::Tensor& priorMu,
                         const torch::Tensor& priorLogvar, float w, const torch::Tensor& gradMu,
                         const torch::Tensor& gradLogvar)
{
    const Cells gz(gradZ), m(mu), lv(logvar), e(eps), s(sd), pm(priorMu), plv(priorLogvar), gm(gradMu), gl(gradLogvar);
    forEachCell(mu, [&](std::int64_t r, std::int64_t c) {
        const float inv = std::exp(-plv(r, c));
        gm(r, c) = gz(r, c) + w * (m(r, c) - pm(r, c)) * inv;
        gl(r, c) = gz(r, c) * e(r, c) * 0.5f * s(r, c) + w * 0.5f * (std::exp(lv(r, c)) * inv - 1.0f);
    });
}

} // namespace latentlab::fused
