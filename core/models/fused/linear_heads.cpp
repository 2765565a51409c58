#include "core/models/fused/linear_heads.h"

#include "core/models/fused/dense_stack.h"
#include "core/models/fused/sgemm.h"

namespace latentlab::fused {

LinearHeads::LinearHeads(std::vector<torch::nn::Linear> heads)
{
    for (const auto& l : heads) {
        Head h{l->weight, l->bias, torch::zeros_like(l->weight), torch::zeros_like(l->bias), width_};
        width_ += l->weight.size(0);
        heads_.push_back(std::move(h));
    }
}

bool LinearHeads::supports(const std::vector<torch::nn::Linear>& heads)
{
    if (!DenseStack::supports(heads))
        return false;
    for (const auto& l : heads)
        if (l->weight.size(1) != heads.front()->weight.size(1))
            return false;
    return true;
}

torch::Tensor LinearHeads::head(const torch::Tensor& rows, std::size_t i) const
{
    return rows.narrow(1, heads_[i].offset, heads_[i].weight.size(0));
}

torch::Tensor LinearHeads::forward(const torch::Tensor& in)
{
    const std::int64_t b = in.size(0);
    if (!out_.defined() || out_.size(0) < b)
        out_ = torch::empty({b, width_});
    const torch::Tensor out = out_.narrow(0, 0, b);
    for (std::size_t i = 0; i < heads_.size(); ++i)
        linearForward(head(out, i), in, heads_[i].weight, heads_[i].bias, false);
    return out;
}

void LinearHeads::backward(const torch::Tensor& in, const torch::Tensor& gradOut, const torch::Tensor& gradIn)
{
    for (std::size_t i = 0; i < heads_.size(); ++i) {
        const torch::Tensor g = head(gradOut, i);
        matmul(heads_[i].weightGrad, g.t(), in, 1.0f);
        addColumnSums(heads_[i].biasGrad, g);
        if (gradIn.defined())
            matmul(gradIn, g, heads_[i].weight, i == 0 ? 0.0f : 1.0f);
    }
}

std::vector<ParameterGrad> LinearHeads::parameters()
{
    std::vector<ParameterGrad> out;
    for (Head& h : heads_) {
        out.push_back({h.weight, h.weightGrad});
        out.push_back({h.bias, h.biasGrad});
    }
    return out;
}

} // namespace latentlab::fused
