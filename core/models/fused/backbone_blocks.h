#pragma once
// A backbone as a fused Block, whichever it is: the MLP as a DenseStack, the conv net as a ConvEncoderBlock
// or ConvDecoderBlock, so a family's fused step gets either from one call. nullptr where the backbone cannot
// train fused (parameters not float, or not on the CPU); the step then falls back to autograd.
#include "core/models/backbones.h"
#include "core/models/fused/fused_block.h"

#include <memory>

namespace latentlab::fused {

// x rows [B, numel(input_shape)] -> features [B, featureDim()], every layer followed by a ReLU.
std::unique_ptr<Block> makeEncoderBlock(FeatureEncoderImpl& encoder);
// codes [B, inputDim] -> flat logits or means [B, numel(input_shape)].
std::unique_ptr<Block> makeDecoderBlock(FlatDecoderImpl& decoder);
// The VQ-VAE's conv encoder and decoder (grids as flat NCHW rows).
std::unique_ptr<Block> makeSpatialEncoderBlock(SpatialEncoderImpl& encoder);
std::unique_ptr<Block> makeSpatialDecoderBlock(SpatialDecoderImpl& decoder);

} // namespace latentlab::fused
