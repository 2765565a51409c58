#include "core/models/fused/fused_step.h"

#include "core/models/fused/family_steps.h"
#include "core/models/reconstruction_sweep.h"

namespace latentlab::fused {

std::unique_ptr<FusedStep> FusedStep::create(LatentModel& model)
{
    if (auto* vae = dynamic_cast<GaussianVaeImpl*>(&model))
        return makeGaussianVaeStep(*vae);
    if (auto* ae = dynamic_cast<AutoencoderImpl*>(&model))
        return makeAutoencoderStep(*ae);
    if (auto* hvae = dynamic_cast<HierarchicalVaeImpl*>(&model))
        return makeHierarchicalVaeStep(*hvae);
    if (auto* vq = dynamic_cast<VqVaeImpl*>(&model))
        return makeVqVaeStep(*vq);
    return nullptr;
}

void FusedStep::track(Block& block)
{
    for (ParameterGrad& p : block.parameters())
        parameters_.push_back(std::move(p));
}

void FusedStep::track(ParameterGrad parameter)
{
    parameters_.push_back(std::move(parameter));
}

void FusedStep::zeroGradients()
{
    for (const ParameterGrad& p : parameters_)
        p.grad.zero_();
}

LossTerms FusedStep::lossAndGradients(const torch::Tensor& x, const torch::Tensor& y, std::int64_t step)
{
    torch::NoGradGuard noGrad;
    const LossTerms out = run(x.flatten(1).contiguous(), y, step);
    for (const ParameterGrad& p : parameters_)
        p.parameter.mutable_grad() = p.grad;
    return out;
}

} // namespace latentlab::fused

namespace latentlab::fused {

torch::Tensor scratchRows(torch::Tensor& buffer, std::int64_t batch, std::int64_t width)
{
    if (!buffer.defined() || buffer.size(0) < batch || buffer.size(1) != width)
        buffer = torch::empty({batch, width});
    return buffer.narrow(0, 0, batch);
}

double reconstructionAndGradient(Likelihood likelihood, const torch::Tensor& output, const torch::Tensor& x,
                                 const torch::Tensor& grad)
{
    const double invBatch = 1.0 / static_cast<double>(x.size(0));
    return reconstructionSweep(likelihood, output.data_ptr<float>(), x.data_ptr<float>(), grad.data_ptr<float>(),
                               grad.numel(), static_cast<float>(invBatch))
           * invBatch;
}

torch::Tensor scalarTerm(double v)
{
    return torch::scalar_tensor(v, torch::kFloat);
}

} // namespace latentlab::fused
