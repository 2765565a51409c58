#pragma once
// The two backbones every family is built from: an MLP for any input (images flattened) and a small conv net
// for images whose sides are multiples of 4 (two stride-2 convolutions: 28x28 -> 7x7).
#include <torch/torch.h>

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

private:
    BackboneOptions options_;
    torch::nn::Sequential net_{nullptr};
};
TORCH_MODULE(FeatureEncoder);

// code [B, inputDim] -> flat output [B, numel(input_shape)] (logits or means).
class FlatDecoderImpl : public torch::nn::Module {
public:
    FlatDecoderImpl(const BackboneOptions& options, std::int64_t inputDim);
    torch::Tensor forward(const torch::Tensor& code);
    // The MLP's dense layers in the order data flows, each but the last followed by a ReLU; empty for conv.
    std::vector<torch::nn::Linear> mlpLayers() const;

private:
    BackboneOptions options_;
    torch::nn::Sequential dense_{nullptr};
    torch::nn::Sequential deconv_{nullptr}; // conv only
};
TORCH_MODULE(FlatDecoder);

// Conv VQ-VAE: x [B, C, H, W] -> [B, codeDim, H/4, W/4], and back to a flat output.
class SpatialEncoderImpl : public torch::nn::Module {
public:
    SpatialEncoderImpl(const BackboneOptions& options, std::int64_t codeDim);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::Sequential net_{nullptr};
};
TORCH_MODULE(SpatialEncoder);

class SpatialDecoderImpl : public torch::nn::Module {
public:
    SpatialDecoderImpl(const BackboneOptions& options, std::int64_t codeDim);
    torch::Tensor forward(const torch::Tensor& grid);

private:
    torch::nn::Sequential net_{nullptr};
};
TORCH_MODULE(SpatialDecoder);

} // namespace latentlab
