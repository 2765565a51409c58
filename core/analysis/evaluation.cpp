#include "core/analysis/evaluation.h"

#include "core/analysis/inference_scope.h"

#include "core/util/errors.h"

#include <torch/torch.h>

namespace latentlab {

torch::Tensor modelLabels(const LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices)
{
    if (model.kind() != ModelKind::ConditionalVae)
        return {};
    if (!data.hasLabels())
        throw BadInputError("a conditional VAE needs labelled data, and " + data.source + " has no labels");
    if (data.numClasses() != model.config().numClasses)
        throw ModelMismatchError("the model is conditioned on " + std::to_string(model.config().numClasses)
                                 + " classes but " + data.source + " has " + std::to_string(data.numClasses()));
    return data.labelBatch(indices);
}

ModelEvaluation evaluateModel(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                              std::int64_t step, std::int64_t batchSize)
{
    ModelEvaluation out;
    if (indices.empty())
        return out;
    const InferenceScope evalMode(model);
    const torch::Device device = modelDevice(model);
    auto addTo = [](TermValues& sums, const std::string& name, double value) {
        for (auto& s : sums)
            if (s.first == name) {
                s.second += value;
                return;
            }
        sums.emplace_back(name, value);
    };
    torch::Tensor klSum;
    double count = 0.0, sqErr = 0.0;
    std::vector<std::int64_t> idx;
    const auto chunk = static_cast<std::size_t>(std::max<std::int64_t>(1, batchSize));
    for (std::size_t i = 0; i < indices.size(); i += chunk) {
        idx.assign(indices.begin() + static_cast<std::ptrdiff_t>(i),
                   indices.begin() + static_cast<std::ptrdiff_t>(std::min(indices.size(), i + chunk)));
        const torch::Tensor x = data.batch(idx).to(device);
        torch::Tensor y = modelLabels(model, data, idx);
        if (y.defined())
            y = y.to(device);
        const LossTerms loss = model.loss(x, y, step);
        const auto n = static_cast<double>(idx.size());
        addTo(out.terms, "total", loss.total.item<double>() * n);
        for (const auto& [name, t] : loss.terms)
            addTo(out.terms, name, t.item<double>() * n);
        for (const auto& [name, v] : loss.metrics)
            addTo(out.metrics, name, v * n);
        if (loss.klPerDim.defined())
            klSum = klSum.defined() ? klSum + loss.klPerDim * n : loss.klPerDim * n;
        const Encoding enc = model.encode(x, y);
        sqErr += (model.decode(enc.mu.defined() ? enc.mu : enc.z, y).reconstruction - x).pow(2).sum().item<double>();
        count += n;
    }
    for (auto& t : out.terms)
        t.second /= count;
    for (auto& m : out.metrics)
        m.second /= count;
    out.samples = static_cast<std::int64_t>(count);
    out.mse = sqErr / (count * static_cast<double>(data.sampleNumel()));
    if (klSum.defined()) {
        const torch::Tensor k = (klSum / count).to(torch::kCPU, torch::kDouble).contiguous();
        out.klPerDim.assign(k.data_ptr<double>(), k.data_ptr<double>() + k.numel());
    }
    double recon = 0.0;
    for (const auto& [name, v] : out.terms) {
        if (name == "recon")
            recon = v;
        if (name == "kl") {
            out.hasKl = true;
            out.negElbo = v;
        }
    }
    out.negElbo += recon;
    return out;
}

} // namespace latentlab
