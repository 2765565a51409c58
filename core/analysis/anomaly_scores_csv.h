#pragma once
// The scores file both the window's export and `latentlab-cli anomalies` write, in one format:
//   index,file,label,score,flagged
// one row per scored sample, most anomalous first (moreAnomalous: NaN, then highest score, ties by index).
// `file` is the sample's file name where the dataset keeps one (an image folder), `label` its class name;
// either is empty where the data has none, and quoted where CSV needs it. Scores are written with %.9g, so a
// float score reads back exactly. Written atomically.
#include "core/data/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

// scores[i] belongs to sample indices[i]; a sample is flagged as flagAbove() flags it. BadInputError when the
// sizes differ or an index is outside the dataset; IoError when the file cannot be written.
void writeAnomalyScoresCsv(const std::string& path, const Dataset& data, const std::vector<std::int64_t>& indices,
                           const std::vector<double>& scores, double threshold);

// The same text, for callers that want it in memory.
std::string anomalyScoresCsv(const Dataset& data, const std::vector<std::int64_t>& indices,
                             const std::vector<double>& scores, double threshold);

} // namespace latentlab
