#pragma once
// The Trainer's running samples/s at its last batch: training alone, without the validation pass that follows
// each epoch (the Python loops these figures are compared with do not validate).
#include "core/training/training_observer.h"

namespace latentlab::bench {

struct ThroughputObserver : TrainingObserver {
    double samplesPerSecond = 0;
    void onBatch(const BatchReport& r) override { samplesPerSecond = r.samplesPerSecond; }
};

} // namespace latentlab::bench
