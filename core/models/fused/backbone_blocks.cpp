#include "core/models/fused/backbone_blocks.h"

#include "core/models/fused/conv_backbone.h"
#include "core/models/fused/dense_stack.h"

namespace latentlab::fused {

std::unique_ptr<Block> makeEncoderBlock(FeatureEncoderImpl& encoder)
{
    if (encoder.options().conv())
        return ConvEncoderBlock::supports(encoder) ? std::make_unique<ConvEncoderBlock>(encoder) : nullptr;
    const auto layers = encoder.mlpLayers();
    return DenseStack::supports(layers) ? std::make_unique<DenseStack>(layers, true) : nullptr;
}

std::unique_ptr<Block> makeDecoderBlock(FlatDecoderImpl& decoder)
{
    if (decoder.options().conv())
        return ConvDecoderBlock::supports(decoder) ? std::make_unique<ConvDecoderBlock>(decoder) : nullptr;
    const auto layers = decoder.mlpLayers();
    return DenseStack::supports(layers) ? std::make_unique<DenseStack>(layers, false) : nullptr;
}

std::unique_ptr<Block> makeSpatialEncoderBlock(SpatialEncoderImpl& encoder)
{
    return SpatialEncoderBlock::supports(encoder) ? std::make_unique<SpatialEncoderBlock>(encoder) : nullptr;
}

std::unique_ptr<Block> makeSpatialDecoderBlock(SpatialDecoderImpl& decoder)
{
    return SpatialDecoderBlock::supports(decoder) ? std::make_unique<SpatialDecoderBlock>(decoder) : nullptr;
}

} // namespace latentlab::fused
