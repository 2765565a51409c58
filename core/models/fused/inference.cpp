#include "core/models/fused/inference.h"

#include "core/models/fused/dense_stack.h"
#include "core/models/fused/sgemm.h"

namespace latentlab::fused {

bool canInferFused(const torch::Tensor& x, const std::vector<torch::nn::Linear>& layers)
{
    if (!onCpuInFloat(x) || !DenseStack::supports(layers))
        return false;
    if (!torch::GradMode::is_enabled())
        return true;
    if (x.requires_grad())
        return false;
    for (const auto& l : layers)
        if (l->weight.requires_grad() || l->bias.requires_grad())
            return false;
    return true;
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

} // namespace latentlab::fused
