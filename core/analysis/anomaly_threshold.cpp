#include "core/analysis/anomaly_threshold.h"

#include "core/util/errors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace latentlab {
namespace {

void checkReference(const std::vector<double>& values)
{
    if (values.empty())
        throw BadInputError("the reference set for the anomaly threshold is empty");
    const auto bad = std::count_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); });
    if (bad > 0)
        throw BadInputError(std::to_string(bad) + " of the " + std::to_string(values.size())
                            + " reference scores are not finite numbers; the model cannot explain them at all");
}

} // namespace

std::string ThresholdRule::describe() const
{
    char buf[64];
    if (kind == Kind::MeanPlusKStd)
        std::snprintf(buf, sizeof buf, "mean + %g std of the reference", value);
    else
        std::snprintf(buf, sizeof buf, "percentile %g of the reference", value);
    return buf;
}

double mean(const std::vector<double>& values)
{
    if (values.empty())
        return 0.0;
    // Summed in long double: 70,000 float-sized scores lose digits in a plain double running sum otherwise.
    long double sum = 0.0L;
    for (const double v : values)
        sum += v;
    return static_cast<double>(sum / static_cast<long double>(values.size()));
}

double populationStd(const std::vector<double>& values)
{
    if (values.empty())
        return 0.0;
    // Two passes: the one-pass sum of squares cancels catastrophically when the scores sit far from zero.
    const double m = mean(values);
    long double ss = 0.0L;
    for (const double v : values)
        ss += static_cast<long double>(v - m) * static_cast<long double>(v - m);
    return std::sqrt(static_cast<double>(ss / static_cast<long double>(values.size())));
}

double percentile(std::vector<double> values, double p)
{
    if (!(p >= 0.0 && p <= 100.0))
        throw BadInputError("a percentile must be between 0 and 100, not " + std::to_string(p));
    if (values.empty())
        throw BadInputError("a percentile of no values");
    const double pos = p / 100.0 * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    // Two partial selections instead of a full sort: only the neighbouring order statistics matter.
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lo), values.end());
    const double a = values[lo];
    const double b = hi == lo ? a : *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lo) + 1, values.end());
    return a + (pos - static_cast<double>(lo)) * (b - a);
}

double anomalyThreshold(const std::vector<double>& referenceScores, const ThresholdRule& rule)
{
    checkReference(referenceScores);
    if (rule.kind == ThresholdRule::Kind::Percentile)
        return percentile(referenceScores, rule.value);
    if (!std::isfinite(rule.value))
        throw BadInputError("k for the threshold mean + k std must be a finite number");
    return mean(referenceScores) + rule.value * populationStd(referenceScores);
}

std::vector<std::uint8_t> flagAbove(const std::vector<double>& scores, double threshold)
{
    std::vector<std::uint8_t> out(scores.size());
    for (std::size_t i = 0; i < scores.size(); ++i)
        out[i] = !(scores[i] <= threshold) ? 1 : 0;
    return out;
}

std::int64_t countAbove(const std::vector<double>& scores, double threshold)
{
    return std::count_if(scores.begin(), scores.end(), [&](double s) { return !(s <= threshold); });
}

} // namespace latentlab
