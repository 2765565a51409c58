#pragma once
// The layers of core/models as ONNX nodes: each reads its weights from the model's state by the names
// core/models registers (encoder.net.1.weight, decoder.deconv.0.bias, ...), so the graph is the model's own
// arithmetic, layer for layer. Every tensor in the graph has the batch first; flat rows are [N, values].
#include "core/export/onnx_graph.h"
#include "core/models/model_config.h"

#include <torch/torch.h>

#include <map>
#include <string>

namespace latentlab::onnx {

class ModelGraph {
public:
    ModelGraph(Graph& graph, const ModelConfig& config, std::map<std::string, torch::Tensor> state);

    Graph& graph() { return g_; }
    const ModelConfig& config() const { return config_; }
    // The named state tensor (a BadInputError naming it where the model has none: not a LatentLab model).
    const torch::Tensor& state(const std::string& name) const;
    // A constant holding a state tensor's values (float32), with its shape or the given one.
    std::string stateConstant(const std::string& name);
    std::string floats(const std::string& hint, std::vector<std::int64_t> dims, const std::vector<float>& values);
    std::string scalar(float value); // a one-element [1] constant, broadcast by elementwise ops

    std::string linear(const std::string& x, const std::string& prefix, bool relu, const std::string& out = {});
    // The same layer applied to [a, b] side by side (a's width first), as two products added: Concat of a
    // computed tensor with an input is beyond OpenCV 4.6's shape inference. b empty: linear(a).
    std::string linearOfPair(const std::string& a, const std::string& b, const std::string& prefix, bool relu,
                             const std::string& out = {});
    std::string relu(const std::string& x);
    std::string flatten(const std::string& x, const std::string& out = {});
    // Rows regrouped: [-1, dims...] (the VQ-VAE's positions to rows and back).
    std::string reshape(const std::string& x, const std::vector<std::int64_t>& dims, const std::string& out = {});
    // Each sample reshaped, the batch kept: [0, dims...], so shape inference (onnx's, OpenCV's) still knows
    // the batch is N; with -1 it loses it and OpenCV 4.6 then refuses to multiply that tensor with the input.
    std::string reshapeSamples(const std::string& x, const std::vector<std::int64_t>& dims, const std::string& out = {});
    // Sum over the last axis of [N, K]: [N, 1] (times a weight), by MatMul with a column.
    std::string rowSum(const std::string& x, std::int64_t width, float weight = 1.0f, const std::string& out = {});

    // The backbones of core/models/backbones.h: x [N, ...input] -> features [N, F]; code [N, C] -> flat [N, values].
    std::string featureEncoder(const std::string& x, const std::string& prefix);
    // label (optional): one-hot rows appended to the code, as the conditional VAE's decoder takes them.
    std::string flatDecoder(const std::string& code, const std::string& prefix, const std::string& label = {});
    // Conv VQ-VAE: x -> grid [N, D, H/4, W/4]; grid -> flat [N, values].
    std::string spatialEncoder(const std::string& x, const std::string& prefix);
    std::string spatialDecoder(const std::string& grid, const std::string& prefix);

    // VQ-VAE: vectors [M, D] -> (nearest code per row [M, 1] int64, that code's vector [M, D]).
    std::pair<std::string, std::string> quantize(const std::string& vectors);
    // Index rows [M, 1] (int64) -> one-hot rows [M, K] (float).
    std::string oneHot(const std::string& indices, std::int64_t k);

private:
    std::string conv(const std::string& x, const std::string& prefix, bool transposed, std::int64_t kernel,
                     std::int64_t stride, std::int64_t pad);

    Graph& g_;
    ModelConfig config_;
    std::map<std::string, torch::Tensor> state_;
};

// Every parameter and buffer of a module by its dotted name: what torch's state_dict() holds.
std::map<std::string, torch::Tensor> namedState(const torch::nn::Module& module);

} // namespace latentlab::onnx
