#pragma once
// What "normal" and "anomalous" mean once samples are scored, decided here once for the window and the CLI:
// which samples the threshold is drawn from, which are known anomalies, where detection is measured, and
// the order "most anomalous first" that the gallery and the scores file share.
#include "core/analysis/anomaly_threshold.h"
#include "core/data/dataset.h"

#include <cstdint>
#include <vector>

namespace latentlab {

// NaN first (a model that cannot explain a sample has found an anomaly), then by score, highest first; ties
// by index, so the order is stable.
bool moreAnomalous(double scoreA, std::int64_t indexA, double scoreB, std::int64_t indexB);
// Sorts positions into `scores` (one score per position) most anomalous first.
void sortMostAnomalousFirst(std::vector<std::int64_t>& positions, const std::vector<double>& scores);

// The samples the model was meant to learn as normal, which the default threshold is drawn from: the
// training split of `data` (every sample when the split has no training part), only those of normalClasses
// when classes are named; in dataset order. BadInputError when classes are named for data without labels or
// no training sample is in them.
std::vector<std::int64_t> referenceSamples(const Dataset& data, const std::vector<int>& normalClasses);

// The known anomalies under the one-class protocol: the classes outside normalClasses, ascending. Empty when
// no class is named or the data has no labels, since then nothing says which samples are anomalies.
std::vector<int> knownAnomalyClasses(const Dataset& data, const std::vector<int>& normalClasses);

// True when the truth holds both anomalies and normal samples, the least a ROC curve needs.
bool holdsBothKinds(const std::vector<std::uint8_t>& truth);

// The scores at these positions, in their order.
std::vector<double> scoresAt(const std::vector<double>& scores, const std::vector<std::int64_t>& positions);
std::vector<std::uint8_t> truthAt(const std::vector<std::uint8_t>& truth, const std::vector<std::int64_t>& positions);

// Every sample of a dataset scored (one score each, dataset order), as the window scores them.
struct DatasetEvaluation {
    std::vector<std::int64_t> reference; // referenceSamples()
    double threshold = 0.0;              // the rule over the reference's scores
    // One flag per sample, 1 = known anomaly (a class outside the normal ones); empty when no normal classes
    // are named, all zeros when they name every class.
    std::vector<std::uint8_t> truth;
    // Where the ROC and precision/recall are measured: the held-out samples (the validation or test part,
    // which the model did not learn from) when they hold both kinds, otherwise every sample. Empty without
    // truth.
    std::vector<std::int64_t> evaluation;
};
// BadInputError as referenceSamples() and anomalyThreshold() give it, and when scores and data differ in size.
DatasetEvaluation evaluateDataset(const Dataset& data, const std::vector<double>& scores,
                                  const std::vector<int>& normalClasses, const ThresholdRule& rule);

} // namespace latentlab
