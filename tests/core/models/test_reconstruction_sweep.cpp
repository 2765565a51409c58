// The loss sweep of the fused training step against double precision, on both of its paths (AVX2 and the
// portable loop), with logits from the tails where exp and log1p are easiest to get wrong.
#include "core/models/reconstruction_sweep.h"
#include "core/util/cpu_features.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <vector>

using namespace latentlab;

namespace {

struct Case {
    std::vector<float> logits, targets;
};

Case bernoulliCase(std::int64_t n)
{
    torch::manual_seed(8);
    const torch::Tensor o = torch::randn({n}) * 6.0;
    const torch::Tensor t = (torch::rand({n}) > 0.5).to(torch::kFloat);
    Case c{{o.data_ptr<float>(), o.data_ptr<float>() + n}, {t.data_ptr<float>(), t.data_ptr<float>() + n}};
    // The tails: exp(-|o|) below the smallest normal float, at the switch between log1p's two ranges
    // (e = sqrt(2) - 1 at |o| = 0.8814), zero, and targets that are not 0 or 1 (grey pixels).
    const float special[] = {0.0f, -0.0f, 1e-6f, -1e-6f, 0.8813736f, -0.8813736f, 0.88137364f, 20.0f, -20.0f,
                             87.0f, -87.0f, 88.5f, -88.5f, 100.0f, -100.0f, 1e4f, -1e4f};
    for (std::size_t i = 0; i < std::size(special); ++i) {
        c.logits[i * 3] = special[i];
        c.targets[i * 3 + 1] = 0.25f;
    }
    return c;
}

double bceReference(double o, double t)
{
    return std::max(o, 0.0) + std::log1p(std::exp(-std::abs(o))) - o * t;
}

double sigmoidReference(double o)
{
    return o >= 0 ? 1.0 / (1.0 + std::exp(-o)) : std::exp(o) / (1.0 + std::exp(o));
}

using Block = double (*)(const float*, const float*, float*, std::int64_t, float);

void expectBernoulliBlockIsExact(Block block)
{
    const std::int64_t n = 8 * 37 + 5; // a tail the vector loop leaves to the scalar one
    const Case c = bernoulliCase(n);
    std::vector<float> grad(static_cast<std::size_t>(n), -7.0f);
    const float scale = 0.125f;
    const double sum = block(c.logits.data(), c.targets.data(), grad.data(), n, scale);
    double want = 0.0;
    for (std::int64_t i = 0; i < n; ++i) {
        const double o = c.logits[static_cast<std::size_t>(i)], t = c.targets[static_cast<std::size_t>(i)];
        want += bceReference(o, t);
        // Two float roundings near 1 (sigmoid, then minus the target): about 1.2e-7 before the scale.
        EXPECT_NEAR(grad[static_cast<std::size_t>(i)], (sigmoidReference(o) - t) * scale, 1.2e-7 * scale)
            << "logit " << o << ", target " << t;
    }
    EXPECT_NEAR(sum, want, 1e-6 * want);
    // Each element on its own too: the sum could hide an error that cancels.
    for (std::int64_t i = 0; i < n; ++i) {
        float g;
        const double one = block(&c.logits[static_cast<std::size_t>(i)], &c.targets[static_cast<std::size_t>(i)], &g, 1, 1.0f);
        const double o = c.logits[static_cast<std::size_t>(i)], t = c.targets[static_cast<std::size_t>(i)];
        EXPECT_NEAR(one, bceReference(o, t), 2e-7 * (1.0 + std::abs(o))) << "logit " << o;
    }
}

} // namespace

TEST(ReconstructionSweep, PortableBernoulliMatchesDoublePrecision)
{
    expectBernoulliBlockIsExact(&bernoulliBlockPortable);
}

TEST(ReconstructionSweep, Avx2BernoulliMatchesDoublePrecision)
{
    if (!cpuHasAvx2Fma())
        GTEST_SKIP() << "this CPU has no AVX2 and FMA";
    expectBernoulliBlockIsExact(&bernoulliBlockAvx2);
    // Eight at a time, so the single-element check above ran the scalar tail: run the vector loop on
    // blocks of eight copies of each element.
    const Case c = bernoulliCase(64);
    for (std::size_t i = 0; i < c.logits.size(); ++i) {
        const std::vector<float> o(8, c.logits[i]), t(8, c.targets[i]);
        std::vector<float> g(8);
        const double eight = bernoulliBlockAvx2(o.data(), t.data(), g.data(), 8, 1.0f);
        EXPECT_NEAR(eight / 8.0, bceReference(o[0], t[0]), 2e-7 * (1.0 + std::abs(o[0]))) << "logit " << o[0];
        EXPECT_NEAR(g[3], sigmoidReference(o[0]) - t[0], 1.2e-7) << "logit " << o[0];
    }
}

TEST(ReconstructionSweep, TheSumDoesNotDependOnTheThreadCount)
{
    for (Likelihood likelihood : {Likelihood::Bernoulli, Likelihood::Gaussian}) {
        const std::int64_t n = 3 * kReconstructionBlock + 1001;
        const Case c = bernoulliCase(n);
        std::vector<double> sums;
        std::vector<std::vector<float>> grads;
        for (int threads : {1, 2, 3}) {
            at::set_num_threads(threads);
            std::vector<float> grad(static_cast<std::size_t>(n));
            sums.push_back(reconstructionSweep(likelihood, c.logits.data(), c.targets.data(), grad.data(), n, 0.5f));
            grads.push_back(grad);
        }
        at::set_num_threads(1);
        EXPECT_EQ(sums[0], sums[1]);
        EXPECT_EQ(sums[0], sums[2]);
        EXPECT_EQ(grads[0], grads[1]);
        if (likelihood == Likelihood::Gaussian) {
            double want = 0.0;
            for (std::int64_t i = 0; i < n; ++i) {
                const double d = static_cast<double>(c.logits[static_cast<std::size_t>(i)]) - c.targets[static_cast<std::size_t>(i)];
                want += d * d;
                ASSERT_NEAR(grads[0][static_cast<std::size_t>(i)], d, 1e-6 * (1.0 + std::abs(d))); // 2 d * 0.5
            }
            EXPECT_NEAR(sums[0], want, 1e-5 * want);
        }
    }
}
