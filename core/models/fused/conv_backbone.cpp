#include "core/models/fused/conv_backbone.h"

#include "core/models/fused/dense_stack.h"

namespace latentlab::fused {
namespace {

std::vector<std::unique_ptr<Block>> convEncoderBlocks(const FeatureEncoderImpl& encoder)
{
    const auto layers = encoder.convLayers();
    TORCH_CHECK(layers, "ConvEncoderBlock: not a conv backbone");
    std::vector<std::unique_ptr<Block>> blocks;
    blocks.push_back(std::make_unique<ConvStack>(
        std::vector<ConvLayer>{ConvLayer::conv(layers->conv1, true), ConvLayer::conv(layers->conv2, true)},
        encoder.options().input_shape()));
    blocks.push_back(std::make_unique<DenseStack>(std::vector<torch::nn::Linear>{layers->dense}, true));
    return blocks;
}

std::vector<std::unique_ptr<Block>> convDecoderBlocks(const FlatDecoderImpl& decoder)
{
    const auto layers = decoder.convLayers();
    TORCH_CHECK(layers, "ConvDecoderBlock: not a conv backbone");
    const auto& s = decoder.options().input_shape();
    std::vector<std::unique_ptr<Block>> blocks;
    blocks.push_back(std::make_unique<DenseStack>(std::vector<torch::nn::Linear>{layers->dense1, layers->dense2}, true));
    blocks.push_back(std::make_unique<ConvStack>(
        std::vector<ConvLayer>{ConvLayer::deconv(layers->deconv1, true), ConvLayer::deconv(layers->deconv2, false)},
        std::vector<std::int64_t>{decoder.options().conv_channels(), s[1] / 4, s[2] / 4}));
    return blocks;
}

} // namespace

ConvEncoderBlock::ConvEncoderBlock(const FeatureEncoderImpl& encoder) : BlockChain(convEncoderBlocks(encoder)) {}

bool ConvEncoderBlock::supports(const FeatureEncoderImpl& encoder)
{
    const auto layers = encoder.convLayers();
    return layers && ConvLayer::supports(layers->conv1) && ConvLayer::supports(layers->conv2)
           && DenseStack::supports({layers->dense});
}

ConvDecoderBlock::ConvDecoderBlock(const FlatDecoderImpl& decoder) : BlockChain(convDecoderBlocks(decoder)) {}

bool ConvDecoderBlock::supports(const FlatDecoderImpl& decoder)
{
    const auto layers = decoder.convLayers();
    return layers && DenseStack::supports({layers->dense1, layers->dense2}) && ConvLayer::supports(layers->deconv1)
           && ConvLayer::supports(layers->deconv2);
}

SpatialEncoderBlock::SpatialEncoderBlock(const SpatialEncoderImpl& encoder)
    : ConvStack({ConvLayer::conv(encoder.layers().conv1, true), ConvLayer::conv(encoder.layers().conv2, true),
                 ConvLayer::conv(encoder.layers().project, false)},
                encoder.inputShape())
{
}

bool SpatialEncoderBlock::supports(const SpatialEncoderImpl& encoder)
{
    const auto l = encoder.layers();
    return ConvLayer::supports(l.conv1) && ConvLayer::supports(l.conv2) && ConvLayer::supports(l.project);
}

SpatialDecoderBlock::SpatialDecoderBlock(const SpatialDecoderImpl& decoder)
    : ConvStack({ConvLayer::conv(decoder.layers().project, true), ConvLayer::deconv(decoder.layers().deconv1, true),
                 ConvLayer::deconv(decoder.layers().deconv2, false)},
                decoder.gridShape())
{
}

bool SpatialDecoderBlock::supports(const SpatialDecoderImpl& decoder)
{
    const auto l = decoder.layers();
    return ConvLayer::supports(l.project) && ConvLayer::supports(l.deconv1) && ConvLayer::supports(l.deconv2);
}

} // namespace latentlab::fused
