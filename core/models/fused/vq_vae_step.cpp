// The VQ-VAE on the MLP backbone: the encoder's vectors snap to their nearest codes (LibTorch's ops: the
// distances are [batch * positions, codebook], small beside the layers), the decoder reads the codes, and
// the straight-through gradient carries the decoder's gradient at the codes back to the encoder's vectors,
// plus the commitment term's 2 * commitment * (z_e - e) / batch. The codebook follows its moving averages
// (VqVaeImpl::afterLoss), as in loss().
#include "core/models/fused/family_steps.h"
#include "core/models/fused/linear_heads.h"

namespace latentlab::fused {

class VqVaeStep : public FusedStep {
public:
    static std::unique_ptr<FusedStep> create(VqVaeImpl& model);
    VqVaeStep(VqVaeImpl& model, std::unique_ptr<Block> encoder, std::unique_ptr<Block> decoder)
        : model_(model), encoder_(std::move(encoder)), decoder_(std::move(decoder)), head_({model.mlpHead_})
    {
        track(*encoder_);
        track(head_);
        track(*decoder_);
    }

protected:
    LossTerms run(const torch::Tensor& x, const torch::Tensor&, std::int64_t) override
    {
        const std::int64_t b = x.size(0), positions = model_.positions(), dim = model_.config().codeDim;
        const torch::Tensor h = encoder_->forward(x);
        const torch::Tensor zeRows = head_.forward(h); // [b, P * D]
        const torch::Tensor ze = zeRows.view({b, positions, dim});
        if (model_.is_training() && model_.initialized_.item<float>() == 0.0f)
            model_.updateCodebook(ze, model_.nearestCodes(ze));
        const torch::Tensor codes = model_.nearestCodes(ze);
        const torch::Tensor e = model_.codebook_.index_select(0, codes.reshape({-1})).view({b, -1});
        const torch::Tensor diff = zeRows - e;
        const double invBatch = 1.0 / static_cast<double>(b);
        const double commit = diff.pow(2).sum().item<double>() * invBatch;
        const torch::Tensor output = decoder_->forward(e);

        const torch::Tensor gradOutput = scratchRows(gradOutput_, b, output.size(1));
        const double recon = reconstructionAndGradient(model_.config().likelihood, output, x, gradOutput);
        const torch::Tensor gradZe = scratchRows(gradZe_, b, zeRows.size(1)), gradH = scratchRows(gradH_, b, h.size(1));
        decoder_->backward(e, gradOutput, gradZe);
        gradZe.add_(diff, 2.0 * model_.config().commitment * invBatch);
        head_.backward(h, gradZe, gradH);
        encoder_->backward(x, gradH, torch::Tensor());

        LossTerms out;
        out.terms = {{"recon", scalarTerm(recon)}, {"vq", scalarTerm(commit)}, {"commitment", scalarTerm(commit)}};
        out.total = scalarTerm(recon + model_.config().commitment * commit);
        out.metrics = model_.afterLoss(ze, codes);
        return out;
    }

private:
    VqVaeImpl& model_;
    std::unique_ptr<Block> encoder_, decoder_;
    LinearHeads head_;
    torch::Tensor gradOutput_, gradZe_, gradH_;
};

std::unique_ptr<FusedStep> VqVaeStep::create(VqVaeImpl& model)
{
    if (!model.mlpEncoder_ || !LinearHeads::supports({model.mlpHead_}) || !model.codebook_.is_cpu())
        return nullptr;
    auto encoder = encoderBlock(*model.mlpEncoder_);
    auto decoder = decoderBlock(*model.mlpDecoder_);
    if (!encoder || !decoder)
        return nullptr;
    return std::make_unique<VqVaeStep>(model, std::move(encoder), std::move(decoder));
}

std::unique_ptr<FusedStep> makeVqVaeStep(VqVaeImpl& model)
{
    return VqVaeStep::create(model);
}

} // namespace latentlab::fused
