// The hierarchical VAE: q(z1|x) from the encoder, q(z2|z1) through `up`, the learned prior p(z1|z2) through
// `down`, the decoder from z1. Both KL terms' gradients reach z1 and z2 besides the reconstruction's: z1
// feeds the decoder and `up`, z2 feeds `down`.
#include "core/models/fused/dense_stack.h"
#include "core/models/fused/family_steps.h"
#include "core/models/fused/gaussian_sweeps.h"
#include "core/models/fused/linear_heads.h"

namespace latentlab::fused {
namespace {

torch::nn::Linear firstLinear(const torch::nn::Sequential& s)
{
    return torch::nn::Linear(s->ptr<torch::nn::LinearImpl>(0));
}

} // namespace

class HierarchicalVaeStep : public FusedStep {
public:
    static std::unique_ptr<FusedStep> create(HierarchicalVaeImpl& m);
    HierarchicalVaeStep(HierarchicalVaeImpl& m, std::unique_ptr<Block> encoder, std::unique_ptr<Block> decoder)
        : model_(m), encoder_(std::move(encoder)), decoder_(std::move(decoder)), bottom_({m.mu1_, m.logvar1_}),
          up_({firstLinear(m.up_)}, true), top_({m.mu2_, m.logvar2_}), down_({firstLinear(m.down_)}, true),
          prior_({m.priorMu1_, m.priorLogvar1_})
    {
        for (Block* b : std::initializer_list<Block*>{encoder_.get(), &bottom_, &up_, &top_, &down_, &prior_, decoder_.get()})
            track(*b);
    }

protected:
    LossTerms run(const torch::Tensor& x, const torch::Tensor& y, std::int64_t step) override;

private:
    HierarchicalVaeImpl& model_;
    std::unique_ptr<Block> encoder_, decoder_;
    LinearHeads bottom_;
    DenseStack up_;
    LinearHeads top_;
    DenseStack down_;
    LinearHeads prior_;
    torch::Tensor eps1_, sd1_, z1_, eps2_, sd2_, z2_, gradOutput_, gradZ1_, gradZ1Up_, gradZ2_, gradBottom_,
        gradTop_, gradPrior_, gradUp_, gradDown_, gradH_;
};

LossTerms HierarchicalVaeStep::run(const torch::Tensor& x, const torch::Tensor&, std::int64_t step)
{
    const std::int64_t b = x.size(0), d1 = model_.config().bottomLatentDim, d2 = model_.config().latentDim;
    const double invBatch = 1.0 / static_cast<double>(b);

    // Forward in loss()'s order, so the two draws take the same noise.
    const torch::Tensor h = encoder_->forward(x);
    const torch::Tensor q1 = bottom_.forward(h);
    const torch::Tensor mu1 = bottom_.head(q1, 0), logvar1 = bottom_.head(q1, 1);
    const torch::Tensor eps1 = scratchRows(eps1_, b, d1), sd1 = scratchRows(sd1_, b, d1), z1 = scratchRows(z1_, b, d1);
    drawLatent(mu1, logvar1, eps1, sd1, z1);
    const torch::Tensor u = up_.forward(z1);
    const torch::Tensor q2 = top_.forward(u);
    const torch::Tensor mu2 = top_.head(q2, 0), logvar2 = top_.head(q2, 1);
    const torch::Tensor eps2 = scratchRows(eps2_, b, d2), sd2 = scratchRows(sd2_, b, d2), z2 = scratchRows(z2_, b, d2);
    drawLatent(mu2, logvar2, eps2, sd2, z2);
    const torch::Tensor dn = down_.forward(z2);
    const torch::Tensor p1 = prior_.forward(dn);
    const torch::Tensor priorMu1 = prior_.head(p1, 0), priorLogvar1 = prior_.head(p1, 1);
    const torch::Tensor output = decoder_->forward(z1);

    const torch::Tensor gradOutput = scratchRows(gradOutput_, b, output.size(1));
    const double recon = reconstructionAndGradient(model_.config().likelihood, output, x, gradOutput);
    std::vector<double> kl2Dims(static_cast<std::size_t>(d2), 0.0);
    const double kl2 = addStandardKl(mu2, logvar2, kl2Dims) * invBatch;
    const double kl1 = priorKl(mu1, logvar1, priorMu1, priorLogvar1) * invBatch;
    const double kl = kl1 + kl2;
    LossTerms out;
    const auto [objective, slope] = model_.klObjectiveAndSlope(kl, step, out);
    const auto w = static_cast<float>(slope * invBatch);

    // Backward: the decoder's gradient at z1; the prior's KL gradients (which need nothing of z1's) through
    // `down` to z2, then q(z2|z1)'s through `up`, which completes z1's; then q(z1|x) to the encoder.
    const torch::Tensor gradZ1 = scratchRows(gradZ1_, b, d1);
    decoder_->backward(z1, gradOutput, gradZ1);
    const torch::Tensor gradPrior = scratchRows(gradPrior_, b, 2 * d1);
    priorKlBackward(mu1, logvar1, priorMu1, priorLogvar1, w, prior_.head(gradPrior, 0), prior_.head(gradPrior, 1));
    const torch::Tensor gradDown = scratchRows(gradDown_, b, dn.size(1)), gradZ2 = scratchRows(gradZ2_, b, d2);
    prior_.backward(dn, gradPrior, gradDown);
    down_.backward(z2, gradDown, gradZ2);
    const torch::Tensor gradTop = scratchRows(gradTop_, b, 2 * d2);
    standardLatentBackward(gradZ2, mu2, logvar2, eps2, sd2, w, top_.head(gradTop, 0), top_.head(gradTop, 1));
    const torch::Tensor gradU = scratchRows(gradUp_, b, u.size(1)), gradZ1Up = scratchRows(gradZ1Up_, b, d1);
    top_.backward(u, gradTop, gradU);
    up_.backward(z1, gradU, gradZ1Up);
    gradZ1.add_(gradZ1Up);
    const torch::Tensor gradBottom = scratchRows(gradBottom_, b, 2 * d1);
    priorLatentBackward(gradZ1, mu1, logvar1, eps1, sd1, priorMu1, priorLogvar1, w, bottom_.head(gradBottom, 0),
                        bottom_.head(gradBottom, 1));
    const torch::Tensor gradH = scratchRows(gradH_, b, h.size(1));
    bottom_.backward(h, gradBottom, gradH);
    encoder_->backward(x, gradH, torch::Tensor());

    out.total = scalarTerm(recon + objective);
    out.terms = {{"recon", scalarTerm(recon)}, {"kl", scalarTerm(kl)}, {"kl_z1", scalarTerm(kl1)},
                 {"kl_z2", scalarTerm(kl2)}};
    std::vector<float> perDim(kl2Dims.size());
    for (std::size_t i = 0; i < kl2Dims.size(); ++i)
        perDim[i] = static_cast<float>(kl2Dims[i] * invBatch);
    out.klPerDim = torch::tensor(perDim);
    return out;
}

std::unique_ptr<FusedStep> HierarchicalVaeStep::create(HierarchicalVaeImpl& m)
{
    if (!LinearHeads::supports({m.mu1_, m.logvar1_}) || !LinearHeads::supports({m.mu2_, m.logvar2_})
        || !LinearHeads::supports({m.priorMu1_, m.priorLogvar1_}) || !DenseStack::supports({firstLinear(m.up_)})
        || !DenseStack::supports({firstLinear(m.down_)}))
        return nullptr;
    auto encoder = makeEncoderBlock(*m.encoder_);
    auto decoder = makeDecoderBlock(*m.decoder_);
    if (!encoder || !decoder)
        return nullptr;
    return std::make_unique<HierarchicalVaeStep>(m, std::move(encoder), std::move(decoder));
}

std::unique_ptr<FusedStep> makeHierarchicalVaeStep(HierarchicalVaeImpl& m)
{
    return HierarchicalVaeStep::create(m);
}

} // namespace latentlab::fused
