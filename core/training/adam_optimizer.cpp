#include "core/training/adam_optimizer.h"

#include "core/util/errors.h"

#include <ATen/Parallel.h>

#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace latentlab {
namespace {

// The whole update in one sweep: g = grad + wd*p; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
// p -= (lr/bc1) * m / (sqrt(v)/sqrt(bc2) + eps), exactly PyTorch's Adam, with the old p kept in prev.
struct AdamStep {
    float b1, b2, wd, stepSize, invSqrtBc2, eps;
};

// Written with SSE (every x86-64 has it) because std::sqrt's errno keeps GCC from vectorizing the plain loop,
// and -fno-math-errno for this file alone would disable the precompiled header. The scalar loop does the
// rest and other CPUs.
// zeroGrad: g is left zero, in the same sweep that reads it.
template <bool zeroGrad>
void updateRange(float* p, float* g, float* m, float* v, float* prev, std::int64_t begin, std::int64_t end,
                 const AdamStep& k)
{
    auto scalar = [&](std::int64_t i) {
        const float pi = p[i];
        const float gi = g[i] + k.wd * pi;
        if (zeroGrad)
            g[i] = 0.0f;
        const float mi = k.b1 * m[i] + (1.0f - k.b1) * gi;
        const float vi = k.b2 * v[i] + (1.0f - k.b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        prev[i] = pi;
        p[i] = pi - k.stepSize * mi / (std::sqrt(vi) * k.invSqrtBc2 + k.eps);
    };
    std::int64_t i = begin;
#if defined(__SSE2__)
    // The copy of the old weights is read only to undo a step: streamed past the cache, it costs no read of
    // its old contents and evicts nothing the next step needs. Streaming stores need 16-byte alignment.
    for (; i < end && reinterpret_cast<std::uintptr_t>(prev + i) % 16 != 0; ++i)
        scalar(i);
    const __m128 b1 = _mm_set1_ps(k.b1), c1 = _mm_set1_ps(1.0f - k.b1), b2 = _mm_set1_ps(k.b2),
                 c2 = _mm_set1_ps(1.0f - k.b2), wd = _mm_set1_ps(k.wd), step = _mm_set1_ps(k.stepSize),
                 inv = _mm_set1_ps(k.invSqrtBc2), eps = _mm_set1_ps(k.eps);
    for (; i + 4 <= end; i += 4) {
        const __m128 pi = _mm_loadu_ps(p + i);
        const __m128 gi = _mm_add_ps(_mm_loadu_ps(g + i), _mm_mul_ps(wd, pi));
        if (zeroGrad)
            _mm_storeu_ps(g + i, _mm_setzero_ps());
        const __m128 mi = _mm_add_ps(_mm_mul_ps(b1, _mm_loadu_ps(m + i)), _mm_mul_ps(c1, gi));
        const __m128 vi = _mm_add_ps(_mm_mul_ps(b2, _mm_loadu_ps(v + i)), _mm_mul_ps(c2, _mm_mul_ps(gi, gi)));
        _mm_storeu_ps(m + i, mi);
        _mm_storeu_ps(v + i, vi);
        _mm_stream_ps(prev + i, pi);
        const __m128 denom = _mm_add_ps(_mm_mul_ps(_mm_sqrt_ps(vi), inv), eps);
        _mm_storeu_ps(p + i, _mm_sub_ps(pi, _mm_div_ps(_mm_mul_ps(step, mi), denom)));
    }
    _mm_sfence(); // streaming stores are weakly ordered: done before anyone may read prev
#endif
    for (; i < end; ++i)
        scalar(i);
}

void fusedStep(float* p, float* g, float* m, float* v, float* prev, std::int64_t n, AdamStep k, bool zeroGrad)
{
    at::parallel_for(0, n, 32768, [&](std::int64_t begin, std::int64_t end) {
        if (zeroGrad)
            updateRange<true>(p, g, m, v, prev, begin, end, k);
        else
            updateRange<false>(p, g, m, v, prev, begin, end, k);
    });
}

} // namespace

AdamOptimizer::AdamOptimizer(const NamedTensors& params, AdamSettings settings) : settings_(settings)
{
    for (const auto& [name, p] : params) {
        if (!p.requires_grad())
            continue;
        slots_.push_back({name, p, torch::zeros_like(p), torch::zeros_like(p), torch::empty_like(p)});
    }
}

void AdamOptimizer::zeroGrad()
{
    for (auto& s : slots_)
        s.param.mutable_grad().reset();
}

double AdamOptimizer::clipGradNorm(double maxNorm)
{
    double sumSq = 0.0;
    for (const auto& s : slots_)
        if (s.param.grad().defined())
            sumSq += s.param.grad().pow(2).sum().item<double>();
    const double norm = std::sqrt(sumSq);
    if (maxNorm > 0.0 && std::isfinite(norm) && norm > maxNorm) {
        const double scale = maxNorm / (norm + 1e-6);
        for (auto& s : slots_)
            if (s.param.grad().defined())
                s.param.mutable_grad().mul_(scale);
    }
    return norm;
}

void AdamOptimizer::step(Gradients after)
{
    torch::NoGradGuard noGrad;
    ++steps_;
    const double bc1 = 1.0 - std::pow(settings_.beta1, static_cast<double>(steps_));
    const double bc2 = 1.0 - std::pow(settings_.beta2, static_cast<double>(steps_));
    const double stepSize = settings_.learningRate / bc1;
    for (auto& s : slots_) {
        const torch::Tensor& grad = s.param.grad();
        if (!grad.defined())
            continue;
        const bool fast = s.param.is_cpu() && s.param.scalar_type() == torch::kFloat && s.param.is_contiguous()
                          && grad.is_contiguous() && grad.scalar_type() == torch::kFloat;
        if (fast) {
            fusedStep(s.param.data_ptr<float>(), grad.data_ptr<float>(), s.expAvg.data_ptr<float>(),
                      s.expAvgSq.data_ptr<float>(), s.previous.data_ptr<float>(), s.param.numel(),
                      {static_cast<float>(settings_.beta1), static_cast<float>(settings_.beta2),
                       static_cast<float>(settings_.weightDecay), static_cast<float>(stepSize),
                       static_cast<float>(1.0 / std::sqrt(bc2)), static_cast<float>(settings_.eps)},
                      after == Gradients::Zero);
            continue;
        }
        // Other devices and layouts: the same update in tensor operations.
        s.previous.copy_(s.param);
        const torch::Tensor g = settings_.weightDecay != 0.0 ? grad + settings_.weightDecay * s.param : grad;
        s.expAvg.mul_(settings_.beta1).add_(g, 1.0 - settings_.beta1);
        s.expAvgSq.mul_(settings_.beta2).addcmul_(g, g, 1.0 - settings_.beta2);
        const torch::Tensor denom = (s.expAvgSq.sqrt() / std::sqrt(bc2)).add_(settings_.eps);
        s.param.addcdiv_(s.expAvg, denom, -stepSize);
        if (after == Gradients::Zero)
            s.param.mutable_grad().zero_();
    }
    canUndo_ = true;
}

bool AdamOptimizer::undoLastStep()
{
    if (!canUndo_)
        return false;
    torch::NoGradGuard noGrad;
    for (auto& s : slots_)
        s.param.copy_(s.previous);
    --steps_;
    canUndo_ = false;
    return true;
}

NamedTensors AdamOptimizer::state() const
{
    NamedTensors out;
    out.emplace_back("step", torch::tensor(steps_, torch::kInt64));
    for (const auto& s : slots_) {
        out.emplace_back(s.name + ".exp_avg", s.expAvg.cpu().clone());
        out.emplace_back(s.name + ".exp_avg_sq", s.expAvgSq.cpu().clone());
    }
    return out;
}

void AdamOptimizer::loadState(const NamedTensors& state)
{
    auto find = [&](const std::string& name) -> torch::Tensor {
        for (const auto& [n, t] : state)
            if (n == name)
                return t;
        throw ModelMismatchError("optimizer state: '" + name + "' is missing");
    };
    const torch::Tensor step = find("step");
    if (step.numel() != 1)
        throw ModelMismatchError("optimizer state: 'step' is not a single number");
    torch::NoGradGuard noGrad;
    for (auto& s : slots_) {
        const std::pair<const char*, torch::Tensor*> moments[] = {{".exp_avg", &s.expAvg}, {".exp_avg_sq", &s.expAvgSq}};
        for (const auto& [suffix, target] : moments) {
            const torch::Tensor t = find(s.name + suffix);
            if (t.sizes() != target->sizes())
                throw ModelMismatchError("optimizer state: '" + s.name + suffix + "' has the wrong shape");
            target->copy_(t);
        }
    }
    steps_ = step.item<std::int64_t>();
    canUndo_ = false;
}

} // namespace latentlab
