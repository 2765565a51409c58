// The comparison's panels on tiny untrained models, and the report page built from them.
#include "core/compare/comparison.h"
#include "core/compare/comparison_report.h"
#include "core/compare/svg_chart.h"

#include "core/analysis/encode_all.h"
#include "core/analysis/projection.h"
#include "core/util/base64.h"
#include "tests/core/analysis/analysis_fixtures.h"
#include "tests/support/expect_error.h"

#include <gtest/gtest.h>


using namespace latentlab;
using namespace latentlab::testing;

namespace {

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to)
{
    std::vector<std::int64_t> out;
    for (std::int64_t i = from; i < to; ++i)
        out.push_back(i);
    return out;
}

std::size_t count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
        ++n;
    return n;
}

} // namespace

TEST(Comparison, EveryModelGetsTheSameInputsEndsAndSamples)
{
    const Dataset ds = patternedImages(60, 7, 3);
    auto ae = tinyImageModel(ModelKind::Autoencoder, 1);
    auto vae = tinyImageModel(ModelKind::Vae, 2);
    auto cvae = tinyImageModel(ModelKind::ConditionalVae, 3);
    auto vq = tinyImageModel(ModelKind::VqVae, 4);
    ComparisonOptions o;
    o.reconstructions = 6;
    o.samples = 9;
    o.interpolationSteps = 5;
    o.layoutSamples = 30;
    const Comparison c = compareModels({ae.get(), vae.get(), cvae.get(), vq.get()}, ds, range(30, 60), "test", o);
    ASSERT_EQ(c.models.size(), 4u);
    // Six inputs of the held-out part, two rounds over the three classes.
    ASSERT_EQ(c.inputs.size(), 6u);
    for (std::size_t i = 0; i < c.inputs.size(); ++i) {
        EXPECT_GE(c.inputs[i], 30);
        EXPECT_EQ(ds.labels()[static_cast<std::size_t>(c.inputs[i])], static_cast<int>(i % 3));
    }
    EXPECT_NE(ds.labels()[static_cast<std::size_t>(c.from)], ds.labels()[static_cast<std::size_t>(c.to)])
        << "the interpolation runs between two classes";
    EXPECT_EQ(c.layoutIndices.size(), 30u);
    for (const ModelPanels& p : c.models) {
        ASSERT_TRUE(p.reconstructions.defined()) << p.reconstructionsNote;
        EXPECT_EQ(p.reconstructions.sizes(), (std::vector<std::int64_t>{6, 1, 8, 8}));
        ASSERT_TRUE(p.samples.defined()) << p.samplesNote;
        EXPECT_EQ(p.samples.size(0), 9);
        ASSERT_TRUE(p.interpolation.defined()) << p.interpolationNote;
        EXPECT_EQ(p.interpolation.size(0), 5);
        ASSERT_TRUE(p.layout.defined()) << p.layoutNote;
        EXPECT_EQ(p.layout.sizes(), (std::vector<std::int64_t>{30, 2}));
        EXPECT_GE(p.alignmentResidual, 0.0);
        EXPECT_LE(p.alignmentResidual, 1.0 + 1e-9);
        ASSERT_EQ(p.perClass.size(), 3u) << p.perClassNote;
        for (const ClassFigures& f : p.perClass)
            EXPECT_EQ(f.samples, 10);
    }
    EXPECT_FALSE(c.models[0].hasKl);
    EXPECT_TRUE(std::isnan(c.models[0].perClass[0].kl));
    EXPECT_TRUE(c.models[1].hasKl);
    EXPECT_GT(c.models[1].perClass[0].kl, 0.0);
    // The first model's layout is its own PCA, unmoved: the reference the others are turned onto.
    const torch::Tensor latents = encodeAll(*ae, ds, c.layoutIndices);
    ProjectionRequest pca;
    EXPECT_TRUE(torch::allclose(c.models[0].layout, project(latents, pca).xy, 1e-5, 1e-5));
}

TEST(Comparison, AModelComparedWithItselfAlignsExactly)
{
    const Dataset ds = patternedImages(45, 5, 2);
    auto vae = tinyImageModel(ModelKind::Vae, 7);
    const Comparison c = compareModels({vae.get(), vae.get()}, ds, {}, "all");
    ASSERT_TRUE(c.models[1].layout.defined());
    EXPECT_LT(c.models[1].alignmentResidual, 1e-9);
    EXPECT_TRUE(torch::allclose(c.models[0].layout, c.models[1].layout, 1e-4, 1e-4));
    EXPECT_TRUE(torch::equal(c.models[0].samples, c.models[1].samples)) << "one seed, the same noise";
}

TEST(Comparison, TooManyModelsOrEndsOutsideTheDataAreRefused)
{
    const Dataset ds = patternedImages(20, 5, 2);
    auto m = tinyImageModel(ModelKind::Vae, 7);
    EXPECT_NE(badInputMessage([&] { compareModels({m.get(), m.get(), m.get(), m.get(), m.get()}, ds, {}, "all"); })
                  .find("1 to 4 models"),
              std::string::npos);
    ComparisonOptions o;
    o.to = 20;
    EXPECT_NE(badInputMessage([&] { compareModels({m.get()}, ds, {}, "all", o); }).find("outside"), std::string::npos);
}

TEST(ComparisonReport, ThePageHoldsEveryModelAndEmbedsItsImages)
{
    const Dataset ds = patternedImages(45, 5, 2);
    auto ae = tinyImageModel(ModelKind::Autoencoder, 1);
    auto vae = tinyImageModel(ModelKind::Vae, 2);
    ReportInput in;
    in.dataSource = "patterned <8x8>";
    in.classNames = ds.classNames();
    in.sampleShape = ds.sampleShape();
    const char* names[] = {"plain AE", "VAE <beta=1>"};
    for (const char* name : names) {
        ReportModel rm;
        rm.summary.name = name;
        rm.summary.kind = ModelKind::Vae;
        rm.configJson = "{\"latent\": 4}";
        LossHistory h;
        for (int s = 1; s <= 50; ++s)
            h.addStep(s, {{"total", 100.0 / s}, {"recon", 90.0 / s}});
        rm.history = h;
        in.models.push_back(rm);
    }
    in.comparison = compareModels({ae.get(), vae.get()}, ds, {}, "all");
    const std::string html = comparisonReportHtml(in);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("</html>"), std::string::npos);
    // The names, escaped, in the table and in every panel's heading.
    EXPECT_EQ(html.find("VAE <beta=1>"), std::string::npos);
    EXPECT_GE(count(html, "VAE &lt;beta=1&gt;"), 5u);
    EXPECT_GE(count(html, "plain AE"), 5u);
    EXPECT_NE(html.find("patterned &lt;8x8&gt;"), std::string::npos);
    // Inputs, 2 reconstructions, 2 sample grids, 2 interpolations, 2 scatters: all embedded, none linked.
    EXPECT_EQ(count(html, "src=\"data:image/png;base64,"), 9u);
    EXPECT_EQ(count(html, "<img"), 9u);
    EXPECT_EQ(count(html, "src=\"http"), 0u);
    // The curves: one path a model, and the per-class bars.
    EXPECT_GE(count(html, "<svg"), 3u);
    EXPECT_NE(html.find("Reconstruction error per class"), std::string::npos);
    EXPECT_NE(html.find("plain AE has no KL"), std::string::npos);
}

TEST(ComparisonReport, TablesGetNoImagePanels)
{
    std::vector<float> values(30 * 4);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = static_cast<float>(i % 7) / 7.0f;
    const Dataset ds = Dataset::fromTable(values, 30, 4, std::vector<ValueRange>(4), {"a", "b", "c", "d"});
    ModelConfig cfg = ModelConfig::defaultsFor({4});
    cfg.hidden = {8};
    cfg.latentDim = 2;
    auto m = makeModel(cfg);
    ReportInput in;
    in.sampleShape = ds.sampleShape();
    ReportModel rm;
    rm.summary.name = "table VAE";
    in.models = {rm, rm};
    in.comparison = compareModels({m.get(), m.get()}, ds, {}, "all");
    const std::string html = comparisonReportHtml(in);
    EXPECT_NE(html.find("the data is a table"), std::string::npos);
    EXPECT_EQ(count(html, "<img"), 2u) << "the two scatters only";
    EXPECT_NE(html.find("no training record"), std::string::npos);
}

TEST(Base64, MatchesTheRfcVectors)
{
    EXPECT_EQ(base64Encode(""), "");
    EXPECT_EQ(base64Encode("f"), "Zg==");
    EXPECT_EQ(base64Encode("fo"), "Zm8=");
    EXPECT_EQ(base64Encode("foo"), "Zm9v");
    EXPECT_EQ(base64Encode("foob"), "Zm9vYg==");
    EXPECT_EQ(base64Encode("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64Encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64Encode(std::string("\xff\x00\x10", 3)), "/wAQ");
}

TEST(SvgChart, TicksAreRoundAndCoverTheRange)
{
    EXPECT_EQ(niceTicks(0.0, 10.0, 5), (std::vector<double>{0, 2, 4, 6, 8, 10}));
    const std::vector<double> t = niceTicks(93.2, 118.7, 5);
    ASSERT_FALSE(t.empty());
    EXPECT_EQ(t.front(), 95.0);
    EXPECT_EQ(t.back(), 115.0);
    EXPECT_TRUE(niceTicks(1.0, 1.0).empty());
    LineChartSpec empty;
    EXPECT_NE(lineChartSvg(empty).find("No curve"), std::string::npos);
}
