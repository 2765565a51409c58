#pragma once
// How to train: the optimizer's knobs, the batch size, the schedule and where to run. Stored in checkpoints
// beside the ModelConfig so a resumed run continues with the same settings.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace latentlab {

struct TrainingConfig {
    double learningRate = 1e-3;
    std::int64_t batchSize = 128;
    std::int64_t epochs = 10;
    double weightDecay = 0.0;
    double gradClip = 0.0;          // max global gradient norm; 0 = no clipping
    std::uint64_t seed = 0;         // shuffling and sampling noise; same seed + threads = same loss curve
    int threads = 0;                // LibTorch threads on the training thread; 0 = all cores
    std::string device = "cpu";     // "cpu" or "cuda"

    // Throws BadInputError naming the field and why.
    void validate() const;
    int resolvedThreads() const;

    nlohmann::json toJson() const;
    static TrainingConfig fromJson(const nlohmann::json& j);
};

} // namespace latentlab
