// Encode-all: what is encoded for each family, batching, progress and cancellation.
#include "core/analysis/encode_all.h"
#include "core/models/make_model.h"
#include "core/models/vq_vae.h"

#include "tests/core/training/training_fixtures.h"
#include "tests/support/expect_error.h"

#include <gtest/gtest.h>

using namespace latentlab;

namespace {

std::vector<std::int64_t> allIndices(const Dataset& ds)
{
    std::vector<std::int64_t> idx(static_cast<std::size_t>(ds.size()));
    for (std::size_t i = 0; i < idx.size(); ++i)
        idx[i] = static_cast<std::int64_t>(i);
    return idx;
}

} // namespace

TEST(EncodeAll, VaeGivesMuInOrderWhateverTheBatchSize)
{
    const Dataset ds = latentlab::testing::prototypeImages(40);
    torch::manual_seed(0);
    auto model = makeModel(latentlab::testing::smallModel(ModelKind::Vae));
    model->train(); // encodeDataset must switch to eval (mu, no draw) and back
    std::vector<std::int64_t> idx{5, 3, 17, 0, 39, 22, 8};
    EncodeOptions o;
    o.batchSize = 3;
    const EncodedSet small = encodeDataset(*model, ds, idx, o);
    EXPECT_TRUE(model->is_training());
    EXPECT_EQ(small.what, "mu");
    EXPECT_FALSE(small.codes.defined());
    ASSERT_EQ(small.latents.sizes(), (std::vector<std::int64_t>{7, 3}));
    model->eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor expected = model->encode(ds.batch(idx)).mu;
    EXPECT_TRUE(torch::allclose(small.latents, expected, 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(encodeAll(*model, ds, idx), expected, 1e-5, 1e-6));
    // The result is an ordinary tensor: the caller may change it in place.
    small.latents.mul_(2.0);
}

TEST(EncodeAll, VqVaeGivesPreQuantizationVectorsAndCodes)
{
    const Dataset ds = latentlab::testing::prototypeImages(24);
    torch::manual_seed(0);
    const ModelConfig c = latentlab::testing::smallModel(ModelKind::VqVae);
    auto model = makeModel(c);
    auto* vq = dynamic_cast<VqVaeImpl*>(model.get());
    ASSERT_NE(vq, nullptr);
    EncodeOptions o;
    o.batchSize = 5;
    const EncodedSet e = encodeDataset(*model, ds, allIndices(ds), o);
    EXPECT_EQ(e.what, "pre-quantization vectors");
    ASSERT_TRUE(e.codes.defined());
    ASSERT_EQ(e.codes.sizes(), (std::vector<std::int64_t>{24, vq->positions()}));
    EXPECT_EQ(e.codes.scalar_type(), torch::kInt64);
    EXPECT_GE(e.codes.min().item<std::int64_t>(), 0);
    EXPECT_LT(e.codes.max().item<std::int64_t>(), c.codebookSize);
    // The codes are the nearest codebook entries to the encoded vectors.
    const torch::Tensor vectors = e.latents.view({24, vq->positions(), c.codeDim});
    const torch::Tensor nearest = torch::cdist(vectors, vq->codebook().unsqueeze(0).expand({24, -1, -1})).argmin(2);
    EXPECT_TRUE(torch::equal(nearest, e.codes));
    o.choice = LatentChoice::Sample;
    const EncodedSet q = encodeDataset(*model, ds, allIndices(ds), o);
    EXPECT_EQ(q.what, "quantized vectors");
    const torch::Tensor snapped = vq->codebook().index_select(0, e.codes.reshape({-1}));
    EXPECT_TRUE(torch::allclose(q.latents.view({-1, c.codeDim}), snapped));
}

TEST(EncodeAll, HierarchicalVaeLayersByIndex)
{
    const Dataset ds = latentlab::testing::prototypeImages(16);
    const ModelConfig c = latentlab::testing::smallModel(ModelKind::HierarchicalVae);
    auto model = makeModel(c);
    EncodeOptions o;
    o.layer = 0;
    const EncodedSet bottom = encodeDataset(*model, ds, allIndices(ds), o);
    EXPECT_EQ(bottom.latents.size(1), c.bottomLatentDim);
    EXPECT_EQ(bottom.what, "layer 0 (bottom) mu");
    o.layer = 1;
    EXPECT_EQ(encodeDataset(*model, ds, allIndices(ds), o).latents.size(1), c.latentDim);
    o.layer = -1;
    const EncodedSet top = encodeDataset(*model, ds, allIndices(ds), o);
    EXPECT_EQ(top.latents.size(1), c.latentDim);
    EXPECT_EQ(top.what, "top layer mu");
    o.layer = 2;
    const std::string m = latentlab::testing::badInputMessage([&] { encodeDataset(*model, ds, allIndices(ds), o); });
    EXPECT_NE(m.find("2 layer(s)"), std::string::npos) << m;
}

TEST(EncodeAll, ReportsProgressAndStopsWhenCancelled)
{
    const Dataset ds = latentlab::testing::prototypeImages(50);
    auto model = makeModel(latentlab::testing::smallModel(ModelKind::Autoencoder));
    std::vector<double> fractions;
    AnalysisControl control([&](double f, const std::string&) { fractions.push_back(f); });
    EncodeOptions o;
    o.batchSize = 10;
    const EncodedSet e = encodeDataset(*model, ds, allIndices(ds), o, &control);
    EXPECT_EQ(e.what, "z");
    EXPECT_EQ(fractions, (std::vector<double>{0.2, 0.4, 0.6, 0.8, 1.0}));

    // Cancelled before it starts (another thread was quicker): nothing is encoded.
    AnalysisControl cancelled;
    cancelled.cancel();
    EXPECT_THROW(encodeDataset(*model, ds, allIndices(ds), o, &cancelled), AnalysisCancelled);

    // Cancelled from the progress callback: the next batch does not start.
    int reports = 0;
    AnalysisControl* self = nullptr;
    AnalysisControl cancelling([&](double, const std::string&) {
        if (++reports == 2)
            self->cancel();
    });
    self = &cancelling;
    model->train();
    EXPECT_THROW(encodeDataset(*model, ds, allIndices(ds), o, &cancelling), AnalysisCancelled);
    EXPECT_EQ(reports, 2);
    EXPECT_TRUE(model->is_training()); // restored on the way out
}

TEST(EncodeAll, EmptySelectionHasTheModelsWidth)
{
    const Dataset ds = latentlab::testing::prototypeImages(8);
    auto model = makeModel(latentlab::testing::smallModel(ModelKind::Vae));
    const EncodedSet e = encodeDataset(*model, ds, {});
    EXPECT_EQ(e.latents.sizes(), (std::vector<std::int64_t>{0, 3}));
}
