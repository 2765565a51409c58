#pragma once
// What the benches time with: a steady clock, seconds since a moment, the median of runs, and the side-by-side
// comparison of oneDNN inference (fused/inference.h) against LibTorch's own layers: pairs of runs in one process
// on the same input, the order swapped every pair so neither way always runs on a warmer cache.
#include "core/models/fused/inference.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace latentlab::bench {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct FusedComparison {
    std::vector<double> fused, libtorch, ratio; // seconds of each pair's runs, and libtorch / fused
    double minRatio() const { return *std::min_element(ratio.begin(), ratio.end()); }
    double maxRatio() const { return *std::max_element(ratio.begin(), ratio.end()); }
};

// run() once per way per pair; leaves fused inference on.
template <class Run>
FusedComparison compareFusedInference(int pairs, Run&& run)
{
    FusedComparison c;
    for (int r = 0; r < pairs; ++r) {
        double t[2];
        for (int k = 0; k < 2; ++k) {
            const bool on = (k == 0) == (r % 2 == 0);
            fused::setFusedInference(on);
            const auto start = Clock::now();
            run();
            t[on ? 0 : 1] = secondsSince(start);
        }
        c.fused.push_back(t[0]);
        c.libtorch.push_back(t[1]);
        c.ratio.push_back(t[1] / t[0]);
    }
    fused::setFusedInference(true);
    return c;
}

} // namespace latentlab::bench
