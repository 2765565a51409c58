#include "core/analysis/anomaly_scores_csv.h"

#include "core/analysis/anomaly_evaluation.h"
#include "core/analysis/anomaly_threshold.h"
#include "core/util/atomic_file.h"
#include "core/util/csv_field.h"
#include "core/util/errors.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace latentlab {
std::string anomalyScoresCsv(const Dataset& data, const std::vector<std::int64_t>& indices,
                             const std::vector<double>& scores, double threshold)
{
    if (indices.size() != scores.size())
        throw BadInputError(std::to_string(scores.size()) + " scores for " + std::to_string(indices.size())
                            + " samples");
    for (const std::int64_t i : indices)
        if (i < 0 || i >= data.size())
            throw BadInputError("sample index " + std::to_string(i) + " is outside " + data.source);
    // Image folders name every sample; a partial list would pair names with the wrong samples.
    const bool named = static_cast<std::int64_t>(data.sampleNames.size()) == data.size();
    const bool labelled = data.hasLabels();
    const std::vector<std::uint8_t> flags = flagAbove(scores, threshold);

    // Positions into indices/scores, ordered as the gallery orders samples.
    std::vector<std::int64_t> order(indices.size());
    std::iota(order.begin(), order.end(), std::int64_t{0});
    std::sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) {
        const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
        return moreAnomalous(scores[ua], indices[ua], scores[ub], indices[ub]);
    });

    std::string out = "index,file,label,score,flagged\n";
    out.reserve(out.size() + indices.size() * 40);
    char number[64];
    for (const std::int64_t p : order) {
        const auto u = static_cast<std::size_t>(p);
        const auto sample = static_cast<std::size_t>(indices[u]);
        out += std::to_string(indices[u]);
        out += ',';
        if (named)
            appendCsvField(out, data.sampleNames[sample]);
        out += ',';
        if (labelled)
            appendCsvField(out, data.classNames()[static_cast<std::size_t>(data.labels()[sample])]);
        const int n = std::snprintf(number, sizeof number, ",%.9g,%d\n", scores[u], flags[u]);
        out.append(number, static_cast<std::size_t>(n));
    }
    return out;
}

void writeAnomalyScoresCsv(const std::string& path, const Dataset& data, const std::vector<std::int64_t>& indices,
                           const std::vector<double>& scores, double threshold)
{
    const std::string text = anomalyScoresCsv(data, indices, scores, threshold);
    writeFileAtomically(path, text.data(), text.size());
}

} // namespace latentlab
