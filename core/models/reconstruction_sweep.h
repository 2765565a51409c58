#pragma once
// The reconstruction term of a VAE and its gradient at the decoder's output, in one pass over the batch:
// what the fused steps need from the loss. Bernoulli is binary cross-entropy with logits,
// softplus(o) - o*t, with gradient sigmoid(o) - t; both come from one exp(-|o|) and one log1p per element.
// On CPUs with AVX2 and FMA (chosen at run time, so the binary still runs on any x86-64) eight elements go
// at a time through Cephes-style exp and log polynomials (relative error about 1e-7); elsewhere, a plain loop
// with the standard library's.
#include "core/models/model_config.h"

#include <cstdint>

namespace latentlab {

// Sums the term over out[0, n) against target, in blocks of kReconstructionBlock summed in order, so the
// result does not depend on how the blocks are spread over threads; writes grad[i] = d term / d out[i] * scale.
double reconstructionSweep(Likelihood likelihood, const float* out, const float* target, float* grad, std::int64_t n,
                           float scale);

constexpr std::int64_t kReconstructionBlock = 8192;

// One block of the Bernoulli sweep on each path; exposed for tests, which compare both with double precision.
// The AVX2 one needs cpuHasAvx2Fma() (util/cpu_features.h).
double bernoulliBlockPortable(const float* out, const float* target, float* grad, std::int64_t n, float scale);
double bernoulliBlockAvx2(const float* out, const float* target, float* grad, std::int64_t n, float scale);

} // namespace latentlab
