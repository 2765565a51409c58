#include "core/models/fused_vae_step.h"

#include "core/models/reconstruction_sweep.h"

#include <ATen/Parallel.h>

#include <cmath>

namespace latentlab {
namespace {

// Elementwise sweeps below this size run on the calling thread: waking the pool costs more than they do.
constexpr std::int64_t kGrain = 16384;

bool onCpuInFloat(const torch::nn::Linear& layer)
{
    return layer->weight.is_cpu() && layer->weight.scalar_type() == torch::kFloat && layer->weight.is_contiguous()
           && layer->bias.defined() && layer->bias.is_contiguous();
}

// ReLU's backward where the forward kept only the ReLU's output: a zero output passed no gradient.
void maskByRelu(const torch::Tensor& grad, const torch::Tensor& reluOut)
{
    float* g = grad.data_ptr<float>();
    const float* h = reluOut.data_ptr<float>();
    at::parallel_for(0, grad.numel(), kGrain, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i)
            g[i] = h[i] > 0.0f ? g[i] : 0.0f;
    });
}

torch::Tensor scalar(double v)
{
    return torch::scalar_tensor(v, torch::kFloat);
}

} // namespace

std::unique_ptr<FusedVaeStep> FusedVaeStep::create(LatentModel& model)
{
    auto* vae = dynamic_cast<GaussianVaeImpl*>(&model);
    if (!vae)
        return nullptr;
    std::optional<GaussianVaeImpl::MlpLayers> layers = vae->mlpLayers();
    if (!layers || layers->encoder.empty() || layers->decoder.empty())
        return nullptr;
    for (const auto* group : {&layers->encoder, &layers->decoder})
        for (const auto& l : *group)
            if (!onCpuInFloat(l))
                return nullptr;
    if (!onCpuInFloat(layers->mu) || !onCpuInFloat(layers->logvar))
        return nullptr;
    return std::unique_ptr<FusedVaeStep>(new FusedVaeStep(*vae, std::move(*layers)));
}

FusedVaeStep::FusedVaeStep(GaussianVaeImpl& model, GaussianVaeImpl::MlpLayers layers) : model_(model)
{
    auto wrap = [](const torch::nn::Linear& l) {
        Layer out;
        out.weight = l->weight;
        out.bias = l->bias;
        out.weightGrad = torch::zeros_like(l->weight);
        out.biasGrad = torch::zeros_like(l->bias);
        return out;
    };
    for (const auto& l : layers.encoder)
        encoder_.push_back(wrap(l));
    for (const auto& l : layers.decoder)
        decoder_.push_back(wrap(l));
    mu_ = wrap(layers.mu);
    logvar_ = wrap(layers.logvar);
}

void FusedVaeStep::allocate(std::int64_t batch)
{
    if (batch <= maxBatch_)
        return;
    maxBatch_ = batch;
    auto rows = [batch](std::int64_t width) { return torch::empty({batch, width}); };
    encoderGrads_.clear();
    decoderGrads_.clear();
    for (Layer* l : {&mu_, &logvar_})
        l->out = rows(l->weight.size(0));
    for (auto& l : encoder_) {
        l.out = rows(l.weight.size(0));
        encoderGrads_.push_back(rows(l.weight.size(0)));
    }
    for (auto& l : decoder_) {
        l.out = rows(l.weight.size(0));
        decoderGrads_.push_back(rows(l.weight.size(0)));
    }
    const std::int64_t latent = mu_.weight.size(0);
    eps_ = rows(latent);
    std_ = rows(latent);
    z_ = rows(latent);
    gradMu_ = rows(latent);
    gradLogvar_ = rows(latent);
    gradZ_ = rows(latent);
    const std::int64_t width = decoder_.back().weight.size(0);
    gradLogits_ = rows(width);
}

std::vector<FusedVaeStep::Layer*> FusedVaeStep::allLayers()
{
    std::vector<Layer*> out{&mu_, &logvar_};
    for (auto* group : {&encoder_, &decoder_})
        for (Layer& l : *group)
            out.push_back(&l);
    return out;
}

void FusedVaeStep::zeroGradients()
{
    for (Layer* l : allLayers()) {
        l->weightGrad.zero_();
        l->biasGrad.zero_();
    }
}

void FusedVaeStep::forward(Layer& layer, const torch::Tensor& in, std::int64_t batch, bool relu)
{
    torch::Tensor out = layer.out.narrow(0, 0, batch);
    at::addmm_out(out, layer.bias, in, layer.weight.t());
    if (relu)
        at::relu_(out);
}

void FusedVaeStep::backward(Layer& layer, const torch::Tensor& in, const torch::Tensor& gradOut, torch::Tensor gradIn,
                            bool inputIsRelu)
{
    // beta = 1: OpenBLAS zeroing the output for beta = 0 took 7% of a step, more than the optimizer's sweep
    // takes to leave the gradients zero (AdamOptimizer::Gradients::Zero).
    auto weights = [&] {
        layer.weightGrad.addmm_(gradOut.t(), in);
        layer.biasGrad.add_(gradOut.sum(0));
    };
    auto inputs = [&] {
        at::mm_out(gradIn, gradOut, layer.weight);
        if (inputIsRelu)
            maskByRelu(gradIn, in);
    };
    if (!gradIn.defined()) {
        weights();
        return;
    }
    // On two threads, the two products side by side, each on one thread, beat each split over both threads:
    // OpenBLAS gains about 1.6x from its second thread on these shapes (K = the batch), two at once 1.9x.
    if (at::get_num_threads() == 2 && !at::in_parallel_region()) {
        at::parallel_for(0, 2, 1, [&](std::int64_t begin, std::int64_t end) {
            torch::NoGradGuard noGrad; // grad mode is per thread, and this may be a pool thread
            for (std::int64_t task = begin; task < end; ++task)
                task == 0 ? weights() : inputs();
        });
        return;
    }
    weights();
    inputs();
}

LossTerms FusedVaeStep::lossAndGradients(const torch::Tensor& input, std::int64_t step)
{
    torch::NoGradGuard noGrad;
    const std::int64_t b = input.size(0);
    allocate(b);
    const torch::Tensor x = input.reshape({b, -1}).contiguous();
    const double invBatch = 1.0 / static_cast<double>(b);
    auto rows = [b](const torch::Tensor& t) { return t.narrow(0, 0, b); };

    // Forward: encoder, the two heads, the reparameterized draw, decoder.
    const torch::Tensor* in = &x;
    torch::Tensor h;
    for (auto& l : encoder_) {
        forward(l, *in, b, true);
        h = rows(l.out);
        in = &h;
    }
    forward(mu_, h, b, false);
    forward(logvar_, h, b, false);
    const torch::Tensor mu = rows(mu_.out), logvar = rows(logvar_.out);
    const torch::Tensor eps = rows(eps_), sd = rows(std_), z = rows(z_);
    eps.normal_(); // what randn_like(mu) draws, so the noise matches GaussianVaeImpl::loss step for step
    const std::int64_t latent = mu.size(1), cells = b * latent;
    {
        const float* m = mu.data_ptr<float>();
        const float* lv = logvar.data_ptr<float>();
        const float* e = eps.data_ptr<float>();
        float* s = sd.data_ptr<float>();
        float* zz = z.data_ptr<float>();
        for (std::int64_t i = 0; i < cells; ++i) {
            s[i] = std::exp(0.5f * lv[i]);
            zz[i] = m[i] + e[i] * s[i];
        }
    }
    std::vector<torch::Tensor> decoded;
    decoded.reserve(decoder_.size()); // in points into it
    in = &z;
    for (std::size_t k = 0; k < decoder_.size(); ++k) {
        forward(decoder_[k], *in, b, k + 1 < decoder_.size());
        decoded.push_back(rows(decoder_[k].out));
        in = &decoded.back();
    }

    // The loss and its gradient at the decoder's output.
    const torch::Tensor gradLogits = rows(gradLogits_);
    const double recon = reconstructionSweep(model_.config().likelihood, decoded.back().data_ptr<float>(),
                                             x.data_ptr<float>(), gradLogits.data_ptr<float>(), gradLogits.numel(),
                                             static_cast<float>(invBatch))
                         * invBatch;
    std::vector<double> klDims(static_cast<std::size_t>(latent), 0.0);
    {
        const float* m = mu.data_ptr<float>();
        const float* lv = logvar.data_ptr<float>();
        for (std::int64_t i = 0; i < cells; ++i)
            klDims[static_cast<std::size_t>(i % latent)] += -0.5 * (1.0 + lv[i] - m[i] * m[i] - std::exp(lv[i]));
    }
    double kl = 0.0;
    for (double k : klDims)
        kl += k;
    kl *= invBatch;
    LossTerms out;
    const auto [objective, slope] = model_.klObjectiveAndSlope(kl, step, out);

    // Backward: decoder, the draw and the KL, the heads, encoder.
    for (std::size_t k = decoder_.size(); k-- > 0;) {
        const torch::Tensor& gradOut = k + 1 == decoder_.size() ? gradLogits : rows(decoderGrads_[k]);
        if (k > 0)
            backward(decoder_[k], decoded[k - 1], gradOut, rows(decoderGrads_[k - 1]), true);
        else
            backward(decoder_[k], z, gradOut, rows(gradZ_), false);
    }
    const torch::Tensor gradMu = rows(gradMu_), gradLogvar = rows(gradLogvar_);
    {
        const float* m = mu.data_ptr<float>();
        const float* lv = logvar.data_ptr<float>();
        const float* e = eps.data_ptr<float>();
        const float* s = sd.data_ptr<float>();
        const float* gz = rows(gradZ_).data_ptr<float>();
        float* gm = gradMu.data_ptr<float>();
        float* gl = gradLogvar.data_ptr<float>();
        const auto w = static_cast<float>(slope * invBatch);
        for (std::int64_t i = 0; i < cells; ++i) {
            gm[i] = gz[i] + w * m[i];
            gl[i] = gz[i] * e[i] * 0.5f * s[i] + w * 0.5f * (std::exp(lv[i]) - 1.0f);
        }
    }
    torch::Tensor gradH = rows(encoderGrads_.back());
    backward(mu_, h, gradMu, torch::Tensor(), false);
    backward(logvar_, h, gradLogvar, torch::Tensor(), false);
    at::mm_out(gradH, gradMu, mu_.weight);
    gradH.addmm_(gradLogvar, logvar_.weight);
    maskByRelu(gradH, h);
    for (std::size_t k = encoder_.size(); k-- > 0;) {
        const torch::Tensor gradOut = rows(encoderGrads_[k]);
        if (k > 0)
            backward(encoder_[k], rows(encoder_[k - 1].out), gradOut, rows(encoderGrads_[k - 1]), true);
        else
            backward(encoder_[k], x, gradOut, torch::Tensor(), false);
    }
    for (Layer* l : allLayers()) {
        l->weight.mutable_grad() = l->weightGrad;
        l->bias.mutable_grad() = l->biasGrad;
    }

    out.total = scalar(recon + objective);
    out.terms = {{"recon", scalar(recon)}, {"kl", scalar(kl)}};
    std::vector<float> perDim(klDims.size());
    for (std::size_t i = 0; i < klDims.size(); ++i)
        perDim[i] = static_cast<float>(klDims[i] * invBatch);
    out.klPerDim = torch::tensor(perDim);
    return out;
}

} // namespace latentlab
