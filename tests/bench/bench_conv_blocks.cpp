// The conv VAE's layers and backbones at batch 128 on 28x28 images, through the fused blocks (oneDNN's
// convolutions, core/models/fused/conv_layers.h) beside LibTorch's autograd on the same modules: the forward
// alone, and the forward with its backward (parameter gradients, and the input gradient wherever a network
// needs it: everywhere but at the images).
//   build/tests/bench/bench_conv_blocks                 (2 threads, 2 s a figure)
//   build/tests/bench/bench_conv_blocks --threads=1 --seconds=5 --filter=Conv2d
#include "core/models/backbones.h"
#include "core/models/fused/backbone_blocks.h"
#include "core/models/fused/conv_layers.h"
#include "core/models/fused/dense_stack.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

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

// Each step timed alone: on a shared machine the least of many is the figure other jobs disturbed least,
// the median the figure a user would see beside them.
struct Timing {
    double min = 0, median = 0;
};

Timing timeSteps(const std::function<void()>& step, double seconds, int minSteps)
{
    std::vector<double> ms;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i)
        step(); // warm: caches, oneDNN's JIT, LibTorch's allocator
    while (static_cast<int>(ms.size()) < minSteps
           || std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < seconds) {
        const auto t0 = std::chrono::steady_clock::now();
        step();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms.front(), ms[ms.size() / 2]};
}

Timing timeAutograd(Case& c, bool backward, double seconds)
{
    const torch::Tensor x = inputFor(c).requires_grad_(backward && c.inputGrad);
    const torch::Tensor gradOut = torch::randn_like(c.autograd(x));
    return timeSteps(
        [&] {
            const torch::Tensor out = c.autograd(x);
            if (backward) {
                c.module->zero_grad(true);
                if (x.requires_grad())
                    x.mutable_grad().reset();
                out.backward(gradOut);
            }
        },
        seconds, 20);
}

Timing timeFused(Case& c, bool backward, double seconds)
{
    const torch::Tensor x = inputFor(c).reshape({kBatch, -1});
    const torch::Tensor gradOut = torch::randn({kBatch, c.fused->outWidth()});
    const torch::Tensor gradIn = c.inputGrad ? torch::empty({kBatch, c.fused->inWidth()}) : torch::Tensor();
    return timeSteps(
        [&] {
            c.fused->forward(x);
            if (backward)
                c.fused->backward(x, gradOut, gradIn); // its ReLU masks gradOut in place: the same work each time
        },
        seconds, 20);
}

} // namespace

int main(int argc, char** argv)
{
    int threads = 2;
    double seconds = 2.0;
    std::string filter;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--threads=", 0) == 0)
            threads = std::stoi(a.substr(10));
        else if (a.rfind("--seconds=", 0) == 0)
            seconds = std::stod(a.substr(10));
        else if (a.rfind("--filter=", 0) == 0)
            filter = a.substr(9);
    }
    at::set_num_threads(threads);
    // Grad mode stays on: autograd's forward records its graph, as a training step's does.
    const std::vector<std::pair<std::string, Maker>> cases{
        {"Conv2d 1->32, 28->14, ReLU", [] { return convCase(1, 32, 28, false); }},
        {"Conv2d 32->64, 14->7, ReLU", [] { return convCase(32, 64, 14, true); }},
        {"Linear 3136->512, ReLU", [] { return linearCase(3136, 512); }},
        {"Linear 512->3136, ReLU", [] { return linearCase(512, 3136); }},
        {"ConvTranspose2d 64->32, 7->14, ReLU", [] { return deconvCase(64, 32, 7, true); }},
        {"ConvTranspose2d 32->1, 14->28", [] { return deconvCase(32, 1, 14, false); }},
        {"Encoder backbone (conv VAE)", encoderCase},
        {"Decoder backbone (conv VAE)", decoderCase},
    };
    std::printf("batch %lld, %d threads; ms per step, least / median of each step timed alone\n",
                static_cast<long long>(kBatch), threads);
    std::printf("%-38s %21s %21s %21s %21s\n", "", "forward fused", "forward autograd", "fwd+bwd fused",
                "fwd+bwd autograd");
    for (const auto& [name, make] : cases) {
        if (!filter.empty() && name.find(filter) == std::string::npos)
            continue;
        torch::manual_seed(0);
        Case c = make();
        std::printf("%-38s", name.c_str());
        for (const bool backward : {false, true})
            for (const bool fused : {true, false}) {
                const Timing t = fused ? timeFused(c, backward, seconds) : timeAutograd(c, backward, seconds);
                std::printf("  %8.2f / %8.2f  ", t.min, t.median);
                std::fflush(stdout);
            }
        std::printf("\n");
    }
    return 0;
}
