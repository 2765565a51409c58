#include "core/export/onnx_layers.h"

#include "core/training/checkpoint.h"
#include "core/util/errors.h"

namespace latentlab::onnx {
namespace {

std::vector<float> valuesOf(const torch::Tensor& t)
{
    const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

} // namespace

std::map<std::string, torch::Tensor> namedState(const torch::nn::Module& module)
{
    std::map<std::string, torch::Tensor> out;
    for (auto& [name, tensor] : modelTensors(module))
        out[name] = tensor;
    return out;
}

ModelGraph::ModelGraph(Graph& graph, const ModelConfig& config, std::map<std::string, torch::Tensor> state)
    : g_(graph), config_(config), state_(std::move(state))
{
}

const torch::Tensor& ModelGraph::state(const std::string& name) const
{
    const auto it = state_.find(name);
    if (it == state_.end())
        throw BadInputError("the model has no tensor '" + name + "', so it is not one LatentLab built");
    return it->second;
}

std::string ModelGraph::stateConstant(const std::string& name)
{
    const torch::Tensor& t = state(name);
    return g_.constant(name, t.sizes().vec(), valuesOf(t));
}

std::string ModelGraph::floats(const std::string& hint, std::vector<std::int64_t> dims, const std::vector<float>& values)
{
    return g_.constant(hint, std::move(dims), values);
}

std::string ModelGraph::scalar(float value)
{
    return g_.constant("c", {1}, {value});
}

std::string ModelGraph::relu(const std::string& x)
{
    return g_.node("Relu", {x});
}

std::string ModelGraph::linear(const std::string& x, const std::string& prefix, bool withRelu, const std::string& out)
{
    // Gemm with transB: y = x W^T + b, torch.nn.Linear's arithmetic with its weight as stored.
    const std::string y = g_.node("Gemm", {x, stateConstant(prefix + ".weight"), stateConstant(prefix + ".bias")},
                                  {Attribute::integer("transB", 1)}, withRelu ? std::string() : out);
    return withRelu ? g_.node("Relu", {y}, {}, out) : y;
}

std::string ModelGraph::linearOfPair(const std::string& a, const std::string& b, const std::string& prefix, bool withRelu,
                                     const std::string& out)
{
    if (b.empty())
        return linear(a, prefix, withRelu, out);
    // W [out, A + B] = [W_a | W_b]: W [a, b] + bias = (W_a a + bias) + W_b b.
    const torch::Tensor w = state(prefix + ".weight").to(torch::kCPU, torch::kFloat32);
    const std::int64_t bWidth = config_.numClasses;
    const std::int64_t aWidth = w.size(1) - bWidth;
    const torch::Tensor wa = w.narrow(1, 0, aWidth), wbT = w.narrow(1, aWidth, bWidth).t();
    const std::string first = g_.node("Gemm", {a, floats(prefix + ".weight_a", {w.size(0), aWidth}, valuesOf(wa)),
                                               stateConstant(prefix + ".bias")},
                                      {Attribute::integer("transB", 1)});
    const std::string second = g_.node("MatMul", {b, floats(prefix + ".weight_b_t", {bWidth, w.size(0)}, valuesOf(wbT))});
    const std::string sum = g_.node("Add", {first, second}, {}, withRelu ? std::string() : out);
    return withRelu ? g_.node("Relu", {sum}, {}, out) : sum;
}

std::string ModelGraph::flatten(const std::string& x, const std::string& out)
{
    return g_.node("Flatten", {x}, {Attribute::integer("axis", 1)}, out);
}

std::string ModelGraph::reshape(const std::string& x, const std::vector<std::int64_t>& dims, const std::string& out)
{
    std::vector<std::int64_t> shape{-1};
    shape.insert(shape.end(), dims.begin(), dims.end());
    return g_.node("Reshape", {x, g_.constantInt64("shape", {static_cast<std::int64_t>(shape.size())}, shape)}, {}, out);
}

std::string ModelGraph::reshapeSamples(const std::string& x, const std::vector<std::int64_t>& dims, const std::string& out)
{
    std::vector<std::int64_t> shape{0};
    shape.insert(shape.end(), dims.begin(), dims.end());
    return g_.node("Reshape", {x, g_.constantInt64("shape", {static_cast<std::int64_t>(shape.size())}, shape)}, {}, out);
}

std::string ModelGraph::rowSum(const std::string& x, std::int64_t width, float weight, const std::string& out)
{
    return g_.node("MatMul", {x, floats("sum", {width, 1}, std::vector<float>(static_cast<std::size_t>(width), weight))},
                   {}, out);
}

std::string ModelGraph::conv(const std::string& x, const std::string& prefix, bool transposed, std::int64_t kernel,
                             std::int64_t stride, std::int64_t pad)
{
    return g_.node(transposed ? "ConvTranspose" : "Conv",
                   {x, stateConstant(prefix + ".weight"), stateConstant(prefix + ".bias")},
                   {Attribute::integers("kernel_shape", {kernel, kernel}), Attribute::integers("strides", {stride, stride}),
                    Attribute::integers("pads", {pad, pad, pad, pad})});
}

// The layer indices below are those of the Sequentials in core/models/backbones.cpp, ReLUs and Flatten counted.
std::string ModelGraph::featureEncoder(const std::string& x, const std::string& prefix)
{
    const std::string net = prefix + ".net.";
    if (config_.backbone == Backbone::Conv) {
        std::string h = relu(conv(x, net + "0", false, 4, 2, 1));
        h = relu(conv(h, net + "2", false, 4, 2, 1));
        return linear(flatten(h), net + "5", true);
    }
    std::string h = flatten(x);
    for (std::size_t i = 0; i < config_.hidden.size(); ++i)
        h = linear(h, net + std::to_string(1 + 2 * i), true);
    return h;
}

std::string ModelGraph::flatDecoder(const std::string& code, const std::string& prefix, const std::string& label)
{
    const std::string dense = prefix + ".dense.";
    if (config_.backbone == Backbone::Conv) {
        std::string h = linearOfPair(code, label, dense + "0", true);
        h = linear(h, dense + "2", true);
        const std::int64_t channels = state(prefix + ".deconv.0.weight").size(0);
        h = reshapeSamples(h, {channels, config_.inputShape[1] / 4, config_.inputShape[2] / 4});
        h = relu(conv(h, prefix + ".deconv.0", true, 4, 2, 1));
        return flatten(conv(h, prefix + ".deconv.2", true, 4, 2, 1));
    }
    std::string h = code;
    const std::size_t n = config_.hidden.size();
    for (std::size_t i = 0; i < n; ++i)
        h = linearOfPair(h, i == 0 ? label : std::string(), dense + std::to_string(2 * i), true);
    return linearOfPair(h, n == 0 ? label : std::string(), dense + std::to_string(2 * n), false);
}

std::string ModelGraph::spatialEncoder(const std::string& x, const std::string& prefix)
{
    const std::string net = prefix + ".net.";
    std::string h = relu(conv(x, net + "0", false, 4, 2, 1));
    h = relu(conv(h, net + "2", false, 4, 2, 1));
    return conv(h, net + "4", false, 1, 1, 0);
}

std::string ModelGraph::spatialDecoder(const std::string& grid, const std::string& prefix)
{
    const std::string net = prefix + ".net.";
    std::string h = relu(conv(grid, net + "0", false, 1, 1, 0));
    h = relu(conv(h, net + "2", true, 4, 2, 1));
    return flatten(conv(h, net + "4", true, 4, 2, 1));
}

std::string ModelGraph::oneHot(const std::string& indices, std::int64_t k)
{
    // relu(1 - (i - j)^2) is 1 where j == i and 0 at every other integer j: a one-hot row without OneHot or
    // Equal, from ops every runtime has. The index column is widened to [M, K] by a product with a row of ones,
    // since OpenCV broadcasts a constant only along the last axis.
    const std::string index = g_.node("Cast", {indices}, {Attribute::integer("to", static_cast<std::int64_t>(ElementType::Float))});
    const std::string wide = g_.node("MatMul", {index, floats("ones", {1, k}, std::vector<float>(static_cast<std::size_t>(k), 1.0f))});
    std::vector<float> negativeRange(static_cast<std::size_t>(k));
    for (std::int64_t j = 0; j < k; ++j)
        negativeRange[static_cast<std::size_t>(j)] = -static_cast<float>(j);
    const std::string diff = g_.node("Add", {wide, floats("minus_j", {k}, negativeRange)});
    const std::string square = g_.node("Mul", {diff, diff});
    const std::string ones = floats("one", {k}, std::vector<float>(static_cast<std::size_t>(k), 1.0f));
    return relu(g_.node("Add", {g_.node("Neg", {square}), ones}));
}

std::pair<std::string, std::string> ModelGraph::quantize(const std::string& vectors)
{
    // argmin_k ||v||^2 - 2 v.e_k + ||e_k||^2, as VqVaeImpl::nearestCodes computes it, less ||v||^2, which is
    // the same for every k of a row and so never changes which code is nearest.
    const torch::Tensor codebook = state("codebook").to(torch::kCPU, torch::kFloat32);
    const std::int64_t k = codebook.size(0);
    const std::string minusTwoCodesT = floats("codebook_t_x_minus_2", {codebook.size(1), k}, valuesOf(-2.0 * codebook.t()));
    const std::string squares = floats("codebook_sq", {k}, valuesOf(codebook.pow(2).sum(1)));
    const std::string distance = g_.node("Add", {g_.node("MatMul", {vectors, minusTwoCodesT}), squares});
    const std::string codes = g_.node("ArgMin", {distance}, {Attribute::integer("axis", 1), Attribute::integer("keepdims", 1)});
    const std::string chosen = g_.node("MatMul", {oneHot(codes, k), stateConstant("codebook")});
    return {codes, chosen};
}

} // namespace latentlab::onnx
