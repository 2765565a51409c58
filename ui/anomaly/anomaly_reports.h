#pragma once
// What the anomaly worker and the GUI thread tell each other, as plain values the receiver owns.
#include "ui/common/request_tag.h"

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>
#include <vector>

namespace latentlab::ui {

struct AnomalyRequest {
    QString score = QStringLiteral("mse"); // core's anomalyScoreFromString: mse, bce, elbo
    QVector<int> normalClasses;            // empty: every class is normal (no ground truth)
    bool percentile = false;               // the default threshold: mean + k std (false) or a percentile
    double ruleValue = 3.0;                // k, or the percentile
};

// Every sample's score, the reference the default threshold comes from, and the truth where labels give one.
struct AnomalyScores {
    RequestTag tag = 0;
    QString score;
    std::vector<double> scores;            // one per sample, dataset order; higher = more anomalous
    std::vector<std::int64_t> reference;   // the samples the threshold rule was applied to
    double threshold = 0.0;                // the rule's threshold over the reference
    QString rule;                          // "mean + 3 std of the reference (54000 training samples)"
    std::vector<std::uint8_t> truth;       // 1 = anomaly (a class outside normalClasses); empty without labels
    // Where the ROC and precision/recall are measured: the held-out samples (the test or validation split,
    // as the CLI's `anomalies` does by default), since the training samples of the normal classes were seen.
    std::vector<std::int64_t> evaluation;
    double seconds = 0.0;                  // scoring time
};

// One gallery entry: the sample, its reconstruction and where they differ.
struct AnomalyItem {
    qint64 index = -1;
    double score = 0.0;
    QString label;
    QImage input, reconstruction, heatmap;
};

// A table row beside its reconstruction, feature by feature, in the data's original units.
struct RowDetail {
    qint64 index = -1;
    QStringList features;
    QVector<double> values, reconstruction;
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::RowDetail)
Q_DECLARE_METATYPE(latentlab::ui::AnomalyRequest)
Q_DECLARE_METATYPE(latentlab::ui::AnomalyScores)
Q_DECLARE_METATYPE(latentlab::ui::AnomalyItem)
