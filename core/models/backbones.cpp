#include "core/models/backbones.h"

#include "core/models/fused/inference.h"

namespace latentlab {
namespace {

std::int64_t numel(const std::vector<std::int64_t>& shape)
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}

torch::nn::Conv2dOptions down(std::int64_t in, std::int64_t out)
{
    return torch::nn::Conv2dOptions(in, out, 4).stride(2).padding(1);
}

torch::nn::ConvTranspose2dOptions up(std::int64_t in, std::int64_t out)
{
    return torch::nn::ConvTranspose2dOptions(in, out, 4).stride(2).padding(1);
}

std::vector<torch::nn::Linear> linearsOf(const torch::nn::Sequential& net)
{
    std::vector<torch::nn::Linear> out;
    for (std::size_t i = 0; i < net->size(); ++i)
        if (auto linear = std::dynamic_pointer_cast<torch::nn::LinearImpl>(net->ptr(i)))
            out.emplace_back(linear);
    return out;
}

template <class Module>
Module layerAt(const torch::nn::Sequential& net, std::size_t i)
{
    return Module(net->ptr<typename Module::ContainedType>(i));
}

} // namespace

FeatureEncoderImpl::FeatureEncoderImpl(const BackboneOptions& options) : options_(options)
{
    net_ = torch::nn::Sequential();
    const auto& s = options.input_shape();
    std::int64_t width = numel(s);
    if (options.conv()) {
        const std::int64_t c2 = options.conv_channels();
        net_->push_back(torch::nn::Conv2d(down(s[0], c2 / 2)));
        net_->push_back(torch::nn::ReLU());
        net_->push_back(torch::nn::Conv2d(down(c2 / 2, c2)));
        net_->push_back(torch::nn::ReLU());
        net_->push_back(torch::nn::Flatten());
        width = c2 * (s[1] / 4) * (s[2] / 4);
        net_->push_back(torch::nn::Linear(width, options.hidden().back()));
        net_->push_back(torch::nn::ReLU());
    } else {
        net_->push_back(torch::nn::Flatten());
        for (const auto h : options.hidden()) {
            net_->push_back(torch::nn::Linear(width, h));
            net_->push_back(torch::nn::ReLU());
            width = h;
        }
    }
    register_module("net", net_);
}

torch::Tensor FeatureEncoderImpl::forward(const torch::Tensor& x)
{
    if (!options_.conv()) {
        const std::vector<torch::nn::Linear> layers = mlpLayers();
        if (fused::canInferFused(x, layers))
            return fused::inferDense(x, layers, true);
    }
    return net_->forward(x);
}

std::vector<torch::nn::Linear> FeatureEncoderImpl::mlpLayers() const
{
    return options_.conv() ? std::vector<torch::nn::Linear>() : linearsOf(net_);
}

std::optional<FeatureEncoderImpl::ConvLayers> FeatureEncoderImpl::convLayers() const
{
    if (!options_.conv())
        return std::nullopt;
    return ConvLayers{layerAt<torch::nn::Conv2d>(net_, 0), layerAt<torch::nn::Conv2d>(net_, 2),
                      layerAt<torch::nn::Linear>(net_, 5)};
}

FlatDecoderImpl::FlatDecoderImpl(const BackboneOptions& options, std::int64_t inputDim) : options_(options)
{
    dense_ = torch::nn::Sequential();
    const auto& s = options.input_shape();
    std::int64_t width = inputDim;
    if (options.conv()) {
        const std::int64_t c2 = options.conv_channels();
        dense_->push_back(torch::nn::Linear(width, options.hidden().back()));
        dense_->push_back(torch::nn::ReLU());
        dense_->push_back(torch::nn::Linear(options.hidden().back(), c2 * (s[1] / 4) * (s[2] / 4)));
        dense_->push_back(torch::nn::ReLU());
        deconv_ = torch::nn::Sequential();
        deconv_->push_back(torch::nn::ConvTranspose2d(up(c2, c2 / 2)));
        deconv_->push_back(torch::nn::ReLU());
        deconv_->push_back(torch::nn::ConvTranspose2d(up(c2 / 2, s[0])));
        register_module("deconv", deconv_);
    } else {
        for (auto it = options.hidden().rbegin(); it != options.hidden().rend(); ++it) {
            dense_->push_back(torch::nn::Linear(width, *it));
            dense_->push_back(torch::nn::ReLU());
            width = *it;
        }
        dense_->push_back(torch::nn::Linear(width, numel(s)));
    }
    register_module("dense", dense_);
}

std::vector<torch::nn::Linear> FlatDecoderImpl::mlpLayers() const
{
    return options_.conv() ? std::vector<torch::nn::Linear>() : linearsOf(dense_);
}

std::optional<FlatDecoderImpl::ConvLayers> FlatDecoderImpl::convLayers() const
{
    if (!options_.conv())
        return std::nullopt;
    return ConvLayers{layerAt<torch::nn::Linear>(dense_, 0), layerAt<torch::nn::Linear>(dense_, 2),
                      layerAt<torch::nn::ConvTranspose2d>(deconv_, 0), layerAt<torch::nn::ConvTranspose2d>(deconv_, 2)};
}

torch::Tensor FlatDecoderImpl::forward(const torch::Tensor& code)
{
    if (!options_.conv()) {
        const std::vector<torch::nn::Linear> layers = mlpLayers();
        if (fused::canInferFused(code, layers))
            return fused::inferDense(code, layers, false);
        return dense_->forward(code);
    }
    torch::Tensor h = dense_->forward(code);
    const auto& s = options_.input_shape();
    h = h.view({h.size(0), options_.conv_channels(), s[1] / 4, s[2] / 4});
    return deconv_->forward(h).flatten(1);
}

SpatialEncoderImpl::SpatialEncoderImpl(const BackboneOptions& options, std::int64_t codeDim)
    : inputShape_(options.input_shape())
{
    const std::int64_t c2 = options.conv_channels();
    net_ = torch::nn::Sequential(torch::nn::Conv2d(down(options.input_shape()[0], c2 / 2)), torch::nn::ReLU(),
                                 torch::nn::Conv2d(down(c2 / 2, c2)), torch::nn::ReLU(),
                                 torch::nn::Conv2d(torch::nn::Conv2dOptions(c2, codeDim, 1)));
    register_module("net", net_);
}

torch::Tensor SpatialEncoderImpl::forward(const torch::Tensor& x)
{
    return net_->forward(x);
}

SpatialEncoderImpl::Layers SpatialEncoderImpl::layers() const
{
    return {layerAt<torch::nn::Conv2d>(net_, 0), layerAt<torch::nn::Conv2d>(net_, 2), layerAt<torch::nn::Conv2d>(net_, 4)};
}

SpatialDecoderImpl::SpatialDecoderImpl(const BackboneOptions& options, std::int64_t codeDim)
    : gridShape_{codeDim, options.input_shape()[1] / 4, options.input_shape()[2] / 4}
{
    const std::int64_t c2 = options.conv_channels();
    net_ = torch::nn::Sequential(torch::nn::Conv2d(torch::nn::Conv2dOptions(codeDim, c2, 1)), torch::nn::ReLU(),
                                 torch::nn::ConvTranspose2d(up(c2, c2 / 2)), torch::nn::ReLU(),
                                 torch::nn::ConvTranspose2d(up(c2 / 2, options.input_shape()[0])));
    register_module("net", net_);
}

torch::Tensor SpatialDecoderImpl::forward(const torch::Tensor& grid)
{
    return net_->forward(grid).flatten(1);
}

SpatialDecoderImpl::Layers SpatialDecoderImpl::layers() const
{
    return {layerAt<torch::nn::Conv2d>(net_, 0), layerAt<torch::nn::ConvTranspose2d>(net_, 2),
            layerAt<torch::nn::ConvTranspose2d>(net_, 4)};
}

} // namespace latentlab
