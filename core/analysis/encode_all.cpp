#include "core/analysis/encode_all.h"

#include "core/analysis/evaluation.h"
#include "core/analysis/inference_scope.h"
#include "core/util/errors.h"

#include <torch/torch.h>

#include <algorithm>

namespace latentlab {
namespace {


std::string describe(const LatentModel& model, const EncodeOptions& o, std::size_t layers)
{
    std::string what;
    if (o.layer >= 0 && layers > 1)
        what = "layer " + std::to_string(o.layer) + (o.layer == 0 ? " (bottom) " : " ");
    else if (layers > 1)
        what = "top layer ";
    if (model.kind() == ModelKind::VqVae)
        return what + (o.choice == LatentChoice::Mean ? "pre-quantization vectors" : "quantized vectors");
    if (!model.hasLogvar())
        return what + "z";
    return what + (o.choice == LatentChoice::Mean ? "mu" : "z (posterior draw)");
}

// Encodes rows [begin, begin + rows) of the selection; the chosen latent [rows, d] and the codes (or undefined).
std::pair<torch::Tensor, torch::Tensor> encodeBatch(LatentModel& model, const Dataset& data,
                                                    const std::vector<std::int64_t>& indices, std::int64_t begin,
                                                    std::int64_t rows, const EncodeOptions& o, torch::Device device)
{
    const std::vector<std::int64_t> idx(indices.begin() + begin, indices.begin() + begin + rows);
    torch::Tensor y = modelLabels(model, data, idx);
    if (y.defined())
        y = y.to(device);
    const Encoding enc = model.encode(data.batch(idx).to(device), y);
    if (o.layer >= static_cast<int>(enc.layers.size()) || o.layer < -1)
        throw BadInputError("latent layer " + std::to_string(o.layer) + " does not exist: the model has "
                            + std::to_string(enc.layers.size()) + " layer(s), numbered from 0 (bottom)");
    const auto layer = static_cast<std::size_t>(o.layer);
    const torch::Tensor& mu = o.layer < 0 ? enc.mu : enc.layers[layer].mu;
    const torch::Tensor& logvar = o.layer < 0 ? enc.logvar : enc.layers[layer].logvar;
    const torch::Tensor& z = o.layer < 0 ? enc.z : enc.layers[layer].z;
    // In eval mode a VAE's z is its mean, so a posterior draw is made here from mu and logvar.
    const torch::Tensor chosen = o.choice == LatentChoice::Mean && mu.defined() ? mu
                                 : logvar.defined()                             ? reparameterize(mu, logvar)
                                                                                 : z;
    // flatten, not reshape({rows, -1}): an empty batch must keep its width.
    return {chosen.flatten(1).to(torch::kCPU, torch::kFloat32).contiguous(),
            enc.codes.defined() ? enc.codes.flatten(1).to(torch::kCPU, torch::kInt64).contiguous()
                                : torch::Tensor()};
}

} // namespace

EncodedSet encodeDataset(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                         const EncodeOptions& options, const AnalysisControl* control)
{
    const auto n = static_cast<std::int64_t>(indices.size());
    const torch::Device device = modelDevice(model);
    const std::int64_t chunk = std::max<std::int64_t>(1, options.batchSize);
    const std::int64_t batches = (n + chunk - 1) / chunk;
    const InferenceScope evalMode(model);
    EncodedSet out;
    out.layer = options.layer;

    // The first batch, on this thread, says how wide the result is. An empty selection still runs an empty
    // batch, so the result has the model's width.
    std::pair<torch::Tensor, torch::Tensor> first;
    if (control && control->cancelled())
        throw AnalysisCancelled{};
    {
        c10::InferenceMode inference;
        first = encodeBatch(model, data, indices, 0, std::min(chunk, n), options, device);
    }
    // Allocated outside InferenceMode: the caller gets ordinary tensors it may modify in place.
    out.latents = torch::empty({n, first.first.size(1)});
    if (first.second.defined())
        out.codes = torch::empty({n, first.second.size(1)}, torch::kInt64);
    out.what = describe(model, options, model.kind() == ModelKind::HierarchicalVae ? 2 : 1);
    auto store = [&](std::int64_t b, const std::pair<torch::Tensor, torch::Tensor>& e) {
        std::copy_n(e.first.data_ptr<float>(), e.first.numel(),
                    out.latents.data_ptr<float>() + b * chunk * out.latents.size(1));
        if (out.codes.defined())
            std::copy_n(e.second.data_ptr<std::int64_t>(), e.second.numel(),
                        out.codes.data_ptr<std::int64_t>() + b * chunk * out.codes.size(1));
    };
    store(0, first);
    if (control)
        control->report(batches > 0 ? 1.0 / static_cast<double>(batches) : 1.0, "encoding");

    // The other batches, in order. LibTorch parallelises inside each (the caller's thread count): with 1000
    // rows a batch the matrix products dominate and OpenBLAS keeps both cores busy.
    c10::InferenceMode inference;
    for (std::int64_t b = 1; b < batches; ++b) {
        if (control && control->cancelled())
            throw AnalysisCancelled{};
        store(b, encodeBatch(model, data, indices, b * chunk, std::min(chunk, n - b * chunk), options, device));
        if (control)
            control->report(static_cast<double>(b + 1) / static_cast<double>(batches), "encoding");
    }
    return out;
}

torch::Tensor encodeAll(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                        LatentChoice choice, std::int64_t batchSize)
{
    EncodeOptions o;
    o.choice = choice;
    o.batchSize = batchSize;
    return encodeDataset(model, data, indices, o).latents;
}

} // namespace latentlab
