// The VQ-VAE on either backbone: the encoder's vectors snap to their nearest codes (LibTorch's ops: the
// distances are [batch * positions, codebook], small beside the layers), the decoder reads the codes, and
// the straight-through gradient carries the decoder's gradient at the codes back to the encoder's vectors,
// plus the commitment term's 2 * commitment * (z_e - e) / batch. The codebook follows its moving averages
// (VqVaeImpl::afterLoss), as in loss(). The MLP's vectors come from a dense head as [batch, positions, dim];
// the conv encoder gives code grids [batch, dim, rows, columns] (NCHW rows), whose positions are the cells.
#include "core/models/fused/family_steps.h"
#include "core/models/fused/linear_heads.h"

namespace latentlab::fused {

class VqVaeStep : public FusedStep {
public:
    static std::unique_ptr<FusedStep> create(VqVaeImpl& model);
    VqVaeStep(VqVaeImpl& model, std::unique_ptr<Block> encoder, std::unique_ptr<Block> decoder)
        : model_(model), encoder_(std::move(encoder)), decoder_(std::move(decoder))
    {
        track(*encoder_);
        if (model.mlpHead_) {
            head_ = std::make_unique<LinearHeads>(std::vector<torch::nn::Linear>{model.mlpHead_});
            track(*head_);
        }
        track(*decoder_);
    }

protected:
    LossTerms run(const torch::Tensor& x, const torch::Tensor&, std::int64_t) override
    {
        const std::int64_t b = x.size(0), positions = model_.positions(), dim = model_.config().codeDim;
        const torch::Tensor h = encoder_->forward(x);
        const torch::Tensor zeRows = head_ ? head_->forward(h) : h; // [b, P * D] in the encoder's order
        const torch::Tensor ze = head_ ? zeRows.view({b, positions, dim}) : zeRows.view({b, dim, positions}).permute({0, 2, 1});
        if (model_.is_training() && model_.initialized_.item<float>() == 0.0f)
            model_.updateCodebook(ze, model_.nearestCodes(ze));
        const torch::Tensor codes = model_.nearestCodes(ze);
        const torch::Tensor codeVectors = model_.codebook_.index_select(0, codes.reshape({-1})).view({b, positions, dim});
        const torch::Tensor e = head_ ? codeVectors.view({b, -1}) : codeVectors.permute({0, 2, 1}).contiguous().view({b, -1});
        const torch::Tensor diff = zeRows - e;
        const double invBatch = 1.0 / static_cast<double>(b);
        const double commit = diff.pow(2).sum().item<double>() * invBatch;
        const torch::Tensor output = decoder_->forward(e);

        const torch::Tensor gradOutput = scratchRows(gradOutput_, b, output.size(1));
        const double recon = reconstructionAndGradient(model_.config().likelihood, output, x, gradOutput);
        const torch::Tensor gradZe = scratchRows(gradZe_, b, zeRows.size(1));
        decoder_->backward(e, gradOutput, gradZe);
        gradZe.add_(diff, 2.0 * model_.config().commitment * invBatch);
        if (head_) {
            const torch::Tensor gradH = scratchRows(gradH_, b, h.size(1));
            head_->backward(h, gradZe, gradH);
            encoder_->backward(x, gradH, torch::Tensor());
        } else {
            encoder_->backward(x, gradZe, torch::Tensor());
        }

        LossTerms out;
        out.terms = {{"recon", scalarTerm(recon)}, {"vq", scalarTerm(commit)}, {"commitment", scalarTerm(commit)}};
        out.total = scalarTerm(recon + model_.config().commitment * commit);
        out.metrics = model_.afterLoss(ze, codes);
        return out;
    }

private:
    VqVaeImpl& model_;
    std::unique_ptr<Block> encoder_, decoder_;
    std::unique_ptr<LinearHeads> head_; // the MLP's; the conv encoder ends in its own 1x1 convolution
    torch::Tensor gradOutput_, gradZe_, gradH_;
};

std::unique_ptr<FusedStep> VqVaeStep::create(VqVaeImpl& model)
{
    if (!model.codebook_.is_cpu())
        return nullptr;
    std::unique_ptr<Block> encoder, decoder;
    if (model.mlpEncoder_) {
        if (!LinearHeads::supports({model.mlpHead_}))
            return nullptr;
        encoder = makeEncoderBlock(*model.mlpEncoder_);
        decoder = makeDecoderBlock(*model.mlpDecoder_);
    } else {
        encoder = makeSpatialEncoderBlock(*model.convEncoder_);
        decoder = makeSpatialDecoderBlock(*model.convDecoder_);
    }
    if (!encoder || !decoder)
        return nullptr;
    return std::make_unique<VqVaeStep>(model, std::move(encoder), std::move(decoder));
}

std::unique_ptr<FusedStep> makeVqVaeStep(VqVaeImpl& model)
{
    return VqVaeStep::create(model);
}

} // namespace latentlab::fused
