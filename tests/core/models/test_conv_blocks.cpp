// The fused conv layers and backbones against LibTorch's autograd on the same modules: the output, every
// parameter's gradient and the input's, for two batch sizes (each has its own oneDNN primitives), on a square
// one-channel image and a non-square three-channel one; and gradients that add up over backward calls.
#include "core/models/backbones.h"
#include "core/models/fused/backbone_blocks.h"
#include "core/models/fused/conv_backbone.h"
#include "core/models/fused/conv_layers.h"
#include "core/models/fused/dense_stack.h"

#include <gtest/gtest.h>

#include <functional>

using namespace latentlab;
using namespace latentlab::fused;

namespace {

using Forward = std::function<torch::Tensor(const torch::Tensor&)>;

// Equal to rounding: float sums in another order, relative to the tensor's largest value.
void expectClose(const torch::Tensor& actual, const torch::Tensor& expected, const std::string& what)
{
    ASSERT_EQ(actual.sizes(), expected.sizes()) << what;
    const double scale = std::max(1.0, expected.abs().max().item<double>());
    const double diff = (actual - expected).abs().max().item<double>();
    EXPECT_LE(diff, 1e-4 * scale) << what << ": off by " << diff << " at a scale of " << scale;
}

std::int64_t numel(const std::vector<std::int64_t>& shape)
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}

// block must compute f over module's parameters; inShape is one sample's shape as f takes it.
void expectMatchesAutograd(Block& block, torch::nn::Module& module, const Forward& f,
                           const std::vector<std::int64_t>& inShape, std::int64_t batch, std::uint64_t seed)
{
    SCOPED_TRACE("batch " + std::to_string(batch));
    torch::manual_seed(seed);
    std::vector<std::int64_t> shape{batch};
    shape.insert(shape.end(), inShape.begin(), inShape.end());
    const torch::Tensor x = torch::randn(shape);

    module.zero_grad();
    const torch::Tensor xr = x.clone().requires_grad_(true);
    const torch::Tensor out = f(xr).reshape({batch, -1});
    const torch::Tensor gradOut = torch::randn_like(out);
    out.backward(gradOut);

    ASSERT_EQ(block.inWidth(), numel(inShape));
    ASSERT_EQ(block.outWidth(), out.size(1));
    const auto params = block.parameters();
    for (const ParameterGrad& p : params)
        p.grad.zero_();
    const torch::Tensor rows = x.reshape({batch, -1});
    expectClose(block.forward(rows), out.detach(), "output");
    const torch::Tensor gradIn = torch::full({batch, block.inWidth()}, std::nan(""));
    block.backward(rows, gradOut.clone(), gradIn);
    expectClose(gradIn, xr.grad().reshape({batch, -1}), "input gradient");

    const auto named = module.named_parameters();
    ASSERT_EQ(params.size(), named.size());
    auto reference = [&](const ParameterGrad& p) -> std::pair<std::string, torch::Tensor> {
        for (const auto& n : named)
            if (n.value().is_same(p.parameter))
                return {n.key(), n.value().grad()};
        ADD_FAILURE() << "a block parameter that is not the module's";
        return {"?", torch::zeros_like(p.parameter)};
    };
    for (const ParameterGrad& p : params) {
        const auto [name, grad] = reference(p);
        expectClose(p.grad, grad, name);
    }

    // Gradients add up: a second backward (the block may overwrite gradOut, so a fresh copy), without gradIn.
    block.backward(rows, gradOut.clone(), torch::Tensor());
    for (const ParameterGrad& p : params) {
        const auto [name, grad] = reference(p);
        expectClose(p.grad, 2 * grad, name + " after two backward calls");
    }
}

void expectMatchesAutograd(Block& block, torch::nn::Module& module, const Forward& f,
                           const std::vector<std::int64_t>& inShape)
{
    // Two batch sizes and back: each size has its own primitives and buffers, and the first must survive.
    expectMatchesAutograd(block, module, f, inShape, 5, 1);
    expectMatchesAutograd(block, module, f, inShape, 3, 2);
    expectMatchesAutograd(block, module, f, inShape, 5, 3);
}

torch::nn::Conv2d down(std::int64_t in, std::int64_t out)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 4).stride(2).padding(1));
}

torch::nn::ConvTranspose2d up(std::int64_t in, std::int64_t out)
{
    return torch::nn::ConvTranspose2d(torch::nn::ConvTranspose2dOptions(in, out, 4).stride(2).padding(1));
}

Forward reluAfter(Forward f, bool relu)
{
    return [f, relu](const torch::Tensor& x) { return relu ? torch::relu(f(x)) : f(x); };
}

BackboneOptions convOptions(std::vector<std::int64_t> shape)
{
    return BackboneOptions(std::move(shape), {24}).conv(true).conv_channels(16);
}

} // namespace

TEST(ConvLayers, Conv2dMatchesAutograd)
{
    for (const bool relu : {true, false}) {
        SCOPED_TRACE(relu ? "with ReLU" : "without ReLU");
        for (const auto& shape : {std::vector<std::int64_t>{1, 28, 28}, std::vector<std::int64_t>{3, 12, 8}}) {
            torch::nn::Conv2d conv = down(shape[0], 8);
            ConvStack block({ConvLayer::conv(conv, relu)}, shape);
            EXPECT_EQ(block.outputShape(), (std::vector<std::int64_t>{8, shape[1] / 2, shape[2] / 2}));
            expectMatchesAutograd(block, *conv, reluAfter([conv](const torch::Tensor& x) mutable { return conv(x); }, relu),
                                  shape);
        }
    }
}

TEST(ConvLayers, ManyBatchSizesKeepWorking)
{
    // More batch sizes than the stack keeps primitives for: the least recently used make room.
    torch::nn::Conv2d conv = down(3, 16);
    ConvStack block({ConvLayer::conv(conv, true)}, {3, 12, 8});
    auto f = reluAfter([conv](const torch::Tensor& x) mutable { return conv(x); }, true);
    for (const std::int64_t batch : {2, 3, 4, 5, 6, 7, 2})
        expectMatchesAutograd(block, *conv, f, {3, 12, 8}, batch, static_cast<std::uint64_t>(batch));
}

TEST(ConvLayers, PointwiseConv2dMatchesAutograd)
{
    torch::nn::Conv2d conv(torch::nn::Conv2dOptions(6, 4, 1));
    ConvStack block({ConvLayer::conv(conv, true)}, {6, 3, 2});
    expectMatchesAutograd(block, *conv, reluAfter([conv](const torch::Tensor& x) mutable { return conv(x); }, true),
                          {6, 3, 2});
}

TEST(ConvLayers, ConvTranspose2dMatchesAutograd)
{
    for (const bool relu : {true, false}) {
        SCOPED_TRACE(relu ? "with ReLU" : "without ReLU");
        // 16 -> 1 channels at 14x14 -> 28x28 (the decoder's last layer), 6 -> 3 at 6x4 -> 12x8.
        for (const auto& shape : {std::vector<std::int64_t>{16, 14, 14}, std::vector<std::int64_t>{6, 6, 4}}) {
            const std::int64_t out = shape[0] == 16 ? 1 : 3;
            torch::nn::ConvTranspose2d deconv = up(shape[0], out);
            ConvStack block({ConvLayer::deconv(deconv, relu)}, shape);
            EXPECT_EQ(block.outputShape(), (std::vector<std::int64_t>{out, shape[1] * 2, shape[2] * 2}));
            expectMatchesAutograd(block, *deconv,
                                  reluAfter([deconv](const torch::Tensor& x) mutable { return deconv(x); }, relu), shape);
        }
    }
}

TEST(ConvLayers, ConvTranspose2dWithOutputPadding)
{
    torch::nn::ConvTranspose2d deconv(torch::nn::ConvTranspose2dOptions(4, 2, 3).stride(2).padding(1).output_padding(1));
    ASSERT_TRUE(ConvLayer::supports(deconv));
    ConvStack block({ConvLayer::deconv(deconv, false)}, {4, 5, 3});
    EXPECT_EQ(block.outputShape(), (std::vector<std::int64_t>{2, 10, 6}));
    expectMatchesAutograd(block, *deconv, [deconv](const torch::Tensor& x) mutable { return deconv(x); }, {4, 5, 3});
}

TEST(ConvLayers, StackedLayersMatchAutograd)
{
    // Between layers the activations stay in oneDNN's own layout; only the stack's ends are NCHW rows.
    torch::nn::Sequential net(down(3, 16), torch::nn::ReLU(), down(16, 32), torch::nn::ReLU(), up(32, 8),
                              torch::nn::ReLU(), up(8, 2));
    ConvStack block({ConvLayer::conv(torch::nn::Conv2d(net->ptr<torch::nn::Conv2dImpl>(0)), true),
                     ConvLayer::conv(torch::nn::Conv2d(net->ptr<torch::nn::Conv2dImpl>(2)), true),
                     ConvLayer::deconv(torch::nn::ConvTranspose2d(net->ptr<torch::nn::ConvTranspose2dImpl>(4)), true),
                     ConvLayer::deconv(torch::nn::ConvTranspose2d(net->ptr<torch::nn::ConvTranspose2dImpl>(6)), false)},
                    {3, 12, 8});
    expectMatchesAutograd(block, *net, [net](const torch::Tensor& x) mutable { return net->forward(x); }, {3, 12, 8});
}

TEST(ConvLayers, InputGradientIntoStridedRows)
{
    torch::nn::Conv2d conv = down(2, 4);
    ConvStack block({ConvLayer::conv(conv, true)}, {2, 8, 4});
    torch::manual_seed(4);
    const torch::Tensor x = torch::randn({3, 2, 8, 4});
    const torch::Tensor xr = x.clone().requires_grad_(true);
    const torch::Tensor out = torch::relu(conv(xr)).flatten(1);
    const torch::Tensor gradOut = torch::randn_like(out);
    out.backward(gradOut);
    // Rows wider than the input: the block writes the first 64 values of each and leaves the rest alone.
    const torch::Tensor wide = torch::full({3, 70}, 7.0f);
    const torch::Tensor wideOut = torch::full({3, out.size(1) + 5}, 0.0f);
    wideOut.narrow(1, 0, out.size(1)).copy_(gradOut);
    block.forward(x.flatten(1));
    block.backward(x.flatten(1), wideOut.narrow(1, 0, out.size(1)), wide.narrow(1, 0, 64));
    expectClose(wide.narrow(1, 0, 64), xr.grad().flatten(1), "input gradient");
    EXPECT_TRUE(wide.narrow(1, 64, 6).eq(7.0f).all().item<bool>());
}

TEST(ConvBackbone, EncoderBlockMatchesAutograd)
{
    for (const auto& shape : {std::vector<std::int64_t>{1, 28, 28}, std::vector<std::int64_t>{3, 12, 8}}) {
        FeatureEncoder encoder(convOptions(shape));
        ASSERT_TRUE(ConvEncoderBlock::supports(*encoder));
        ConvEncoderBlock block(*encoder);
        EXPECT_EQ(block.outWidth(), 24);
        expectMatchesAutograd(block, *encoder, [encoder](const torch::Tensor& x) mutable { return encoder->forward(x); },
                              shape);
    }
}

TEST(ConvBackbone, DecoderBlockMatchesAutograd)
{
    for (const auto& shape : {std::vector<std::int64_t>{1, 28, 28}, std::vector<std::int64_t>{3, 12, 8}}) {
        FlatDecoder decoder(convOptions(shape), 5);
        ASSERT_TRUE(ConvDecoderBlock::supports(*decoder));
        ConvDecoderBlock block(*decoder);
        EXPECT_EQ(block.outWidth(), numel(shape));
        expectMatchesAutograd(block, *decoder, [decoder](const torch::Tensor& z) mutable { return decoder->forward(z); },
                              {5});
    }
}

TEST(ConvBackbone, SpatialBlocksMatchAutograd)
{
    for (const auto& shape : {std::vector<std::int64_t>{1, 28, 28}, std::vector<std::int64_t>{3, 12, 8}}) {
        SpatialEncoder encoder(convOptions(shape), 6);
        SpatialDecoder decoder(convOptions(shape), 6);
        SpatialEncoderBlock encoderBlock(*encoder);
        SpatialDecoderBlock decoderBlock(*decoder);
        EXPECT_EQ(encoderBlock.outWidth(), 6 * (shape[1] / 4) * (shape[2] / 4));
        EXPECT_EQ(decoderBlock.inWidth(), encoderBlock.outWidth());
        expectMatchesAutograd(encoderBlock, *encoder,
                              [encoder](const torch::Tensor& x) mutable { return encoder->forward(x); }, shape);
        expectMatchesAutograd(decoderBlock, *decoder,
                              [decoder](const torch::Tensor& g) mutable { return decoder->forward(g); },
                              {6, shape[1] / 4, shape[2] / 4});
    }
}

TEST(BackboneBlocks, EitherBackboneFromOneCall)
{
    FeatureEncoder convEncoder(convOptions({1, 28, 28}));
    FlatDecoder convDecoder(convOptions({1, 28, 28}), 5);
    EXPECT_NE(dynamic_cast<ConvEncoderBlock*>(makeEncoderBlock(*convEncoder).get()), nullptr);
    EXPECT_NE(dynamic_cast<ConvDecoderBlock*>(makeDecoderBlock(*convDecoder).get()), nullptr);

    const BackboneOptions mlp({1, 6, 6}, {12, 8});
    FeatureEncoder mlpEncoder(mlp);
    FlatDecoder mlpDecoder(mlp, 3);
    const auto encoderBlock = makeEncoderBlock(*mlpEncoder);
    const auto decoderBlock = makeDecoderBlock(*mlpDecoder);
    ASSERT_NE(dynamic_cast<DenseStack*>(encoderBlock.get()), nullptr);
    ASSERT_NE(dynamic_cast<DenseStack*>(decoderBlock.get()), nullptr);
    // The encoder's last layer ends in a ReLU, the decoder's gives logits.
    expectMatchesAutograd(*encoderBlock, *mlpEncoder,
                          [mlpEncoder](const torch::Tensor& x) mutable { return mlpEncoder->forward(x); }, {1, 6, 6});
    expectMatchesAutograd(*decoderBlock, *mlpDecoder,
                          [mlpDecoder](const torch::Tensor& z) mutable { return mlpDecoder->forward(z); }, {3});
}

TEST(BackboneBlocks, NullWhereNotCpuFloat)
{
    FeatureEncoder convEncoder(convOptions({1, 28, 28}));
    FlatDecoder mlpDecoder(BackboneOptions({1, 6, 6}, {12}), 3);
    SpatialDecoder spatialDecoder(convOptions({1, 28, 28}), 4);
    convEncoder->to(torch::kDouble);
    mlpDecoder->to(torch::kDouble);
    spatialDecoder->to(torch::kDouble);
    EXPECT_EQ(makeEncoderBlock(*convEncoder), nullptr);
    EXPECT_EQ(makeDecoderBlock(*mlpDecoder), nullptr);
    EXPECT_EQ(makeSpatialDecoderBlock(*spatialDecoder), nullptr);
}

TEST(ConvLayers, UnsupportedGeometryRefused)
{
    EXPECT_FALSE(ConvLayer::supports(torch::nn::Conv2d(torch::nn::Conv2dOptions(4, 4, 3).groups(2))));
    EXPECT_FALSE(ConvLayer::supports(torch::nn::Conv2d(torch::nn::Conv2dOptions(4, 4, 3).dilation(2))));
    EXPECT_FALSE(ConvLayer::supports(torch::nn::Conv2d(torch::nn::Conv2dOptions(4, 4, 3).bias(false))));
    EXPECT_FALSE(ConvLayer::supports(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(4, 4, 3).padding(1).padding_mode(torch::kReflect))));
    EXPECT_TRUE(ConvLayer::supports(down(4, 4)));
}

TEST(ConvLayers, NaNReachesTheOutputAsInLibTorch)
{
    // A poisoned weight must reach the loss, where the trainer stops; a ReLU that made NaN zero would hide it.
    torch::nn::Conv2d conv = down(2, 16);
    torch::nn::ConvTranspose2d deconv = up(16, 16);
    {
        torch::NoGradGuard noGrad;
        conv->weight[3][1][2][2] = std::nan("");
        deconv->weight[5][7][1][1] = std::nan("");
    }
    ConvStack block({ConvLayer::conv(conv, true), ConvLayer::deconv(deconv, true)}, {2, 8, 4});
    const torch::Tensor x = torch::randn({3, 2, 8, 4});
    const torch::Tensor expected = torch::relu(deconv(torch::relu(conv(x)))).flatten(1);
    const torch::Tensor actual = block.forward(x.flatten(1));
    ASSERT_TRUE(expected.isnan().any().item<bool>());
    EXPECT_TRUE(actual.isnan().eq(expected.isnan()).all().item<bool>());
}
