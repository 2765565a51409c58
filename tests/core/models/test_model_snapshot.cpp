// A snapshot decodes exactly as its model did when it was taken, and stays so while the model trains on.
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"

#include <gtest/gtest.h>

using namespace latentlab;

namespace {

ModelConfig config(ModelKind kind)
{
    ModelConfig c = ModelConfig::defaultsFor({1, 8, 8}, kind);
    c.hidden = {32};
    c.latentDim = 3;
    c.codebookSize = 8;
    c.codeDim = 3;
    return c;
}

void trainSteps(LatentModel& m, int steps)
{
    torch::optim::Adam opt(m.parameters(), torch::optim::AdamOptions(1e-2));
    m.train();
    const torch::Tensor x = torch::rand({16, 1, 8, 8});
    for (int s = 0; s < steps; ++s) {
        opt.zero_grad();
        m.loss(x, {}, s).total.backward();
        opt.step();
    }
}

} // namespace

TEST(ModelSnapshot, DecodesLikeTheModelAndIgnoresLaterTraining)
{
    for (ModelKind kind : {ModelKind::Vae, ModelKind::Autoencoder, ModelKind::VqVae, ModelKind::HierarchicalVae}) {
        SCOPED_TRACE(toString(kind));
        torch::manual_seed(3);
        auto model = makeModel(config(kind));
        trainSteps(*model, 5);
        model->eval();
        const torch::Tensor x = torch::rand({4, 1, 8, 8});
        torch::Tensor before;
        {
            torch::NoGradGuard g;
            before = model->decode(model->encode(x).mu).reconstruction.clone();
        }

        auto snap = snapshotModel(model);
        ASSERT_NE(snap.get(), model.get());
        EXPECT_FALSE(snap->is_training());
        for (const auto& p : snap->parameters())
            EXPECT_FALSE(p.requires_grad());

        trainSteps(*model, 5); // the original moves on; the snapshot must not
        torch::NoGradGuard g;
        const torch::Tensor after = snap->decode(snap->encode(x).mu).reconstruction;
        EXPECT_TRUE(torch::equal(before, after));
        model->eval();
        const torch::Tensor moved = model->decode(model->encode(x).mu).reconstruction;
        EXPECT_FALSE(torch::equal(before, moved));
    }
}

TEST(ModelSnapshot, KeepsTheCurrentBeta)
{
    auto model = makeModel(config(ModelKind::BetaVae));
    model->setBeta(7.5);
    EXPECT_DOUBLE_EQ(snapshotModel(model)->config().beta, 7.5);
    EXPECT_EQ(snapshotModel(nullptr), nullptr);
}
