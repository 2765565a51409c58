#include "models/mlp_vae.h"

#include <gtest/gtest.h>

using namespace latentlab;

TEST(MlpVae, LossTermsAreSummedPerSampleAndTrainingLowersThem)
{
    torch::manual_seed(0);
    MlpVae model(MlpVaeOptions(16).hidden({32}).latent_dim(2));
    const torch::Tensor x = torch::rand({8, 1, 4, 4}).round();
    const VaeLoss before = model->loss(x);
    // A per-sample sum of 16 Bernoulli terms starts near 16*log(2), not near log(2) as a mean would.
    EXPECT_GT(before.recon.item<double>(), 5.0);
    EXPECT_GE(before.kl.item<double>(), 0.0);
    torch::optim::Adam opt(model->parameters(), torch::optim::AdamOptions(1e-2));
    for (int i = 0; i < 200; ++i) {
        opt.zero_grad();
        model->loss(x).total.backward();
        opt.step();
    }
    EXPECT_LT(model->loss(x).recon.item<double>(), before.recon.item<double>() * 0.8);
    const torch::Tensor s = model->sample(5);
    EXPECT_EQ(s.sizes(), (std::vector<std::int64_t>{5, 16}));
    EXPECT_GE(s.min().item<float>(), 0.0f);
    EXPECT_LE(s.max().item<float>(), 1.0f);
}
