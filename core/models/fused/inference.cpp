#include "core/models/fused/inference.h"

#include "core/models/fused/dense_stack.h"
#include "core/models/fused/sgemm.h"

#include <atomic>

namespace latentlab::fused {
namespace {

std::atomic<bool> inferenceOn{true};
std::atomic<std::uint64_t> inferencePasses{0};

} // namespace

bool canInferWithout(const torch::Tensor& x, const std::vector<torch::Tensor>& parameters)
{
    if (!inferenceOn.load(std::memory_order_relaxed) || !onCpuInFloat(x))
        return false;
    for (const auto& p : parameters)
        if (!onCpuInFloat(p))
            return false;
    if (!torch::GradMode::is_enabled())
        return true;
    if (x.requires_grad())
        return false;
    for (const auto& p : parameters)
        if (p.requires_grad())
            return false;
    return true;
}

bool canInferFused(const torch::Tensor& x, const std::vector<torch::nn::Linear>& layers)
{
    if (!DenseStack::supports(layers))
        return false;
    std::vector<torch::Tensor> parameters;
    for (const auto& l : layers) {
        parameters.push_back(l->weight);
        parameters.push_back(l->bias);
    }
    return canInferWithout(x, parameters);
}

torch::Tensor inferDense(const torch::Tensor& x, const std::vector<torch::nn::Linear>& layers, bool reluAfterLast)
{
    torch::Tensor h = x.flatten(1).contiguous(); // flatten: reshape cannot infer -1 for zero rows
    for (std::size_t i = 0; i < layers.size(); ++i) {
        torch::Tensor out = torch::empty({h.size(0), layers[i]->weight.size(0)}, h.options());
        linearForward(out, h, layers[i]->weight, layers[i]->bias, i + 1 < layers.size() || reluAfterLast);
        h = out;
    }
    return h;
}

void setFusedInference(bool on)
{
    inferenceOn.store(on);
}

bool fusedInferenceOn()
{
    return inferenceOn.load();
}

std::uint64_t fusedInferencePasses()
{
    return inferencePasses.load();
}

void countFusedInferencePass()
{
    inferencePasses.fetch_add(1, std::memory_order_relaxed);
}

} // namespace latentlab::fused
