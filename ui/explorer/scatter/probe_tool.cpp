#include "ui/explorer/scatter/probe_tool.h"

#include "ui/explorer/scatter/scatter_overlay.h"

#include <QLineF>

namespace latentlab::ui {

bool ProbeTool::onMarker(QPointF pos) const
{
    return canvas().probeVisible()
        && QLineF(canvas().transform().map(canvas().probe()), pos).length() <= scatter::kProbeGrabRadius;
}

bool ProbeTool::accepts(const ScatterPress& press) const
{
    return press.button == Qt::LeftButton && (canvas().probeMode() || onMarker(press.pos));
}

void ProbeTool::pressed(const ScatterPress& press)
{
    if (onMarker(press.pos)) {
        // The probe has not moved yet, so nothing is decoded until the marker is dragged.
        grabOffset_ = canvas().transform().map(canvas().probe()) - press.pos;
        return;
    }
    grabOffset_ = {};
    canvas().clearHover();
    moveTo(press.pos);
}

void ProbeTool::moved(QPointF pos)
{
    moveTo(pos);
}

void ProbeTool::released(QPointF) {}

void ProbeTool::moveTo(QPointF pos)
{
    canvas().moveProbe(canvas().transform().unmap(pos + grabOffset_));
}

} // namespace latentlab::ui
