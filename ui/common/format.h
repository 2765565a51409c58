#pragma once
// Wording shared by the window title, the status bar and the dataset dock, so they never disagree.
#include "core/data/dataset.h"

#include <QString>

#include <cstdint>

namespace latentlab::ui {

// The last component of a file or folder path ("fashion-mnist", "train.csv"), trailing slashes ignored.
QString displayName(const QString& path);
// 70000 -> "70,000" in the user's locale.
QString formatCount(std::int64_t n);
// "70,000 images of 1×28×28" or "150 rows of 4 features".
QString sampleCountText(const Dataset& ds);
// "1 × 28 × 28 (uint8)" or "4 features".
QString sampleShapeText(const Dataset& ds);
// "60,000 train · 10,000 test (as shipped)" or "135 train · 15 validation (seed 0)".
QString splitText(const Dataset& ds);
// Which file holds which half of a predefined split ("Train: …\nTest: …"), or empty.
QString splitSourcesText(const Dataset& ds);
// One line for the status bar: "70,000 images · 1×28×28 · 10 classes".
QString statusSummary(const Dataset& ds);

} // namespace latentlab::ui
