#include "core/models/fused/block_chain.h"

namespace latentlab::fused {

BlockChain::BlockChain(std::vector<std::unique_ptr<Block>> blocks) : blocks_(std::move(blocks))
{
    TORCH_CHECK(!blocks_.empty(), "BlockChain: no blocks");
    for (std::size_t k = 1; k < blocks_.size(); ++k)
        TORCH_CHECK(blocks_[k - 1]->outWidth() == blocks_[k]->inWidth(), "BlockChain: block ", k - 1, " gives ",
                    blocks_[k - 1]->outWidth(), " values a row, block ", k, " takes ", blocks_[k]->inWidth());
    outputs_.resize(blocks_.size() - 1);
    grads_.resize(blocks_.size() - 1);
}

std::int64_t BlockChain::inWidth() const
{
    return blocks_.front()->inWidth();
}

std::int64_t BlockChain::outWidth() const
{
    return blocks_.back()->outWidth();
}

torch::Tensor BlockChain::forward(const torch::Tensor& in)
{
    torch::Tensor x = in;
    for (std::size_t k = 0; k < blocks_.size(); ++k) {
        x = blocks_[k]->forward(x);
        if (k + 1 < blocks_.size())
            outputs_[k] = x;
    }
    return x;
}

void BlockChain::backward(const torch::Tensor& in, const torch::Tensor& gradOut, const torch::Tensor& gradIn)
{
    const std::int64_t batch = in.size(0);
    if (batch > maxBatch_) {
        maxBatch_ = batch;
        for (std::size_t k = 0; k < grads_.size(); ++k)
            grads_[k] = torch::empty({batch, blocks_[k]->outWidth()});
    }
    torch::Tensor g = gradOut;
    for (std::size_t k = blocks_.size(); k-- > 0;) {
        const torch::Tensor& x = k == 0 ? in : outputs_[k - 1];
        const torch::Tensor next = k == 0 ? gradIn : grads_[k - 1].narrow(0, 0, batch);
        blocks_[k]->backward(x, g, next);
        g = next;
    }
}

std::vector<ParameterGrad> BlockChain::parameters()
{
    std::vector<ParameterGrad> out;
    for (auto& b : blocks_)
        for (ParameterGrad& p : b->parameters())
            out.push_back(std::move(p));
    return out;
}

} // namespace latentlab::fused
