#pragma once
// Every step's loss terms and every epoch's summary, kept with the model so a reopened checkpoint shows the
// curves it was trained along.
#include "core/training/training_observer.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct StepRecord {
    std::int64_t step = 0;
    std::vector<double> values; // one per LossHistory::termNames()
};

struct EpochRecord {
    std::int64_t epoch = 0; // 1-based
    std::int64_t step = 0;
    double seconds = 0.0;   // wall time of the epoch
    TermValues train, validation;
    std::vector<double> klPerDim;
};

class LossHistory {
public:
    // The first call fixes the term names; later calls must give the same names (a model keeps its terms).
    void addStep(std::int64_t step, const TermValues& terms);
    void addEpoch(EpochRecord record);
    // Drops what lies beyond step: a diverged run's undone step, which a resumed run will repeat.
    void truncateAfter(std::int64_t step);

    const std::vector<std::string>& termNames() const { return names_; }
    const std::vector<StepRecord>& steps() const { return steps_; }
    const std::vector<EpochRecord>& epochs() const { return epochs_; }
    bool empty() const { return steps_.empty() && epochs_.empty(); }

    nlohmann::json toJson() const;
    static LossHistory fromJson(const nlohmann::json& j);

private:
    std::vector<std::string> names_;
    std::vector<StepRecord> steps_;
    std::vector<EpochRecord> epochs_;
};

} // namespace latentlab
