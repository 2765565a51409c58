#pragma once
// Dense layers without an activation that all read the same input (a VAE's mu and logvar, an autoencoder's
// code), as one Block whose output is theirs side by side: [batch, sum of their widths]. One buffer for all
// heads keeps a family's sweeps over (mu, logvar) to one pass over adjacent memory.
#include "core/models/fused/fused_block.h"

namespace latentlab::fused {

class LinearHeads : public Block {
public:
    explicit LinearHeads(std::vector<torch::nn::Linear> heads);
    static bool supports(const std::vector<torch::nn::Linear>& heads);

    std::int64_t inWidth() const override { return heads_.front().weight.size(1); }
    std::int64_t outWidth() const override { return width_; }
    torch::Tensor forward(const torch::Tensor& in) override;
    void backward(const torch::Tensor& in, const torch::Tensor& gradOut, const torch::Tensor& gradIn) override;
    std::vector<ParameterGrad> parameters() override;
    // Head i's columns of a [batch, outWidth()] tensor (an output or its gradient).
    torch::Tensor head(const torch::Tensor& rows, std::size_t i) const;

private:
    struct Head {
        torch::Tensor weight, bias, weightGrad, biasGrad;
        std::int64_t offset = 0;
    };
    std::vector<Head> heads_;
    std::int64_t width_ = 0;
    torch::Tensor out_;
};

} // namespace latentlab::fused
