#pragma once
// Small untrained models and patterned images for the analysis suites, which check what holds for any
// weights (ends, shapes, orders), so each suite only picks its sizes and seed.
#include "core/data/dataset.h"
#include "core/models/make_model.h"

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace latentlab::testing {

// n patterned 8x8 grayscale images labelled i % 3 ("a", "b", "c"): pixel k is (k * mul + (k / 64) * step) % 256.
inline Dataset patternedImages(int n, int mul, int step)
{
    std::vector<std::uint8_t> px(static_cast<std::size_t>(n) * 64);
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = static_cast<std::uint8_t>((i * mul + (i / 64) * step) % 256);
    Dataset ds = Dataset::fromImages(std::move(px), n, 1, 8, 8);
    std::vector<std::int32_t> labels(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        labels[static_cast<std::size_t>(i)] = i % 3;
    ds.setLabels(labels, {"a", "b", "c"});
    return ds;
}

// A model for those images, hidden {32, 16}, 8 codes of 2 dimensions, 3 classes for a conditional VAE, built
// after seeding LibTorch with `seed`. bottomLatent 0 keeps the family's default.
inline std::shared_ptr<LatentModel> tinyImageModel(ModelKind kind, std::uint64_t seed, std::int64_t latent = 4,
                                                   std::int64_t bottomLatent = 0)
{
    torch::manual_seed(seed);
    ModelConfig c = ModelConfig::defaultsFor({1, 8, 8}, kind);
    c.hidden = {32, 16};
    c.latentDim = latent;
    if (bottomLatent > 0)
        c.bottomLatentDim = bottomLatent;
    c.codebookSize = 8;
    c.codeDim = 2;
    c.numClasses = kind == ModelKind::ConditionalVae ? 3 : 0;
    return makeModel(c);
}

} // namespace latentlab::testing
