#pragma once
// Small labelled image sets and small models for the training tests: a few hundred steps run in seconds.
#include "core/data/dataset.h"
#include "core/models/make_model.h"
#include "core/training/trainer.h"

#include <random>

namespace latentlab::testing {

// n binary 8x8 images drawn from `classes` prototypes (label = prototype) with 5% of pixels flipped, and a
// 25% validation split.
inline Dataset prototypeImages(int n = 128, int classes = 4, std::uint64_t seed = 7)
{
    std::mt19937_64 rng(seed);
    std::vector<std::uint8_t> protos(static_cast<std::size_t>(classes) * 64);
    for (auto& p : protos)
        p = (rng() & 1) ? 255 : 0;
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(n) * 64);
    std::vector<std::int32_t> labels(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        labels[static_cast<std::size_t>(i)] = i % classes;
        for (int k = 0; k < 64; ++k) {
            const std::uint8_t v = protos[static_cast<std::size_t>((i % classes) * 64 + k)];
            pixels[static_cast<std::size_t>(i * 64 + k)] = (rng() % 20 == 0) ? static_cast<std::uint8_t>(255 - v) : v;
        }
    }
    Dataset ds = Dataset::fromImages(std::move(pixels), n, 1, 8, 8);
    std::vector<std::string> names;
    for (int c = 0; c < classes; ++c)
        names.push_back("class" + std::to_string(c));
    ds.setLabels(std::move(labels), std::move(names));
    ds.splitBySeed(0.25, 3);
    ds.source = "prototypes";
    return ds;
}

inline ModelConfig smallModel(ModelKind kind = ModelKind::Vae, int classes = 4)
{
    ModelConfig c = ModelConfig::defaultsFor({1, 8, 8}, kind);
    c.hidden = {32, 32};
    c.latentDim = 3;
    c.bottomLatentDim = 4;
    c.codebookSize = 8;
    c.codeDim = 3;
    c.numClasses = kind == ModelKind::ConditionalVae ? classes : 0;
    return c;
}

inline TrainingConfig quickTraining(std::int64_t epochs = 5)
{
    TrainingConfig t;
    t.epochs = epochs;
    t.batchSize = 16;
    t.learningRate = 3e-3;
    t.threads = 1;
    t.seed = 11;
    return t;
}

inline std::shared_ptr<LatentModel> seededModel(const ModelConfig& c, std::uint64_t seed = 5)
{
    torch::manual_seed(seed);
    return makeModel(c);
}

} // namespace latentlab::testing
