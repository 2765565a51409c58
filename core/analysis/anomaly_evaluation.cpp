#include "core/analysis/anomaly_evaluation.h"

#include "core/data/class_subset.h"
#include "core/util/errors.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace latentlab {

bool moreAnomalous(double scoreA, std::int64_t indexA, double scoreB, std::int64_t indexB)
{
    const bool nanA = std::isnan(scoreA), nanB = std::isnan(scoreB);
    if (nanA != nanB)
        return nanA;
    if (!nanA && scoreA != scoreB)
        return scoreA > scoreB;
    return indexA < indexB;
}

void sortMostAnomalousFirst(std::vector<std::int64_t>& positions, const std::vector<double>& scores)
{
    std::sort(positions.begin(), positions.end(), [&](std::int64_t a, std::int64_t b) {
        return moreAnomalous(scores[static_cast<std::size_t>(a)], a, scores[static_cast<std::size_t>(b)], b);
    });
}

std::vector<std::int64_t> referenceSamples(const Dataset& data, const std::vector<int>& normalClasses)
{
    std::vector<std::int64_t> pool = data.split().train;
    if (pool.empty()) {
        pool.resize(static_cast<std::size_t>(data.size()));
        std::iota(pool.begin(), pool.end(), std::int64_t{0});
    }
    std::sort(pool.begin(), pool.end());
    if (normalClasses.empty())
        return pool;
    checkClasses(data, normalClasses, "the normal classes");
    std::vector<std::int64_t> normal = samplesOfClasses(data, pool, normalClasses);
    if (normal.empty())
        throw BadInputError("no training sample of " + data.source + " is in the normal classes "
                            + classListText(normalClasses));
    return normal;
}

std::vector<int> knownAnomalyClasses(const Dataset& data, const std::vector<int>& normalClasses)
{
    if (normalClasses.empty() || !data.hasLabels())
        return {};
    return otherClasses(data.numClasses(), normalClasses);
}

bool holdsBothKinds(const std::vector<std::uint8_t>& truth)
{
    const auto anomalies = std::count_if(truth.begin(), truth.end(), [](std::uint8_t t) { return t != 0; });
    return anomalies > 0 && anomalies < static_cast<std::ptrdiff_t>(truth.size());
}

std::vector<double> scoresAt(const std::vector<double>& scores, const std::vector<std::int64_t>& positions)
{
    std::vector<double> out;
    out.reserve(positions.size());
    for (const std::int64_t p : positions)
        out.push_back(scores.at(static_cast<std::size_t>(p)));
    return out;
}

std::vector<std::uint8_t> truthAt(const std::vector<std::uint8_t>& truth, const std::vector<std::int64_t>& positions)
{
    std::vector<std::uint8_t> out;
    out.reserve(positions.size());
    for (const std::int64_t p : positions)
        out.push_back(truth.at(static_cast<std::size_t>(p)));
    return out;
}

DatasetEvaluation evaluateDataset(const Dataset& data, const std::vector<double>& scores,
                                  const std::vector<int>& normalClasses, const ThresholdRule& rule)
{
    if (static_cast<std::int64_t>(scores.size()) != data.size())
        throw BadInputError(std::to_string(scores.size()) + " scores for the " + std::to_string(data.size())
                            + " samples of " + data.source);
    DatasetEvaluation out;
    out.reference = referenceSamples(data, normalClasses);
    out.threshold = anomalyThreshold(scoresAt(scores, out.reference), rule);
    if (normalClasses.empty())
        return out;
    std::vector<std::int64_t> all(scores.size());
    std::iota(all.begin(), all.end(), std::int64_t{0});
    out.truth = classMembership(data, all, knownAnomalyClasses(data, normalClasses));
    const std::vector<std::int64_t>& heldOut = data.split().validation;
    out.evaluation = holdsBothKinds(truthAt(out.truth, heldOut)) ? heldOut : all;
    return out;
}

} // namespace latentlab
