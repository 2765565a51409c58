#pragma once
// The two backbones every family is built from: an MLP for any input (images flattened) and a small conv net
// for images whose sides are multiples of 4 (two stride-2 convolutions: 28x28 -> 7x7).
#include "core/models/fused/conv_inference.h"

#include <torch/torch.h>

#include <optional>
#include <vector>

namespace latentlab {

struct BackboneOptions {
    BackboneOptions(std::vector<std::int64_t> inputShape, std::vector<std::int64_t> hidden)
        : input_shape_(std::move(inputShape)), hidden_(std::move(hidden)) {}
    TORCH_ARG(std::vector<std::int64_t>, input_shape); // {C, H, W} or {D}
    TORCH_ARG(std::vector<std::int64_t>, hidden);      // MLP widths; conv uses hidden.back() as its dense width
    TORCH_ARG(bool, conv) = false;
    TORCH_ARG(std::int64_t, conv_channels) = 64;      // channels after the second stride-2 convolution
};

// x [B, ...input_shape] -> features [B, featureDim()].
class FeatureEncoderImpl : public torch::nn::Module {
public:
    explicit FeatureEncoderImpl(const BackboneOptions& options);
    torch::Tensor forward(const torch::Tensor& x);
    std::int64_t featureDim() const { return options_.hidden().back(); }
    // The MLP's dense layers in the order data flows, each followed by a ReLU; empty for the conv backbone.
    std::vector<torch::nn::Linear> mlpLayers() const;
    // The conv backbone's layers in the order data flows, each followed by a ReLU; nullopt for the MLP.
    struct ConvLayers {
        torch::nn::Conv2d conv1, conv2;
        torch::nn::Linear dense;
    };
    std::optional<ConvLayers> convLayers() const;
    const BackboneOptions& options() const { return options_; }

private:
    BackboneOptions options_;
    torch::nn::Sequential net_{nullptr};
    fused::ConvInference convInference_; // the conv path without autograd
};
TORCH_MODULE(FeatureEncoder);

// code [B, inputDim] -> flat output [B, numel(input_shape)] (logits or means).
class FlatDecoderImpl : public torch::nn::Module {
public:
    FlatDecoderImpl(const BackboneOptions& options, std::int64_t inputDim);
    torch::Tensor forward(const torch::Tensor& code);
    // The MLP's dense layers in the order data flows, each but the last followed by a ReLU; empty for conv.
    std::vector<torch::nn::Linear> mlpLayers() const;
    // The conv path's layers in the order data flows, each but the last followed by a ReLU; between the dense
    // and the transposed convolutions the rows are viewed as [B, conv_channels, H/4, W/4]. nullopt for the MLP.
    struct ConvLayers {
        torch::nn::Linear dense1, dense2;
        torch::nn::ConvTranspose2d deconv1, deconv2;
    };
    std::optional<ConvLayers> convLayers() const;
    const BackboneOptions& options() const { return options_; }

private:
    BackboneOptions options_;
    torch::nn::Sequential dense_{nullptr};
    torch::nn::Sequential deconv_{nullptr}; // conv only
    fused::ConvInference convInference_;    // the transposed convolutions without autograd
};
TORCH_MODULE(FlatDecoder);

// Conv VQ-VAE: x [B, C, H, W] -> [B, codeDim, H/4, W/4], and back to a flat output.
class SpatialEncoderImpl : public torch::nn::Module {
public:
    SpatialEncoderImpl(const BackboneOptions& options, std::int64_t codeDim);
    torch::Tensor forward(const torch::Tensor& x);
    // Its layers in the order data flows: two stride-2 convolutions each followed by a ReLU, then a 1x1 one.
    struct Layers {
        torch::nn::Conv2d conv1, conv2, project;
    };
    Layers layers() const;
    const std::vector<std::int64_t>& inputShape() const { return inputShape_; }

private:
    std::vector<std::int64_t> inputShape_;
    torch::nn::Sequential net_{nullptr};
    fused::ConvInference convInference_;
};
TORCH_MODULE(SpatialEncoder);

class SpatialDecoderImpl : public torch::nn::Module {
public:
    SpatialDecoderImpl(const BackboneOptions& options, std::int64_t codeDim);
    torch::Tensor forward(const torch::Tensor& grid);
    // Its layers in the order data flows: a 1x1 convolution and a stride-2 transposed one, each followed by a
    // ReLU, then the last transposed convolution.
    struct Layers {
        torch::nn::Conv2d project;
        torch::nn::ConvTranspose2d deconv1, deconv2;
    };
    Layers layers() const;
    // {codeDim, H/4, W/4}: the grid it decodes.
    const std::vector<std::int64_t>& gridShape() const { return gridShape_; }

private:
    std::vector<std::int64_t> gridShape_;
    torch::nn::Sequential net_{nullptr};
    fused::ConvInference convInference_;
};
TORCH_MODULE(SpatialDecoder);

} // namespace latentlab
