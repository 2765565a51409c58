#pragma once
// What the labels worker and the GUI thread tell each other, as plain values the receiver owns (no torch:
// the views never see a torch header).
#include "ui/common/request_tag.h"

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <cstdint>
#include <vector>

namespace latentlab::ui {

struct LabelRequest {
    QString method = QStringLiteral("neighbors"); // core's labelMethodFromString: conditional, neighbors
    int k = 0;                                    // neighbours; 0: core's default for the data
    QString part = QStringLiteral("train");       // train, test (the validation split) or all
};

// One scored sample (core's LabelSuspect).
struct LabelSuspectRow {
    qint64 index = -1;
    int given = -1;
    int suggested = -1;
    double score = 0.0; // higher = more suspect
};

struct LabelScores {
    RequestTag tag = 0;
    QString method;
    int k = 0;
    QString part;
    std::vector<LabelSuspectRow> suspects; // in dataset order of the scored samples
    double seconds = 0.0;
    // Where a relabelled copy of the labels can go (core's relabelTarget): what it is and a file name to offer,
    // or why this dataset's labels cannot be written back.
    QString relabelWhat, relabelFileName, relabelRefusal;
    bool relabelFolder = false; // the copy is a folder of labels files (an IDX folder of train and t10k parts)
};

// One gallery entry: the sample and, for the conditional score, its reconstruction under the given label and
// under the suggested one (null images otherwise).
struct LabelItem {
    qint64 index = -1;
    double score = 0.0;
    int given = -1, suggested = -1;
    QImage input, asGiven, asSuggested;
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::LabelRequest)
Q_DECLARE_METATYPE(latentlab::ui::LabelScores)
Q_DECLARE_METATYPE(latentlab::ui::LabelItem)
