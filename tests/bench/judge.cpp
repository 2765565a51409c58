#include "tests/bench/judge.h"

#include "tests/bench/bench_clock.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace latentlab::bench {

JudgeImpl::JudgeImpl()
    : conv1(register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 32, 3)))),
      conv2(register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 64, 3)))),
      fc1(register_module("fc1", torch::nn::Linear(64 * 5 * 5, 128))),
      fc2(register_module("fc2", torch::nn::Linear(128, 10)))
{
}

torch::Tensor JudgeImpl::forward(const torch::Tensor& x)
{
    torch::Tensor h = torch::max_pool2d(torch::relu(conv1->forward(x)), 2);
    h = torch::max_pool2d(torch::relu(conv2->forward(h)), 2);
    h = torch::relu(fc1->forward(h.flatten(1)));
    return fc2->forward(h);
}

// Each image [N, 1, H, W] blurred by a Gaussian of its own width, drawn uniformly from [0.5, 1.5] pixels: a
// depthwise 7x7 convolution per image, its kernel normalised, the border reflected.
torch::Tensor blurred(const torch::Tensor& images, std::mt19937_64& rng)
{
    std::uniform_real_distribution<double> width(0.5, 1.5);
    const torch::Tensor offsets = torch::arange(-3, 4, torch::kFloat32);
    std::vector<torch::Tensor> kernels;
    for (std::int64_t i = 0; i < images.size(0); ++i) {
        const double s = width(rng);
        const torch::Tensor g = (-offsets.pow(2) / (2.0 * s * s)).exp();
        const torch::Tensor k = g.unsqueeze(1) * g.unsqueeze(0);
        kernels.push_back((k / k.sum()).unsqueeze(0));
    }
    const torch::Tensor weight = torch::stack(kernels); // [N, 1, 7, 7]
    const torch::Tensor padded = torch::reflection_pad2d(images.reshape({1, images.size(0), images.size(2), images.size(3)}), {3, 3, 3, 3});
    namespace F = torch::nn::functional;
    return F::conv2d(padded, weight, F::Conv2dFuncOptions().groups(images.size(0))).reshape(images.sizes());
}

// Predicted class of each image [N, 1, 28, 28], in batches, without autograd.
torch::Tensor classify(Judge& judge, const torch::Tensor& images)
{
    torch::NoGradGuard noGrad;
    judge->eval();
    std::vector<torch::Tensor> out;
    for (std::int64_t s = 0; s < images.size(0); s += 1000)
        out.push_back(judge->forward(images.slice(0, s, std::min(images.size(0), s + 1000))).argmax(1));
    return torch::cat(out);
}

torch::Tensor confidence(Judge& judge, const torch::Tensor& images)
{
    torch::NoGradGuard noGrad;
    judge->eval();
    std::vector<torch::Tensor> out;
    for (std::int64_t s = 0; s < images.size(0); s += 1000)
        out.push_back(torch::softmax(judge->forward(images.slice(0, s, std::min(images.size(0), s + 1000))), 1)
                          .amax(1));
    return torch::cat(out);
}

double accuracy(Judge& judge, const Dataset& ds, const std::vector<std::int64_t>& indices)
{
    const torch::Tensor predicted = classify(judge, ds.batch(indices));
    return predicted.eq(ds.labelBatch(indices)).to(torch::kFloat64).mean().item<double>();
}

Judge trainOrLoadJudge(const Dataset& ds, const std::string& cache, std::int64_t epochs, bool blur)
{
    Judge judge;
    const auto& train = ds.split().train;
    const auto& test = ds.split().validation;
    if (!cache.empty() && std::filesystem::exists(cache)) {
        torch::load(judge, cache);
        std::printf("judge: loaded %s; test accuracy %.4f\n", cache.c_str(), accuracy(judge, ds, test));
        return judge;
    }
    const auto start = Clock::now();
    torch::manual_seed(0);
    torch::optim::Adam adam(judge->parameters(), torch::optim::AdamOptions(1e-3));
    std::mt19937_64 rng(0);
    std::vector<std::int64_t> order = train;
    std::mt19937_64 blurRng(1);
    for (std::int64_t epoch = 0; epoch < epochs; ++epoch) {
        judge->train();
        std::shuffle(order.begin(), order.end(), rng);
        double lossSum = 0.0;
        std::int64_t batches = 0;
        for (std::size_t s = 0; s < order.size(); s += 128) {
            const std::vector<std::int64_t> idx(order.begin() + static_cast<std::ptrdiff_t>(s),
                                                order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), s + 128)));
            adam.zero_grad();
            torch::Tensor images = ds.batch(idx);
            if (blur && (s / 128) % 2 == 1)
                images = blurred(images, blurRng);
            const torch::Tensor loss = torch::cross_entropy_loss(judge->forward(images), ds.labelBatch(idx));
            loss.backward();
            adam.step();
            lossSum += loss.item<double>();
            ++batches;
        }
        std::printf("judge: epoch %lld/%lld, train cross-entropy %.4f, test accuracy %.4f (%.1f s)\n",
                    static_cast<long long>(epoch + 1), static_cast<long long>(epochs),
                    lossSum / static_cast<double>(batches), accuracy(judge, ds, test), secondsSince(start));
        std::fflush(stdout);
    }
    if (!cache.empty()) {
        torch::save(judge, cache);
        std::printf("judge: saved %s\n", cache.c_str());
    }
    return judge;
}

} // namespace latentlab::bench
