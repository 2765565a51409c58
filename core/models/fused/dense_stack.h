#pragma once
// Dense layers in a row (an MLP backbone, a family's heads), each but optionally the last followed by a ReLU,
// as a fused Block over LibTorch's own Linear weights: the products through oneDNN (sgemm.h), ReLU's backward
// as a mask in place, buffers allocated once for the largest batch seen.
#include "core/models/fused/fused_block.h"

namespace latentlab::fused {

class DenseStack : public Block {
public:
    // reluAfterLast: the encoder's layers all end in a ReLU, a decoder's last layer gives logits or means.
    DenseStack(std::vector<torch::nn::Linear> layers, bool reluAfterLast);
    // Whether these layers can train fused: float weights on the CPU, biases present.
    static bool supports(const std::vector<torch::nn::Linear>& layers);

    std::int64_t inWidth() const override;
    std::int64_t outWidth() const override;
    torch::Tensor forward(const torch::Tensor& in) override;
    void backward(const torch::Tensor& in, const torch::Tensor& gradOut, const torch::Tensor& gradIn) override;
    std::vector<ParameterGrad> parameters() override;

private:
    struct Layer {
        torch::Tensor weight, bias, weightGrad, biasGrad;
        bool relu = false;
        torch::Tensor out, gradIn; // [maxBatch, out] and [maxBatch, in] (the gradient at this layer's input)
    };
    void allocate(std::int64_t batch);

    std::vector<Layer> layers_;
    std::int64_t maxBatch_ = 0;
};

// ReLU's backward where the forward kept only the ReLU's output: where the output is zero, no gradient.
void maskByRelu(const torch::Tensor& grad, const torch::Tensor& reluOut);
// grad's column sums added to sum ([rows, cols] -> [cols]): a bias's gradient.
void addColumnSums(const torch::Tensor& sum, const torch::Tensor& grad);

} // namespace latentlab::fused
