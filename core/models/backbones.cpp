#include "core/models/backbones.h"

#include "core/models/fused/dense_stack.h"
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

// Whether x ([B, ...shape]) can go through these convolutions and dense layers by oneDNN now
// (fused/inference.h): any other shape goes to LibTorch's layers, which say what is wrong with it.
bool convInferenceFits(const torch::Tensor& x, const std::vector<std::int64_t>& shape,
                       const std::vector<fused::ConvLayer>& convs, const std::vector<torch::nn::Linear>& dense,
                       const std::vector<bool>& supported)
{
    if (x.dim() != static_cast<std::int64_t>(shape.size()) + 1 || x.sizes().slice(1) != c10::IntArrayRef(shape))
        return false;
    for (const bool s : supported)
        if (!s)
            return false;
    std::vector<torch::Tensor> parameters;
    for (const auto& c : convs) {
        parameters.push_back(c.weight);
        parameters.push_back(c.bias);
    }
    for (const auto& l : dense) {
        if (!l->bias.defined())
            return false;
        parameters.push_back(l->weight);
        parameters.push_back(l->bias);
    }
    return fused::canInferWithout(x, parameters);
}

// x's rows as contiguous [B, numel] (flatten: reshape cannot infer -1 for zero rows).
torch::Tensor rowsOf(const torch::Tensor& x)
{
    return x.flatten(1).contiguous();
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
        if (fused::canInferFused(x, layers)) {
            fused::countFusedInferencePass();
            return fused::inferDense(x, layers, true);
        }
        return net_->forward(x);
    }
    const ConvLayers l = *convLayers();
    if (fused::fusedInferenceOn()) {
        const std::vector<fused::ConvLayer> convs{fused::ConvLayer::conv(l.conv1, true),
                                                  fused::ConvLayer::conv(l.conv2, true)};
        if (convInferenceFits(x, options_.input_shape(), convs, {l.dense},
                              {fused::ConvLayer::supports(l.conv1), fused::ConvLayer::supports(l.conv2),
                               fused::DenseStack::supports({l.dense})})) {
            fused::countFusedInferencePass();
            return fused::inferDense(convInference_.forward(rowsOf(x), convs, options_.input_shape()), {l.dense}, true);
        }
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
        if (fused::canInferFused(code, layers)) {
            fused::countFusedInferencePass();
            return fused::inferDense(code, layers, false);
        }
        return dense_->forward(code);
    }
    const auto& s = options_.input_shape();
    const ConvLayers l = *convLayers();
    if (fused::fusedInferenceOn()) {
        const std::vector<fused::ConvLayer> deconvs{fused::ConvLayer::deconv(l.deconv1, true),
                                                    fused::ConvLayer::deconv(l.deconv2, false)};
        if (convInferenceFits(code, {l.dense1->weight.size(1)}, deconvs, {l.dense1, l.dense2},
                              {fused::DenseStack::supports({l.dense1, l.dense2}), fused::ConvLayer::supports(l.deconv1),
                               fused::ConvLayer::supports(l.deconv2)})) {
            fused::countFusedInferencePass();
            const torch::Tensor h = fused::inferDense(code, {l.dense1, l.dense2}, true);
            return convInference_.forward(h, deconvs, {options_.conv_channels(), s[1] / 4, s[2] / 4});
        }
    }
    torch::Tensor h = dense_->forward(code);
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
    if (fused::fusedInferenceOn()) {
        const Layers l = layers();
        const std::vector<fused::ConvLayer> convs{fused::ConvLayer::conv(l.conv1, true),
                                                  fused::ConvLayer::conv(l.conv2, true),
                                                  fused::ConvLayer::conv(l.project, false)};
        if (convInferenceFits(x, inputShape_, convs, {},
                              {fused::ConvLayer::supports(l.conv1), fused::ConvLayer::supports(l.conv2),
                               fused::ConvLayer::supports(l.project)})) {
            fused::countFusedInferencePass();
            const torch::Tensor grids = convInference_.forward(rowsOf(x), convs, inputShape_);
            return grids.view({x.size(0), l.project->options.out_channels(), inputShape_[1] / 4, inputShape_[2] / 4});
        }
    }
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
    if (fused::fusedInferenceOn()) {
        const Layers l = layers();
        const std::vector<fused::ConvLayer> convs{fused::ConvLayer::conv(l.project, true),
                                                  fused::ConvLayer::deconv(l.deconv1, true),
                                                  fused::ConvLayer::deconv(l.deconv2, false)};
        if (convInferenceFits(grid, gridShape_, convs, {},
                              {fused::ConvLayer::supports(l.project), fused::ConvLayer::supports(l.deconv1),
                               fused::ConvLayer::supports(l.deconv2)})) {
            fused::countFusedInferencePass();
            return convInference_.forward(rowsOf(grid), convs, gridShape_);
        }
    }
    return net_->forward(grid).flatten(1);
}

SpatialDecoderImpl::Layers SpatialDecoderImpl::layers() const
{
    return {layerAt<torch::nn::Conv2d>(net_, 0), layerAt<torch::nn::ConvTranspose2d>(net_, 2),
            layerAt<torch::nn::ConvTranspose2d>(net_, 4)};
}

} // namespace latentlab
