#pragma once
// The headless demo that `scripts/run` falls back to without a display: train a small VAE briefly on an
// image dataset and write a grid of samples from its prior. The training issue replaces the loop with the
// full Trainer; the contract (train, then write a PNG) stays.
#include "core/data/dataset.h"

#include <cstdint>
#include <functional>
#include <string>

namespace latentlab {

struct DemoOptions {
    std::int64_t steps = 300;
    std::int64_t batchSize = 128;
    std::int64_t latentDim = 16;
    int threads = 0; // 0: every core
    std::uint64_t seed = 0;
    int samples = 64;
    int columns = 8;
    std::string outPath = "latentlab-samples.png";
};

struct DemoProgress {
    std::int64_t step = 0;
    double loss = 0, recon = 0, kl = 0;
    double samplesPerSecond = 0;
};

struct DemoResult {
    double firstLoss = 0, lastLoss = 0, seconds = 0;
};

DemoResult runHeadlessDemo(const Dataset& dataset, const DemoOptions& options,
                           const std::function<void(const DemoProgress&)>& progress = {});

} // namespace latentlab
