// The conv VAE's layers and backbones at batch 128 on 28x28 images, through the fused blocks (oneDNN's
// convolutions, core/models/fused/conv_layers.h) beside LibTorch's autograd on the same modules: the forward
// alone, and the forward with its backward (parameter gradients, and the input gradient wherever a network
// needs it: everywhere but at the images).
//   build/tests/bench/bench_conv_blocks                 (2 threads, as the Trainer's figures)
//   build/tests/bench/bench_conv_blocks --threads=1 --benchmark_filter=Conv2
#include "core/models/backbones.h"
#include "core/models/fused/backbone_blocks.h"
#include "core/models/fused/conv_layers.h"
#include "core/models/fused/dense_stack.h"

#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include <cstring>
#include <functional>
#include <string>

namespace {

using namespace latentlab;
using namespace latentlab::fused;

constexpr std::int64_t kBatch = 128;

// One layer or backbone: a module for autograd, the fused block over the same parameters, and its input.
struct Case {
    std::shared_ptr<torch::nn::Module> module;
    std::function<torch::Tensor(const torch::Tensor&)> autograd;
    std::unique_ptr<Block> fused;
    std::vector<std::int64_t> inShape; // one sample
    bool inputGrad = true;
};

using Maker = std::function<Case()>;

Case convCase(std::int64_t in, std::int64_t out, std::int64_t side, bool inputGrad)
{
    torch::nn::Conv2d conv(torch::nn::Conv2dOptions(in, out, 4).stride(2).padding(1));
    Case c;
    c.module = conv.ptr();
    c.autograd = [conv](const torch::Tensor& x) mutable { return torch::relu(conv(x)); };
    c.fused = std::make_unique<ConvStack>(std::vector<ConvLayer>{ConvLayer::conv(conv, true)},
                                          std::vector<std::int64_t>{in, side, side});
    c.inShape = {in, side, side};
    c.inputGrad = inputGrad;
    return c;
}

Case deconvCase(std::int64_t in, std::int64_t out, std::int64_t side, bool relu)
{
    torch::nn::ConvTranspose2d deconv(torch::nn::ConvTranspose2dOptions(in, out, 4).stride(2).padding(1));
    Case c;
    c.module = deconv.ptr();
    c.autograd = [deconv, relu](const torch::Tensor& x) mutable {
        return relu ? torch::relu(deconv(x)) : deconv(x);
    };
    c.fused = std::make_unique<ConvStack>(std::vector<ConvLayer>{ConvLayer::deconv(deconv, relu)},
                                          std::vector<std::int64_t>{in, side, side});
    c.inShape = {in, side, side};
    return c;
}

Case linearCase(std::int64_t in, std::int64_t out)
{
    torch::nn::Linear linear(in, out);
    Case c;
    c.module = linear.ptr();
    c.autograd = [linear](const torch::Tensor& x) mutable { return torch::relu(linear(x)); };
    c.fused = std::make_unique<DenseStack>(std::vector<torch::nn::Linear>{linear}, true);
    c.inShape = {in};
    return c;
}

// The conv VAE's backbones as makeModel builds them: 28x28x1, 64 channels, a 512-wide dense layer, 32 latents.
BackboneOptions convVaeOptions()
{
    return BackboneOptions({1, 28, 28}, {512, 512}).conv(true);
}

Case encoderCase()
{
    FeatureEncoder encoder(convVaeOptions());
    Case c;
    c.module = encoder.ptr();
    c.autograd = [encoder](const torch::Tensor& x) mutable { return encoder->forward(x); };
    c.fused = makeEncoderBlock(*encoder);
    c.inShape = {1, 28, 28};
    c.inputGrad = false;
    return c;
}

Case decoderCase()
{
    FlatDecoder decoder(convVaeOptions(), 32);
    Case c;
    c.module = decoder.ptr();
    c.autograd = [decoder](const torch::Tensor& z) mutable { return decoder->forward(z); };
    c.fused = makeDecoderBlock(*decoder);
    c.inShape = {32};
    return c;
}

torch::Tensor inputFor(const Case& c)
{
    std::vector<std::int64_t> shape{kBatch};
    shape.insert(shape.end(), c.inShape.begin(), c.inShape.end());
    return torch::rand(shape);
}

void runAutograd(benchmark::State& state, const Maker& make, bool backward)
{
    torch::manual_seed(0);
    Case c = make();
    const torch::Tensor x = inputFor(c).requires_grad_(backward && c.inputGrad);
    const torch::Tensor gradOut = torch::randn_like(c.autograd(x));
    for (auto _ : state) {
        const torch::Tensor out = c.autograd(x);
        if (backward) {
            c.module->zero_grad(true);
            if (x.requires_grad())
                x.mutable_grad().reset();
            out.backward(gradOut);
        }
        benchmark::DoNotOptimize(out.data_ptr());
    }
    state.SetItemsProcessed(state.iterations() * kBatch);
}

void runFused(benchmark::State& state, const Maker& make, bool backward)
{
    torch::manual_seed(0);
    Case c = make();
    const torch::Tensor x = inputFor(c).reshape({kBatch, -1});
    const torch::Tensor gradOut = torch::randn({kBatch, c.fused->outWidth()});
    const torch::Tensor gradIn = c.inputGrad ? torch::empty({kBatch, c.fused->inWidth()}) : torch::Tensor();
    c.fused->forward(x); // the primitives are made once per batch size, not per step
    for (auto _ : state) {
        const torch::Tensor out = c.fused->forward(x);
        if (backward)
            c.fused->backward(x, gradOut, gradIn); // gradOut's ReLU masking in place costs what it costs
        benchmark::DoNotOptimize(out.data_ptr());
    }
    state.SetItemsProcessed(state.iterations() * kBatch);
}

void registerCase(const std::string& name, const Maker& make)
{
    for (const bool backward : {false, true})
        for (const bool fused : {true, false}) {
            const std::string full = name + (backward ? "/ForwardBackward" : "/Forward") + (fused ? "/Fused" : "/Autograd");
            benchmark::RegisterBenchmark(full.c_str(),
                                         [make, backward, fused](benchmark::State& s) {
                                             fused ? runFused(s, make, backward) : runAutograd(s, make, backward);
                                         })
                ->Unit(benchmark::kMillisecond)
                ->MinTime(1.0);
        }
}

} // namespace

int main(int argc, char** argv)
{
    int threads = 2;
    for (int i = 1; i < argc; ++i)
        if (std::strncmp(argv[i], "--threads=", 10) == 0)
            threads = std::atoi(argv[i] + 10);
    at::set_num_threads(threads);
    // Grad mode stays on: autograd's forward records its graph, as a training step's does.

    registerCase("Conv1_1to32_28", [] { return convCase(1, 32, 28, false); });
    registerCase("Conv2_32to64_14", [] { return convCase(32, 64, 14, true); });
    registerCase("Linear_3136to512", [] { return linearCase(3136, 512); });
    registerCase("Linear_512to3136", [] { return linearCase(512, 3136); });
    registerCase("Deconv1_64to32_7", [] { return deconvCase(64, 32, 7, true); });
    registerCase("Deconv2_32to1_14", [] { return deconvCase(32, 1, 14, false); });
    registerCase("EncoderBlock", encoderCase);
    registerCase("DecoderBlock", decoderCase);

    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
