// Inference through oneDNN (fused/inference.h, fused/conv_inference.h): every family on either backbone gives
// LibTorch's codes and reconstructions to rounding when no gradient is recorded, takes LibTorch's own layers
// when one is, follows weights that change or move, and answers callers on several threads.
#include "core/models/fused/conv_inference.h"
#include "core/models/fused/inference.h"
#include "core/models/make_model.h"

#include <gtest/gtest.h>

#include <thread>

using namespace latentlab;

namespace {

ModelConfig smallModel(ModelKind kind, Backbone backbone)
{
    ModelConfig c = ModelConfig::defaultsFor({3, 8, 12}, kind);
    c.backbone = backbone;
    c.hidden = backbone == Backbone::Conv ? std::vector<std::int64_t>{16} : std::vector<std::int64_t>{24, 16};
    c.latentDim = 3;
    if (kind == ModelKind::ConditionalVae)
        c.numClasses = 4;
    if (kind == ModelKind::HierarchicalVae) {
        c.bottomLatentDim = 5;
        c.latentDim = 2;
    }
    if (kind == ModelKind::VqVae) {
        c.codeDim = 3;
        c.latentDim = 6;
        c.codebookSize = 8;
    }
    return c;
}

torch::Tensor images(std::int64_t n, std::int64_t seed = 5)
{
    torch::manual_seed(seed);
    return torch::rand({n, 3, 8, 12});
}

torch::Tensor labelsFor(const ModelConfig& c, std::int64_t n)
{
    return c.kind == ModelKind::ConditionalVae ? torch::arange(n, torch::kInt64).remainder(4) : torch::Tensor();
}

// Turns the fast path off for a scope: LibTorch's layers give the reference answers.
struct LibTorchOnly {
    LibTorchOnly() { fused::setFusedInference(false); }
    ~LibTorchOnly() { fused::setFusedInference(true); }
};

struct Answer {
    torch::Tensor mu, z, reconstruction;
};

Answer encodeAndDecode(LatentModel& model, const torch::Tensor& x, const torch::Tensor& y)
{
    const Encoding e = model.encode(x, y);
    return {e.mu, e.z, model.decodeMean(e, y).reconstruction};
}

void expectSame(const Answer& fast, const Answer& reference, const std::string& what)
{
    EXPECT_TRUE(torch::allclose(fast.mu, reference.mu, 1e-4, 1e-5)) << what << ": mu";
    EXPECT_TRUE(torch::allclose(fast.z, reference.z, 1e-4, 1e-5)) << what << ": z";
    EXPECT_TRUE(torch::allclose(fast.reconstruction, reference.reconstruction, 1e-4, 1e-5)) << what << ": reconstruction";
}

const ModelKind kKinds[] = {ModelKind::Vae, ModelKind::BetaVae, ModelKind::ConditionalVae, ModelKind::Autoencoder,
                            ModelKind::HierarchicalVae, ModelKind::VqVae};

} // namespace

TEST(FusedInference, EveryFamilyAndBackboneMatchesLibTorch)
{
    for (const ModelKind kind : kKinds)
        for (const Backbone backbone : {Backbone::Mlp, Backbone::Conv}) {
            const ModelConfig c = smallModel(kind, backbone);
            SCOPED_TRACE(toString(kind) + " " + toString(backbone));
            torch::manual_seed(1);
            auto model = makeModel(c);
            model->eval();
            // One row, and more than a chunk of the conv path's (ConvInference::kChunkRows) so rows are split.
            for (const std::int64_t n : {std::int64_t{1}, fused::ConvInference::kChunkRows + 44}) {
                const torch::Tensor x = images(n), y = labelsFor(c, n);
                Answer reference;
                {
                    LibTorchOnly libtorch;
                    torch::NoGradGuard noGrad;
                    const std::uint64_t before = fused::fusedInferencePasses();
                    reference = encodeAndDecode(*model, x, y);
                    EXPECT_EQ(fused::fusedInferencePasses(), before);
                }
                {
                    torch::NoGradGuard noGrad;
                    const std::uint64_t before = fused::fusedInferencePasses();
                    const Answer fast = encodeAndDecode(*model, x, y);
                    EXPECT_GE(fused::fusedInferencePasses(), before + 2) << "encoder and decoder took the fast path";
                    expectSame(fast, reference, "NoGrad, " + std::to_string(n) + " rows");
                }
                {
                    c10::InferenceMode inference;
                    expectSame(encodeAndDecode(*model, x, y), reference, "InferenceMode");
                }
                // With autograd recording, LibTorch's layers run and the graph is there.
                const std::uint64_t before = fused::fusedInferencePasses();
                const Answer graph = encodeAndDecode(*model, x, y);
                EXPECT_EQ(fused::fusedInferencePasses(), before);
                EXPECT_TRUE(graph.reconstruction.requires_grad());
                expectSame({graph.mu.detach(), graph.z.detach(), graph.reconstruction.detach()}, reference, "autograd");
            }
        }
}

TEST(FusedInference, NoRowsGiveNoRows)
{
    for (const ModelKind kind : kKinds)
        for (const Backbone backbone : {Backbone::Mlp, Backbone::Conv}) {
            SCOPED_TRACE(toString(kind) + " " + toString(backbone));
            const ModelConfig c = smallModel(kind, backbone);
            auto model = makeModel(c);
            torch::NoGradGuard noGrad;
            const torch::Tensor y = labelsFor(c, 0);
            const Encoding e = model->encode(images(0), y);
            EXPECT_EQ(e.mu.size(0), 0);
            EXPECT_EQ(model->decodeMean(e, y).reconstruction.size(0), 0);
        }
}

TEST(FusedInference, FollowsWeightsThatChangeOrMove)
{
    torch::manual_seed(2);
    auto model = makeModel(smallModel(ModelKind::Vae, Backbone::Conv));
    model->eval();
    const torch::Tensor x = images(7);
    torch::NoGradGuard noGrad;
    const Answer before = encodeAndDecode(*model, x, {});
    // Training changes the values in place (as a step might: a little, either way).
    for (auto& p : model->parameters())
        p.add_(torch::randn_like(p), 0.05);
    Answer reference;
    {
        LibTorchOnly libtorch;
        reference = encodeAndDecode(*model, x, {});
    }
    const Answer changed = encodeAndDecode(*model, x, {});
    expectSame(changed, reference, "after an in-place change");
    EXPECT_FALSE(torch::allclose(changed.reconstruction, before.reconstruction, 1e-3, 1e-4));
    // A move gives every parameter new storage: in double LibTorch's layers run, back in float the fast path
    // reads the new storage.
    model->to(torch::kDouble);
    const std::uint64_t passes = fused::fusedInferencePasses();
    const Answer inDouble = encodeAndDecode(*model, x.to(torch::kDouble), {});
    EXPECT_EQ(fused::fusedInferencePasses(), passes);
    EXPECT_TRUE(torch::allclose(inDouble.reconstruction.to(torch::kFloat), reference.reconstruction, 1e-4, 1e-5));
    model->to(torch::kFloat);
    expectSame(encodeAndDecode(*model, x, {}), reference, "after a move to double and back");
}

TEST(FusedInference, CallersOnSeveralThreadsGetTheirOwnAnswers)
{
    torch::manual_seed(3);
    auto model = makeModel(smallModel(ModelKind::Vae, Backbone::Conv));
    model->eval();
    const std::vector<std::int64_t> sizes{1, 5, 64};
    std::vector<torch::Tensor> inputs, expected;
    {
        LibTorchOnly libtorch;
        torch::NoGradGuard noGrad;
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            inputs.push_back(images(sizes[i], static_cast<std::int64_t>(i)));
            expected.push_back(encodeAndDecode(*model, inputs.back(), {}).reconstruction);
        }
    }
    std::vector<int> matched(sizes.size(), 0);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < sizes.size(); ++i)
        threads.emplace_back([&, i] {
            torch::NoGradGuard noGrad; // grad mode is per thread
            for (int round = 0; round < 10; ++round)
                matched[i] += torch::allclose(encodeAndDecode(*model, inputs[i], {}).reconstruction, expected[i],
                                              1e-4, 1e-5);
        });
    for (auto& t : threads)
        t.join();
    for (std::size_t i = 0; i < sizes.size(); ++i)
        EXPECT_EQ(matched[i], 10) << sizes[i] << " rows";
}

TEST(FusedInference, AnInferenceStackHasNoBackward)
{
    torch::manual_seed(4);
    torch::nn::Conv2d conv(torch::nn::Conv2dOptions(3, 8, 4).stride(2).padding(1));
    torch::nn::ConvTranspose2d deconv(torch::nn::ConvTranspose2dOptions(8, 2, 4).stride(2).padding(1));
    const std::vector<fused::ConvLayer> layers{fused::ConvLayer::conv(conv, true), fused::ConvLayer::deconv(deconv, false)};
    fused::ConvStack inference(layers, {3, 8, 12}, fused::ConvStack::Use::Inference);
    const torch::Tensor x = images(6);
    torch::NoGradGuard noGrad;
    const torch::Tensor expected = deconv(torch::relu(conv(x))).flatten(1);
    EXPECT_TRUE(torch::allclose(inference.forward(x.flatten(1)), expected, 1e-4, 1e-5));
    EXPECT_TRUE(inference.parameters().empty());
    EXPECT_THROW(inference.backward(x.flatten(1), expected.clone(), torch::Tensor()), c10::Error);
}
