#include "core/models/fused/conv_inference.h"

namespace latentlab::fused {

ConvInference::ConvInference() = default;
ConvInference::~ConvInference() = default;

bool ConvInference::builtFor(const std::vector<ConvLayer>& layers) const
{
    if (!stack_ || builtOver_.size() != 2 * layers.size())
        return false;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const torch::Tensor& w = builtOver_[2 * i];
        const torch::Tensor& b = builtOver_[2 * i + 1];
        // The same tensors (set_data keeps the tensor and swaps its storage, which the stack follows: it reads
        // data_ptr() at every call) of the same shapes.
        if (!w.is_same(layers[i].weight) || !b.is_same(layers[i].bias) || w.sizes() != layers[i].weight.sizes()
            || b.sizes() != layers[i].bias.sizes())
            return false;
    }
    return true;
}

torch::Tensor ConvInference::forward(const torch::Tensor& rows, const std::vector<ConvLayer>& layers,
                                     const std::vector<std::int64_t>& inputShape)
{
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!builtFor(layers)) {
        stack_.reset();
        builtOver_.clear();
        for (const ConvLayer& l : layers) {
            builtOver_.push_back(l.weight);
            builtOver_.push_back(l.bias);
        }
        stack_ = std::make_unique<ConvStack>(layers, inputShape, ConvStack::Use::Inference);
    }
    const std::int64_t n = rows.size(0);
    torch::Tensor out = torch::empty({n, stack_->outWidth()}, rows.options());
    for (std::int64_t begin = 0; begin < n; begin += kChunkRows) {
        const std::int64_t count = std::min(kChunkRows, n - begin);
        out.narrow(0, begin, count).copy_(stack_->forward(rows.narrow(0, begin, count)));
    }
    return out;
}

} // namespace latentlab::fused
