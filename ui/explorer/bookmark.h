#pragma once
// A named view of the explorer, restored with one click: the layout and its parameters, the part of the plane
// on screen, the colouring, the hidden classes, the selection (a sample and a region) and the probe. Plain Qt
// values, so a session file keeps it without widgets.
#include "ui/explorer/explorer_reports.h"

#include <QPointF>
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

namespace latentlab::ui {

struct ExplorerBookmark {
    QString name;
    ProjectionSettings projection;
    std::optional<QRectF> view;      // the data rectangle shown; none: fitted to the points
    int colouring = 0;               // the colour box's row: 0 by class, 1 by anomaly score, 2 by label suspicion,
                                     // 3 by nearest-sample distance
    std::vector<int> hiddenClasses;
    qint64 selected = -1;            // the selected sample, -1 for none
    std::vector<int> region;         // the selected region (sorted dataset indices)
    std::optional<QPointF> probe;    // where the probe was, when it was on
};

} // namespace latentlab::ui
