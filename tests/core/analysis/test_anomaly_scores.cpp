// Per-sample anomaly scores: injected outliers rank first after a little training, hand-checked values for a
// model whose reconstruction is known (all weights zero), error maps, refusals, progress and cancellation.
#include "core/analysis/anomaly_scores.h"

#include "tests/core/training/training_fixtures.h"
#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

constexpr int kNormal = 128, kOutliers = 6;

// prototypeImages() followed by kOutliers images of binary noise, which no prototype resembles: whatever a
// model reconstructs, a noise image's MSE is at least 0.25, several times a normal image's 5% flipped pixels.
// The train split holds the normal images only, so a model trained on it has never seen an outlier.
Dataset imagesWithOutliers()
{
    const Dataset normal = prototypeImages(kNormal, 4, 7);
    std::vector<std::uint8_t> pixels(normal.uint8Data(), normal.uint8Data() + normal.storageBytes());
    std::mt19937 rng(17);
    for (int i = 0; i < kOutliers * 64; ++i)
        pixels.push_back((rng() & 1) ? 255 : 0);
    Dataset ds = Dataset::fromImages(std::move(pixels), kNormal + kOutliers, 1, 8, 8);
    Split split;
    for (std::int64_t i = 0; i < kNormal; ++i)
        split.train.push_back(i);
    ds.setSplit(split);
    return ds;
}

std::vector<std::int64_t> allIndices(const Dataset& ds)
{
    std::vector<std::int64_t> v(static_cast<std::size_t>(ds.size()));
    std::iota(v.begin(), v.end(), std::int64_t{0});
    return v;
}

std::shared_ptr<LatentModel> trainedOn(const Dataset& ds, ModelKind kind)
{
    auto model = seededModel(smallModel(kind));
    Trainer trainer(model, ds, quickTraining(25));
    EXPECT_EQ(trainer.run().status, TrainingStatus::Completed);
    return model;
}

// Indices of the n highest scores.
std::vector<std::int64_t> topN(const std::vector<double>& scores, std::size_t n)
{
    std::vector<std::int64_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::int64_t{0});
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return scores[static_cast<std::size_t>(a)] > scores[static_cast<std::size_t>(b)]; });
    order.resize(n);
    std::sort(order.begin(), order.end());
    return order;
}

std::vector<std::int64_t> outlierIndices()
{
    std::vector<std::int64_t> v;
    for (int i = 0; i < kOutliers; ++i)
        v.push_back(kNormal + i);
    return v;
}

// Every weight and bias zero: every logit is 0, so each reconstruction is 0.5 everywhere, mu = 0, logvar = 0.
std::shared_ptr<LatentModel> zeroModel(ModelKind kind, Likelihood likelihood = Likelihood::Bernoulli)
{
    ModelConfig c = smallModel(kind);
    c.likelihood = likelihood;
    auto model = makeModel(c);
    torch::NoGradGuard noGrad;
    for (auto& p : model->parameters())
        p.zero_();
    return model;
}

} // namespace

TEST(AnomalyScores, InjectedOutliersRankFirstForEveryScore)
{
    const Dataset ds = imagesWithOutliers();
    const auto ae = trainedOn(ds, ModelKind::Autoencoder);
    const auto vae = trainedOn(ds, ModelKind::Vae);
    const std::pair<LatentModel*, AnomalyScore> cases[] = {
        {ae.get(), AnomalyScore::Mse}, {ae.get(), AnomalyScore::Bce}, {vae.get(), AnomalyScore::Mse},
        {vae.get(), AnomalyScore::NegElbo}};
    for (const auto& [model, score] : cases) {
        const std::vector<double> s = anomalyScores(*model, ds, allIndices(ds), score);
        ASSERT_EQ(s.size(), static_cast<std::size_t>(ds.size()));
        EXPECT_EQ(topN(s, kOutliers), outlierIndices()) << toString(model->kind()) << " by " << toString(score);
    }
}

TEST(AnomalyScores, HandCheckedValuesOfAKnownReconstruction)
{
    const Dataset ds = prototypeImages(8);
    const std::vector<std::int64_t> idx{0, 3, 5};
    const torch::Tensor x = ds.batch(idx).reshape({3, -1});
    const torch::Tensor expectedMse = (x - 0.5).pow(2).mean(1);
    auto ae = zeroModel(ModelKind::Autoencoder);
    const std::vector<double> mse = anomalyScores(*ae, ds, idx, AnomalyScore::Mse);
    const std::vector<double> bce = anomalyScores(*ae, ds, idx, AnomalyScore::Bce);
    for (std::size_t i = 0; i < idx.size(); ++i) {
        EXPECT_NEAR(mse[i], expectedMse[static_cast<std::int64_t>(i)].item<double>(), 1e-6);
        // Binary images with p = 0.5 everywhere: ln 2 nats per pixel, whatever the pixel.
        EXPECT_NEAR(bce[i], 64 * std::log(2.0), 1e-4);
    }

    // A VAE whose logvar is log 4 everywhere: KL per dimension 0.5 * (4 - 1 - ln 4), three dimensions.
    auto vae = zeroModel(ModelKind::Vae);
    {
        torch::NoGradGuard noGrad;
        for (auto& p : vae->named_parameters())
            if (p.key() == "logvar.bias")
                p.value().fill_(std::log(4.0));
    }
    const double kl = 3 * 0.5 * (3.0 - std::log(4.0));
    for (const double e : anomalyScores(*vae, ds, idx, AnomalyScore::NegElbo))
        EXPECT_NEAR(e, 64 * std::log(2.0) + kl, 1e-4);

    // The hierarchical VAE: both KLs vanish (posteriors and priors all N(0, I)), the recon term is left.
    auto hvae = zeroModel(ModelKind::HierarchicalVae);
    for (const double e : anomalyScores(*hvae, ds, idx, AnomalyScore::NegElbo))
        EXPECT_NEAR(e, 64 * std::log(2.0), 1e-4);

    // Gaussian likelihood: the reconstruction is the raw output 0, and -ELBO's recon term is the squared error sum.
    auto gauss = zeroModel(ModelKind::Vae, Likelihood::Gaussian);
    const std::vector<double> g = anomalyScores(*gauss, ds, idx, AnomalyScore::NegElbo);
    for (std::size_t i = 0; i < idx.size(); ++i)
        EXPECT_NEAR(g[i], x[static_cast<std::int64_t>(i)].pow(2).sum().item<double>(), 1e-4);
}

TEST(AnomalyScores, ErrorMapIsShapedLikeTheInputAndAveragesToTheMse)
{
    const Dataset ds = prototypeImages(8);
    auto ae = zeroModel(ModelKind::Autoencoder);
    const torch::Tensor maps = reconstructionErrorMaps(*ae, ds, {2, 6});
    ASSERT_EQ(maps.sizes(), (std::vector<std::int64_t>{2, 1, 8, 8}));
    // Binary pixels against 0.5: every value of the map is exactly 0.25.
    EXPECT_TRUE(torch::allclose(maps, torch::full_like(maps, 0.25)));

    const Dataset trainedData = imagesWithOutliers();
    const auto trained = trainedOn(trainedData, ModelKind::Autoencoder);
    const torch::Tensor m = reconstructionErrorMaps(*trained, trainedData, {1, kNormal + 1});
    const std::vector<double> mse = anomalyScores(*trained, trainedData, {1, kNormal + 1}, AnomalyScore::Mse);
    EXPECT_NEAR(m[0].mean().item<double>(), mse[0], 1e-6);
    EXPECT_NEAR(m[1].mean().item<double>(), mse[1], 1e-6);
    m.add_(1.0); // an ordinary tensor the caller may change, not an inference-mode one
}

TEST(AnomalyScores, BatchSizeAndOrderDoNotChangeScores)
{
    const Dataset ds = prototypeImages(40);
    auto vae = seededModel(smallModel(ModelKind::Vae));
    std::vector<std::int64_t> idx{39, 0, 17, 5, 5, 22, 31};
    const auto whole = anomalyScores(*vae, ds, idx, AnomalyScore::NegElbo, nullptr, 1024);
    const auto small = anomalyScores(*vae, ds, idx, AnomalyScore::NegElbo, nullptr, 2);
    ASSERT_EQ(whole.size(), idx.size());
    for (std::size_t i = 0; i < idx.size(); ++i)
        EXPECT_NEAR(whole[i], small[i], 1e-4 * std::abs(whole[i]));
    EXPECT_DOUBLE_EQ(whole[3], whole[4]); // the same sample twice: deterministic
    EXPECT_TRUE(vae->is_training()) << "the model's mode is restored";
}

TEST(AnomalyScores, ConditionalVaeScoresWithItsLabels)
{
    const Dataset ds = prototypeImages(16);
    auto cvae = seededModel(smallModel(ModelKind::ConditionalVae));
    for (const double s : anomalyScores(*cvae, ds, {0, 1, 2, 3}, AnomalyScore::NegElbo))
        EXPECT_TRUE(std::isfinite(s));
}

TEST(AnomalyScores, NegElboIsRefusedWithoutAKl)
{
    const Dataset ds = prototypeImages(8);
    for (const ModelKind kind : {ModelKind::Autoencoder, ModelKind::VqVae}) {
        auto model = seededModel(smallModel(kind));
        const std::string msg = badInputMessage([&] { anomalyScores(*model, ds, {0}, AnomalyScore::NegElbo); });
        EXPECT_NE(msg.find("KL"), std::string::npos) << msg;
        EXPECT_NE(msg.find("mse or bce"), std::string::npos) << msg;
        EXPECT_EQ(anomalyScores(*model, ds, {0}, AnomalyScore::Bce).size(), 1u);
    }
    EXPECT_EQ(anomalyScoreFromString("elbo"), AnomalyScore::NegElbo);
    EXPECT_NE(badInputMessage([] { anomalyScoreFromString("l1"); }).find("mse, bce, elbo"), std::string::npos);
}

TEST(AnomalyScores, ReportsProgressAndStopsWhenCancelled)
{
    const Dataset ds = prototypeImages(40);
    auto ae = seededModel(smallModel(ModelKind::Autoencoder));
    std::vector<double> fractions;
    const AnalysisControl progress([&](double f, const std::string&) { fractions.push_back(f); });
    anomalyScores(*ae, ds, allIndices(ds), AnomalyScore::Mse, &progress, 16);
    EXPECT_EQ(fractions, (std::vector<double>{16.0 / 40, 32.0 / 40, 1.0}));

    AnalysisControl* self = nullptr;
    int reports = 0;
    AnalysisControl cancelling([&](double, const std::string&) {
        ++reports;
        self->cancel(); // as a GUI's cancel button would, between two batches
    });
    self = &cancelling;
    EXPECT_THROW(anomalyScores(*ae, ds, allIndices(ds), AnomalyScore::Mse, &cancelling, 8), AnalysisCancelled);
    EXPECT_EQ(reports, 1);
    EXPECT_TRUE(ae->is_training()) << "the model's mode is restored after a cancel";
    AnalysisControl early;
    early.cancel();
    EXPECT_THROW(anomalyScores(*ae, ds, allIndices(ds), AnomalyScore::Mse, &early, 8), AnalysisCancelled);
}
