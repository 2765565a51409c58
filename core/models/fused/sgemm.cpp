#include "core/models/fused/sgemm.h"

#include <ATen/Parallel.h>
#include <oneapi/dnnl/dnnl.h>

#include <string>

namespace latentlab::fused {
namespace {

// A 2-D operand as BLAS sees it: row-major with leading dimension ld, or the transpose of one.
struct Operand {
    const float* data;
    char trans;
    dnnl_dim_t ld;
};

Operand operand(const torch::Tensor& t)
{
    TORCH_CHECK(t.dim() == 2 && t.scalar_type() == torch::kFloat && t.is_cpu(), "fused::matmul: 2-D CPU float");
    const auto rows = t.size(0), cols = t.size(1);
    const auto s0 = t.stride(0), s1 = t.stride(1);
    // A dimension of extent 1 can have any stride; BLAS still wants ld >= the row length.
    if (s1 == 1 || cols == 1)
        return {t.data_ptr<float>(), 'N', std::max<dnnl_dim_t>({s0, cols, 1})};
    if (s0 == 1 || rows == 1)
        return {t.data_ptr<float>(), 'T', std::max<dnnl_dim_t>({s1, rows, 1})};
    TORCH_CHECK(false, "fused::matmul: an operand must be row-major or the transpose of one");
}

} // namespace

bool onCpuInFloat(const torch::Tensor& t)
{
    return t.defined() && t.is_cpu() && t.scalar_type() == torch::kFloat;
}

void matmul(const torch::Tensor& out, const torch::Tensor& a, const torch::Tensor& b, float beta)
{
    const auto m = a.size(0), k = a.size(1), n = b.size(1);
    TORCH_CHECK(b.size(0) == k && out.dim() == 2 && out.size(0) == m && out.size(1) == n
                    && (out.stride(1) == 1 || n == 1),
                "fused::matmul: shapes");
    if (m == 0 || n == 0)
        return;
    if (k == 0) {
        beta == 0.0f ? out.zero_() : out.mul_(beta);
        return;
    }
    // Neither row-major nor transposed (a strided slice, say): a contiguous copy, alive through the call.
    const torch::Tensor ac = (a.stride(1) == 1 || a.stride(0) == 1) ? a : a.contiguous();
    const torch::Tensor bc = (b.stride(1) == 1 || b.stride(0) == 1) ? b : b.contiguous();
    const Operand A = operand(ac), B = operand(bc);
    const dnnl_dim_t ldc = std::max<dnnl_dim_t>(out.stride(0), n);
    const dnnl_status_t status
        = dnnl_sgemm(A.trans, B.trans, m, n, k, 1.0f, A.data, A.ld, B.data, B.ld, beta, out.data_ptr<float>(), ldc);
    if (status != dnnl_success)
        throw std::runtime_error("oneDNN's sgemm failed (status " + std::to_string(static_cast<int>(status)) + ")");
}

void matmulTransposedB(std::int64_t m, std::int64_t n, std::int64_t k, const float* a, std::int64_t lda, const float* b,
                       std::int64_t ldb, float* c, std::int64_t ldc)
{
    if (m == 0 || n == 0)
        return;
    const dnnl_status_t status = dnnl_sgemm('N', 'T', m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c, ldc);
    if (status != dnnl_success)
        throw std::runtime_error("oneDNN's sgemm failed (status " + std::to_string(static_cast<int>(status)) + ")");
}

void linearForward(const torch::Tensor& out, const torch::Tensor& in, const torch::Tensor& weight,
                   const torch::Tensor& bias, bool relu)
{
    const auto rows = in.size(0), cols = weight.size(0);
    float* o = out.data_ptr<float>();
    const auto ld = out.stride(0);
    // The bias first and beta 1: the product adds onto it, one pass instead of two.
    if (bias.defined()) {
        const float* bb = bias.data_ptr<float>();
        at::parallel_for(0, rows, 64, [&](std::int64_t begin, std::int64_t end) {
            for (std::int64_t r = begin; r < end; ++r)
                std::copy(bb, bb + cols, o + r * ld);
        });
    }
    matmul(out, in, weight.t(), bias.defined() ? 1.0f : 0.0f);
    if (relu) {
        at::parallel_for(0, rows, 64, [&](std::int64_t begin, std::int64_t end) {
            for (std::int64_t r = begin; r < end; ++r) {
                float* row = o + r * ld;
                // NaN stays NaN, as LibTorch's relu keeps it: a poisoned weight must reach the loss, where the
                // trainer sees it and undoes the step.
                for (std::int64_t c = 0; c < cols; ++c)
                    row[c] = row[c] < 0.0f ? 0.0f : row[c];
            }
        });
    }
}

} // namespace latentlab::fused
