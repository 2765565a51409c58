#pragma once
// Blocks in a row as one Block: each block's output is the next one's input, and the gradients between them
// live in buffers of the chain's own (allocated once for the largest batch seen).
#include "core/models/fused/fused_block.h"

#include <memory>

namespace latentlab::fused {

class BlockChain : public Block {
public:
    explicit BlockChain(std::vector<std::unique_ptr<Block>> blocks);

    std::int64_t inWidth() const override;
    std::int64_t outWidth() const override;
    torch::Tensor forward(const torch::Tensor& in) override;
    void backward(const torch::Tensor& in, const torch::Tensor& gradOut, const torch::Tensor& gradIn) override;
    std::vector<ParameterGrad> parameters() override;

    std::size_t size() const { return blocks_.size(); }
    Block& block(std::size_t i) { return *blocks_[i]; }

private:
    std::vector<std::unique_ptr<Block>> blocks_;
    std::vector<torch::Tensor> outputs_; // each block's output from the last forward, but the last block's
    std::vector<torch::Tensor> grads_;   // [maxBatch, width] at those outputs
    std::int64_t maxBatch_ = 0;
};

} // namespace latentlab::fused
