#pragma once
// How to train: the optimizer's knobs, the batch size, the schedule and where to run. Stored in checkpoints
// beside the ModelConfig so a resumed run continues with the same settings.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

class Dataset;
struct Split;

struct TrainingConfig {
    double learningRate = 1e-3;
    std::int64_t batchSize = 128;
    std::int64_t epochs = 10;
    double weightDecay = 0.0;
    double gradClip = 0.0;          // max global gradient norm; 0 = no clipping
    std::uint64_t seed = 0;         // shuffling and sampling noise; same seed + threads = same loss curve
    int threads = 0;                // LibTorch threads on the training thread; 0 = all cores
    std::string device = "cpu";     // "cpu" or "cuda"
    // < 0: validate on the data's own test part (IDX train/t10k); otherwise hold out this fraction of all
    // samples, drawn by seed (data without a test part always draws one, 0.1 by default).
    double validationFraction = -1.0;
    // One-class protocol: train and validate only on the samples of these classes (empty: every sample).
    // Kept here so a resumed run, and `anomalies` choosing its reference set, apply the same restriction.
    std::vector<int> normalClasses;

    // Throws BadInputError naming the field and why.
    void validate() const;
    int resolvedThreads() const;

    nlohmann::json toJson() const;
    static TrainingConfig fromJson(const nlohmann::json& j);
};

// Sets the dataset's train/validation split as the config says, restricted to the normal classes where it
// names some; the same config gives the same split, so a resumed run validates on the same samples.
void applyTrainingSplit(Dataset& ds, const TrainingConfig& config);
// That split, with ds left as it is (from its split as loaded: a predefined one stays where the config keeps it).
Split trainingSplit(const Dataset& ds, const TrainingConfig& config);

} // namespace latentlab
