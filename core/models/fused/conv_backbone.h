#pragma once
// The conv backbones of backbones.h as fused Blocks over their own modules' weights: the convolutions through
// ConvStack (oneDNN), the dense layers through DenseStack. Each takes and gives flat rows as its module does:
// images as their C*H*W values in NCHW order, the decoder's output as flat logits or means.
#include "core/models/backbones.h"
#include "core/models/fused/block_chain.h"
#include "core/models/fused/conv_layers.h"

namespace latentlab::fused {

// FeatureEncoder's conv net: conv, ReLU, conv, ReLU, flatten, Linear, ReLU.
class ConvEncoderBlock : public BlockChain {
public:
    explicit ConvEncoderBlock(const FeatureEncoderImpl& encoder);
    // A conv backbone with float CPU parameters.
    static bool supports(const FeatureEncoderImpl& encoder);
};

// FlatDecoder's conv path: Linear, ReLU, Linear, ReLU, view as [B, C, H/4, W/4], deconv, ReLU, deconv, flatten.
class ConvDecoderBlock : public BlockChain {
public:
    explicit ConvDecoderBlock(const FlatDecoderImpl& decoder);
    static bool supports(const FlatDecoderImpl& decoder);
};

// The VQ-VAE's encoder: conv, ReLU, conv, ReLU, 1x1 conv; out come the code grids [B, codeDim * H/4 * W/4].
class SpatialEncoderBlock : public ConvStack {
public:
    explicit SpatialEncoderBlock(const SpatialEncoderImpl& encoder);
    static bool supports(const SpatialEncoderImpl& encoder);
};

// The VQ-VAE's decoder: 1x1 conv, ReLU, deconv, ReLU, deconv; in go the quantized grids, flattened.
class SpatialDecoderBlock : public ConvStack {
public:
    explicit SpatialDecoderBlock(const SpatialDecoderImpl& decoder);
    static bool supports(const SpatialDecoderImpl& decoder);
};

} // namespace latentlab::fused
