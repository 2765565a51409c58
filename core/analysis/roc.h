#pragma once
// How well scores separate known anomalies from normal samples: the ROC curve, its area, and precision and
// recall at a chosen threshold. Ground truth is one flag per score (1 = anomaly, the positive class).
#include <cstdint>
#include <vector>

namespace latentlab {

struct RocPoint {
    double falsePositiveRate = 0.0;
    double truePositiveRate = 0.0;
    double threshold = 0.0; // the point flags every score >= threshold (+infinity for the first, (0, 0))
};

struct RocCurve {
    // From (0, 0) to (1, 1), one point per distinct score, scores taken from high to low. Samples with tied
    // scores enter together, so a tie draws a diagonal segment instead of an order-dependent staircase.
    std::vector<RocPoint> points;
    // Trapezoid area under the points: the probability that a random anomaly scores above a random normal
    // sample, ties counting one half (the Mann-Whitney U statistic). 1 = perfect, 0.5 = chance, 0 = reversed.
    double auroc = 0.5;
    std::int64_t positives = 0;
    std::int64_t negatives = 0;
};

// NaN scores rank highest (a model that cannot explain a sample has found an anomaly). BadInputError when the
// sizes differ or the truth lacks anomalies or normal samples, since neither rate is defined then.
RocCurve rocCurve(const std::vector<double>& scores, const std::vector<std::uint8_t>& isAnomaly);
double auroc(const std::vector<double>& scores, const std::vector<std::uint8_t>& isAnomaly);

struct DetectionCounts {
    std::int64_t truePositives = 0, falsePositives = 0, trueNegatives = 0, falseNegatives = 0;
    double precision = 0.0; // TP / (TP + FP); 0 when nothing is flagged (scikit-learn's zero_division default)
    double recall = 0.0;    // TP / (TP + FN); 0 when there are no anomalies
};

// Flagged as flagAbove() does: score > threshold, or NaN.
DetectionCounts detectionAt(const std::vector<double>& scores, const std::vector<std::uint8_t>& isAnomaly,
                            double threshold);

} // namespace latentlab
