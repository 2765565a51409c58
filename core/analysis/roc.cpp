#include "core/analysis/roc.h"

#include "core/util/errors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace latentlab {
namespace {

void checkSizes(const std::vector<double>& scores, const std::vector<std::uint8_t>& isAnomaly)
{
    if (scores.size() != isAnomaly.size())
        throw BadInputError("ROC: " + std::to_string(scores.size()) + " scores but " + std::to_string(isAnomaly.size())
                            + " ground-truth flags");
}

double rankKey(double s)
{
    return std::isnan(s) ? std::numeric_limits<double>::infinity() : s;
}

} // namespace

RocCurve rocCurve(const std::vector<double>& scores, const std::vector<std::uint8_t>& isAnomaly)
{
    checkSizes(scores, isAnomaly);
    RocCurve out;
    for (const std::uint8_t a : isAnomaly)
        (a ? out.positives : out.negatives) += 1;
    if (out.positives == 0 || out.negatives == 0)
        throw BadInputError(std::string("ROC and AUROC need both anomalies and normal samples, and the ")
                            + std::to_string(scores.size()) + " scored samples are all "
                            + (out.positives == 0 ? "normal" : "anomalies"));
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return rankKey(scores[a]) > rankKey(scores[b]); });

    const auto p = static_cast<double>(out.positives), n = static_cast<double>(out.negatives);
    out.points.push_back({0.0, 0.0, std::numeric_limits<double>::infinity()});
    // Twice the area in units of one positive x one negative, exact in integers: each tied group adds the
    // trapezoid dN * (tp_before + tp_after) / 2.
    std::int64_t tp = 0, fp = 0, twiceArea = 0;
    for (std::size_t i = 0; i < order.size();) {
        const double key = rankKey(scores[order[i]]);
        std::int64_t dp = 0, dn = 0;
        for (; i < order.size() && rankKey(scores[order[i]]) == key; ++i)
            (isAnomaly[order[i]] ? dp : dn) += 1;
        twiceArea += dn * (2 * tp + dp);
        tp += dp;
        fp += dn;
        out.points.push_back({static_cast<double>(fp) / n, static_cast<double>(tp) / p, key});
    }
    out.auroc = static_cast<double>(twiceArea) / (2.0 * p * n);
    return out;
}

double auroc(const std::vector<double>& scores, const std::vector<std::uint8_t>& isAnomaly)
{
    return rocCurve(scores, isAnomaly).auroc;
}

DetectionCounts detectionAt(const std::vector<double>& scores, const std::vector<std::uint8_t>& isAnomaly,
                            double threshold)
{
    checkSizes(scores, isAnomaly);
    DetectionCounts c;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const bool flagged = !(scores[i] <= threshold);
        if (isAnomaly[i])
            (flagged ? c.truePositives : c.falseNegatives) += 1;
        else
            (flagged ? c.falsePositives : c.trueNegatives) += 1;
    }
    const std::int64_t flaggedCount = c.truePositives + c.falsePositives;
    const std::int64_t anomalies = c.truePositives + c.falseNegatives;
    c.precision = flaggedCount > 0 ? static_cast<double>(c.truePositives) / static_cast<double>(flaggedCount) : 0.0;
    c.recall = anomalies > 0 ? static_cast<double>(c.truePositives) / static_cast<double>(anomalies) : 0.0;
    return c;
}

} // namespace latentlab
