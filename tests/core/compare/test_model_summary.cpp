// The models table's figures against direct evaluation of the same model on the same samples.
#include "core/compare/model_summary.h"
#include "core/compare/summary_table.h"

#include "core/analysis/anomaly_evaluation.h"
#include "core/analysis/anomaly_scores.h"
#include "core/analysis/evaluation.h"
#include "core/analysis/roc.h"
#include "core/data/class_subset.h"
#include "core/training/training_config.h"
#include "tests/core/analysis/analysis_fixtures.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

// 60 images, the first 45 the data's own training part and the last 15 its test part (as IDX ships them).
Dataset shipped()
{
    Dataset ds = patternedImages(60, 7, 3);
    ds.setPredefinedSplit(45);
    ds.source = "patterned";
    return ds;
}

OpenedModel trained(ModelKind kind, double validationFraction, std::vector<int> normalClasses = {})
{
    OpenedModel m;
    m.model = tinyImageModel(kind, 4);
    CheckpointMeta meta;
    meta.training.validationFraction = validationFraction;
    meta.training.seed = 9;
    meta.training.batchSize = 8;
    meta.training.normalClasses = std::move(normalClasses);
    meta.progress.epoch = 2;
    meta.progress.step = 12;
    meta.progress.batchInEpoch = 0;
    for (int e = 1; e <= 2; ++e) {
        EpochRecord r;
        r.epoch = e;
        r.step = 6 * e;
        r.seconds = 1.5;
        meta.progress.history.addEpoch(r);
    }
    meta.dataset.classNames = {"a", "b", "c"};
    m.checkpoint = meta;
    return m;
}

std::vector<std::int64_t> sorted(std::vector<std::int64_t> v)
{
    std::sort(v.begin(), v.end());
    return v;
}

} // namespace

TEST(ModelSummary, ValidationAndTestFiguresAreThoseOfADirectEvaluation)
{
    const Dataset ds = shipped();
    const OpenedModel m = trained(ModelKind::Vae, 0.2);
    const ModelSummary row = summarizeModel(m, "vae", "/tmp/vae.ckpt", ds);

    // The model's own validation part: a fifth of all 60 drawn by its seed, not the data's test part.
    const std::vector<std::int64_t> validation = sorted(trainingSplit(ds, m.checkpoint->training).validation);
    ASSERT_EQ(validation.size(), 12u);
    torch::manual_seed(0);
    const ModelEvaluation direct = evaluateModel(*m.model, ds, validation, 12);
    ASSERT_TRUE(row.validation.has_value());
    EXPECT_EQ(row.validation->samples, 12);
    EXPECT_DOUBLE_EQ(row.validation->negElbo, direct.negElbo);
    EXPECT_DOUBLE_EQ(row.validation->mse, direct.mse);
    double recon = 0.0;
    for (const auto& [name, v] : direct.terms)
        if (name == "recon")
            recon = v;
    EXPECT_DOUBLE_EQ(row.validation->recon, recon);
    EXPECT_NEAR(row.validation->kl, direct.negElbo - recon, 1e-9);
    EXPECT_GT(row.validation->kl, 0.0);

    torch::manual_seed(0);
    const ModelEvaluation test = evaluateModel(*m.model, ds, sorted(ds.split().validation), 12);
    ASSERT_TRUE(row.test.has_value());
    EXPECT_EQ(row.test->samples, 15);
    EXPECT_DOUBLE_EQ(row.test->negElbo, test.negElbo);

    const auto active = std::count_if(direct.klPerDim.begin(), direct.klPerDim.end(),
                                      [](double kl) { return kl > kActiveDimensionKl; });
    EXPECT_EQ(row.activeDims, active);
    EXPECT_EQ(row.epochs, 2);
    EXPECT_EQ(row.steps, 12);
    EXPECT_DOUBLE_EQ(row.trainingSeconds, 3.0);
    // Two epochs over the 48 training samples in three seconds.
    EXPECT_DOUBLE_EQ(row.samplesPerSecond, 2.0 * 48.0 / 3.0);
    EXPECT_TRUE(std::isnan(row.auroc)) << "no normal classes, no one-class AUROC";
    // The data's split is left as it was loaded.
    EXPECT_TRUE(ds.split().predefined);
    EXPECT_EQ(ds.split().validation.size(), 15u);
}

TEST(ModelSummary, AnAutoencoderHasNoKlAndAVqVaeReportsItsCodes)
{
    Dataset ds = shipped();
    const ModelSummary ae = summarizeModel(trained(ModelKind::Autoencoder, -1.0), "ae", "ae.ckpt", ds);
    ASSERT_TRUE(ae.validation.has_value());
    EXPECT_EQ(ae.validation->samples, 15) << "validationFraction < 0 validates on the data's own test part";
    EXPECT_FALSE(ae.validation->hasKl);
    EXPECT_TRUE(std::isnan(ae.validation->negElbo));
    EXPECT_FALSE(std::isnan(ae.validation->recon));
    EXPECT_EQ(ae.activeDims, -1);
    EXPECT_TRUE(std::isnan(ae.perplexity));

    const ModelSummary vq = summarizeModel(trained(ModelKind::VqVae, -1.0), "vq", "vq.ckpt", ds);
    EXPECT_GE(vq.perplexity, 1.0);
    EXPECT_LE(vq.perplexity, 8.0) << "at most the codebook's 8 codes";
    EXPECT_GE(vq.deadCodes, 0.0);
    EXPECT_LE(vq.deadCodes, 8.0);
}

TEST(ModelSummary, TheOneClassAurocIsThatOfTheScoresOnTheTestPart)
{
    const Dataset ds = shipped();
    const OpenedModel m = trained(ModelKind::Vae, -1.0, {0});
    const ModelSummary row = summarizeModel(m, "one-class", "oc.ckpt", ds);
    const std::vector<std::int64_t> test = sorted(ds.split().validation);
    const std::vector<std::uint8_t> truth = classMembership(ds, test, {1, 2});
    const double expected = auroc(anomalyScores(*m.model, ds, test, AnomalyScore::Mse), truth);
    EXPECT_DOUBLE_EQ(row.auroc, expected);
    // The validation part holds the normal class only, as the model trained.
    ASSERT_TRUE(row.validation.has_value());
    EXPECT_EQ(row.validation->samples, 5);
}

TEST(ModelSummary, DataWithoutATestPartSaysSoAndThinningKeepsTheEnds)
{
    Dataset ds = patternedImages(40, 5, 1);
    ds.source = "no-test";
    const ModelSummary row = summarizeModel(trained(ModelKind::Vae, 0.25), "v", "v.ckpt", ds);
    EXPECT_FALSE(row.test.has_value());
    ASSERT_FALSE(row.notes.empty());
    EXPECT_NE(row.notes.back().find("no test part"), std::string::npos);

    const std::vector<std::int64_t> all = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    EXPECT_EQ(evenlyThinned(all, 0), all);
    EXPECT_EQ(evenlyThinned(all, 20), all);
    EXPECT_EQ(evenlyThinned(all, 5), (std::vector<std::int64_t>{0, 2, 4, 6, 8}));
}

TEST(SummaryTable, CsvHasOneRowPerModelAndQuotesNames)
{
    ModelSummary a;
    a.name = "plain";
    a.latentDim = 32;
    a.epochs = 3;
    ModelSummary b;
    b.name = "beta=4, wide";
    b.kind = ModelKind::BetaVae;
    PartEvaluation v;
    v.negElbo = 101.25;
    b.validation = v;
    const std::string csv = summaryCsv({a, b});
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
    EXPECT_EQ(csv.rfind("name,family,backbone,latent,epochs", 0), 0u);
    EXPECT_NE(csv.find("\"beta=4, wide\",beta-vae"), std::string::npos);
    EXPECT_NE(csv.find("101.2"), std::string::npos);
    // Every column has a cell in every row, empty where the figure does not apply.
    const auto columns = summaryColumns().size();
    std::size_t start = csv.find('\n') + 1;
    const std::string first = csv.substr(start, csv.find('\n', start) - start);
    EXPECT_EQ(static_cast<std::size_t>(std::count(first.begin(), first.end(), ',')), columns - 1);
}
