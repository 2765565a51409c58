#pragma once
// Where "normal" ends: a threshold drawn from the scores of a reference set the user trusts to be normal
// (by default the samples the model trained on), then the samples above it.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct ThresholdRule {
    enum class Kind { MeanPlusKStd, Percentile };
    Kind kind = Kind::MeanPlusKStd;
    double value = 3.0; // k, or a percentile in [0, 100]

    static ThresholdRule meanPlusKStd(double k) { return {Kind::MeanPlusKStd, k}; }
    static ThresholdRule percentile(double p) { return {Kind::Percentile, p}; }
    std::string describe() const; // "mean + 3 std", "99th percentile"
};

// mean + k * std over the reference, std being the population standard deviation (divided by n, as numpy's
// default), or the percentile with linear interpolation between order statistics (numpy's default method).
// BadInputError for an empty reference, a non-finite score in it, or a percentile outside [0, 100].
double anomalyThreshold(const std::vector<double>& referenceScores, const ThresholdRule& rule);

double mean(const std::vector<double>& values);
double populationStd(const std::vector<double>& values);
double percentile(std::vector<double> values, double p);

// A sample is flagged when its score is strictly above the threshold (so a percentile of 100 flags nothing
// of the reference itself), or is NaN: a model that cannot explain a sample at all has found an anomaly.
std::vector<std::uint8_t> flagAbove(const std::vector<double>& scores, double threshold);
std::int64_t countAbove(const std::vector<double>& scores, double threshold);

} // namespace latentlab
