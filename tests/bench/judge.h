#pragma once
// The benchmarks' judge of generated images (issues 22 and 24): a small CNN trained with LibTorch autograd on
// Fashion-MNIST's training split, which reads what a decoded image depicts and how sure it is.
#include "core/data/dataset.h"

#include <torch/torch.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace latentlab::bench {

// Two conv blocks and a dense head, the shape of the classic MNIST CNN (pytorch/examples mnist/main.py uses
// the same 32/64 3x3 stack); enough for about 90% on Fashion-MNIST after a couple of epochs.
struct JudgeImpl : torch::nn::Module {
    JudgeImpl();
    // x: [B, 1, 28, 28] in [0, 1]; 28 -> 26 -> 13 -> 11 -> 5. Logits [B, 10].
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d conv1;
    torch::nn::Conv2d conv2;
    torch::nn::Linear fc1;
    torch::nn::Linear fc2;
};
TORCH_MODULE(Judge);

// Each image [N, 1, H, W] blurred by a Gaussian of its own width, drawn uniformly from [0.5, 1.5] pixels.
torch::Tensor blurred(const torch::Tensor& images, std::mt19937_64& rng);
// Predicted class of each image [N, 1, 28, 28], in batches, without autograd.
torch::Tensor classify(Judge& judge, const torch::Tensor& images);
// The judge's probability for its predicted class, per image [N] (softmax of the logits).
torch::Tensor confidence(Judge& judge, const torch::Tensor& images);
double accuracy(Judge& judge, const Dataset& ds, const std::vector<std::int64_t>& indices);
// Trained on ds's training split (half its batches blurred when blur is on, so it reads a decoder's blurry
// means as what they depict), its test accuracy printed; cache: where its weights are kept between runs.
Judge trainOrLoadJudge(const Dataset& ds, const std::string& cache, std::int64_t epochs, bool blur);

} // namespace latentlab::bench
