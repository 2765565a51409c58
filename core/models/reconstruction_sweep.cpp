#include "core/models/reconstruction_sweep.h"

#include "core/util/cpu_features.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <vector>

#if LATENTLAB_X86_DISPATCH
#include <immintrin.h>
#endif

namespace latentlab {

double bernoulliBlockPortable(const float* out, const float* target, float* grad, std::int64_t n, float scale)
{
    double sum = 0.0;
    for (std::int64_t i = 0; i < n; ++i) {
        const float o = out[i];
        const float e = std::exp(-std::abs(o));
        const float sigmoid = o >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
        sum += static_cast<double>(std::max(o, 0.0f) + std::log1p(e) - o * target[i]);
        grad[i] = (sigmoid - target[i]) * scale;
    }
    return sum;
}

#if LATENTLAB_X86_DISPATCH

namespace {

// exp(x) for x <= 0 (Cephes expf): 2^n * p(r) with r = x - n ln2 in [-ln2/2, ln2/2]. Below -87 the result
// is clamped to exp(-87), about 1.6e-38, where what it feeds (1 + e, log1p(e)) no longer sees it.
__attribute__((target("avx2,fma"))) inline __m256 expNonPositive(__m256 x)
{
    x = _mm256_max_ps(x, _mm256_set1_ps(-87.0f));
    const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x); // ln2 in two parts (Cody and Waite)
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
    const __m256 y = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    const __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(bits));
}

// log1p(e) for e in [0, 1] (Cephes logf's polynomial for log(1 + x), x in [sqrt(1/2) - 1, sqrt(2) - 1]): below
// sqrt(2) - 1, x = e itself, so small e keeps every bit; above, log1p(e) = ln2 + log(1 + (e - 1) / 2).
__attribute__((target("avx2,fma"))) inline __m256 log1pUnit(__m256 e)
{
    const __m256 upper = _mm256_cmp_ps(e, _mm256_set1_ps(0.41421356f), _CMP_GT_OQ);
    const __m256 x = _mm256_blendv_ps(e, _mm256_mul_ps(_mm256_sub_ps(e, _mm256_set1_ps(1.0f)), _mm256_set1_ps(0.5f)),
                                      upper);
    __m256 p = _mm256_set1_ps(7.0376836292e-2f);
    p = _mm256_fmadd_ps(p, x, _mm256_set1_ps(-1.1514610310e-1f));
    p = _mm256_fmadd_ps(p, x, _mm256_set1_ps(1.1676998740e-1f));
    p = _mm256_fmadd_ps(p, x, _mm256_set1_ps(-1.2420140846e-1f));
    p = _mm256_fmadd_ps(p, x, _mm256_set1_ps(1.4249322787e-1f));
    p = _mm256_fmadd_ps(p, x, _mm256_set1_ps(-1.6668057665e-1f));
    p = _mm256_fmadd_ps(p, x, _mm256_set1_ps(2.0000714765e-1f));
    p = _mm256_fmadd_ps(p, x, _mm256_set1_ps(-2.4999993993e-1f));
    p = _mm256_fmadd_ps(p, x, _mm256_set1_ps(3.3333331174e-1f));
    const __m256 z = _mm256_mul_ps(x, x);
    __m256 y = _mm256_mul_ps(_mm256_mul_ps(p, x), z);
    y = _mm256_fmadd_ps(_mm256_set1_ps(-0.5f), z, y);
    const __m256 log = _mm256_add_ps(x, y);
    return _mm256_add_ps(log, _mm256_and_ps(upper, _mm256_set1_ps(0.69314718056f)));
}

} // namespace

__attribute__((target("avx2,fma"))) double bernoulliBlockAvx2(const float* out, const float* target, float* grad,
                                                              std::int64_t n, float scale)
{
    const __m256 zero = _mm256_setzero_ps(), one = _mm256_set1_ps(1.0f), s = _mm256_set1_ps(scale);
    const __m256 signBit = _mm256_set1_ps(-0.0f);
    __m256 acc = zero;
    std::int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 o = _mm256_loadu_ps(out + i);
        const __m256 t = _mm256_loadu_ps(target + i);
        const __m256 e = expNonPositive(_mm256_or_ps(o, signBit)); // exp(-|o|)
        const __m256 softplus = _mm256_add_ps(_mm256_max_ps(o, zero), log1pUnit(e));
        acc = _mm256_add_ps(acc, _mm256_fnmadd_ps(o, t, softplus));
        // sigmoid(o) = 1 / (1 + e) for o >= 0, e / (1 + e) below: neither overflows
        const __m256 numerator = _mm256_blendv_ps(one, e, _mm256_cmp_ps(o, zero, _CMP_LT_OQ));
        const __m256 sigmoid = _mm256_div_ps(numerator, _mm256_add_ps(one, e));
        _mm256_storeu_ps(grad + i, _mm256_mul_ps(_mm256_sub_ps(sigmoid, t), s));
    }
    alignas(32) float lanes[8];
    _mm256_store_ps(lanes, acc);
    double sum = 0.0;
    for (float lane : lanes)
        sum += static_cast<double>(lane);
    return sum + bernoulliBlockPortable(out + i, target + i, grad + i, n - i, scale);
}

#else

double bernoulliBlockAvx2(const float* out, const float* target, float* grad, std::int64_t n, float scale)
{
    return bernoulliBlockPortable(out, target, grad, n, scale);
}

#endif

double reconstructionSweep(Likelihood likelihood, const float* out, const float* target, float* grad, std::int64_t n,
                           float scale)
{
    const std::int64_t blocks = (n + kReconstructionBlock - 1) / kReconstructionBlock;
    std::vector<double> partial(static_cast<std::size_t>(blocks), 0.0);
    const bool avx2 = cpuHasAvx2Fma();
    at::parallel_for(0, blocks, 1, [&](std::int64_t first, std::int64_t last) {
        for (std::int64_t b = first; b < last; ++b) {
            const std::int64_t begin = b * kReconstructionBlock;
            const std::int64_t size = std::min(n, begin + kReconstructionBlock) - begin;
            double sum = 0.0;
            if (likelihood == Likelihood::Bernoulli) {
                sum = avx2 ? bernoulliBlockAvx2(out + begin, target + begin, grad + begin, size, scale)
                           : bernoulliBlockPortable(out + begin, target + begin, grad + begin, size, scale);
            } else {
                for (std::int64_t i = begin; i < begin + size; ++i) {
                    const float d = out[i] - target[i];
                    sum += static_cast<double>(d * d);
                    grad[i] = 2.0f * d * scale;
                }
            }
            partial[static_cast<std::size_t>(b)] = sum;
        }
    });
    double total = 0.0;
    for (double p : partial)
        total += p;
    return total;
}

} // namespace latentlab
