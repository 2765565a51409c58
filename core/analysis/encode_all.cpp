#include "analysis/encode_all.h"

#include "analysis/evaluation.h"

#include <torch/torch.h>

namespace latentlab {

torch::Tensor encodeAll(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                        LatentChoice choice, std::int64_t batchSize)
{
    torch::NoGradGuard noGrad;
    const bool wasTraining = model.is_training();
    model.eval();
    torch::Device device = torch::kCPU;
    for (const auto& p : model.parameters()) {
        device = p.device();
        break;
    }
    torch::Tensor out = torch::empty({static_cast<std::int64_t>(indices.size()), model.latentDim()});
    std::vector<std::int64_t> idx;
    const auto chunk = static_cast<std::size_t>(std::max<std::int64_t>(1, batchSize));
    for (std::size_t i = 0; i < indices.size(); i += chunk) {
        idx.assign(indices.begin() + static_cast<std::ptrdiff_t>(i),
                   indices.begin() + static_cast<std::ptrdiff_t>(std::min(indices.size(), i + chunk)));
        torch::Tensor y = modelLabels(model, data, idx);
        if (y.defined())
            y = y.to(device);
        const Encoding enc = model.encode(data.batch(idx).to(device), y);
        const torch::Tensor z = choice == LatentChoice::Mean && enc.mu.defined() ? enc.mu : enc.z;
        out.narrow(0, static_cast<std::int64_t>(i), static_cast<std::int64_t>(idx.size()))
            .copy_(z.reshape({static_cast<std::int64_t>(idx.size()), -1}));
    }
    model.train(wasTraining);
    return out;
}

} // namespace latentlab
