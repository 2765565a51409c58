#pragma once
// What the duplicates worker and the GUI thread tell each other, as plain values the receiver owns.
#include "ui/common/request_tag.h"

#include <QMetaType>
#include <QVector>

#include <vector>

namespace latentlab::ui {

struct DuplicateRequest {
    double threshold = -1.0; // < 0: core's default, chosen on the distances' histogram
    bool exactOnly = false;  // exact copies alone (no model needed)
};

enum class SamplePart { Train, Test, Neither };

struct DuplicateGroupRow {
    bool exact = false;
    std::vector<qint64> members;    // the lowest index first
    std::vector<double> distances;  // latent distance of each to the first
    std::vector<SamplePart> parts;  // each member's part of the split
    bool leaks = false;             // holds a test sample and a training one
};

struct DuplicateResult {
    RequestTag tag = 0;
    std::vector<DuplicateGroupRow> groups;
    std::vector<double> nearest; // every sample's distance to its nearest other one (empty for exact only)
    double threshold = 0.0;
    qint64 exactGroups = 0, nearGroups = 0, samplesInGroups = 0;
    qint64 leaks = 0, exactLeaks = 0; // test samples with a partner in training
    double seconds = 0.0;
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::DuplicateRequest)
Q_DECLARE_METATYPE(latentlab::ui::DuplicateResult)
