// The plain autoencoder: encoder, code, decoder, the reconstruction alone; the running moments of the codes
// (what sample() draws from) move as AutoencoderImpl::loss moves them.
#include "core/models/fused/family_steps.h"
#include "core/models/fused/linear_heads.h"

namespace latentlab::fused {

class AutoencoderStep : public FusedStep {
public:
    static std::unique_ptr<FusedStep> create(AutoencoderImpl& model);
    AutoencoderStep(AutoencoderImpl& model, std::unique_ptr<Block> encoder, std::unique_ptr<Block> decoder)
        : model_(model), encoder_(std::move(encoder)), decoder_(std::move(decoder)), head_({model.head_})
    {
        track(*encoder_);
        track(head_);
        track(*decoder_);
    }

protected:
    LossTerms run(const torch::Tensor& x, const torch::Tensor&, std::int64_t) override
    {
        const std::int64_t b = x.size(0);
        const torch::Tensor h = encoder_->forward(x);
        const torch::Tensor z = head_.forward(h);
        const torch::Tensor output = decoder_->forward(z);
        const torch::Tensor gradOutput = scratchRows(gradOutput_, b, output.size(1));
        const double recon = reconstructionAndGradient(model_.config().likelihood, output, x, gradOutput);
        const torch::Tensor gradZ = scratchRows(gradZ_, b, z.size(1)), gradH = scratchRows(gradH_, b, h.size(1));
        decoder_->backward(z, gradOutput, gradZ);
        head_.backward(h, gradZ, gradH);
        encoder_->backward(x, gradH, torch::Tensor());
        model_.updateCodeStatistics(z);
        LossTerms out;
        out.terms = {{"recon", scalarTerm(recon)}};
        out.total = out.terms.front().second;
        return out;
    }

private:
    AutoencoderImpl& model_;
    std::unique_ptr<Block> encoder_, decoder_;
    LinearHeads head_;
    torch::Tensor gradOutput_, gradZ_, gradH_;
};

std::unique_ptr<FusedStep> AutoencoderStep::create(AutoencoderImpl& model)
{
    if (!LinearHeads::supports({model.head_}))
        return nullptr;
    auto encoder = encoderBlock(*model.encoder_);
    auto decoder = decoderBlock(*model.decoder_);
    if (!encoder || !decoder)
        return nullptr;
    return std::make_unique<AutoencoderStep>(model, std::move(encoder), std::move(decoder));
}

std::unique_ptr<FusedStep> makeAutoencoderStep(AutoencoderImpl& model)
{
    return AutoencoderStep::create(model);
}

} // namespace latentlab::fused
