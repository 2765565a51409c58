#include "ui/explorer/scatter/pan_tool.h"

namespace latentlab::ui {

bool PanTool::accepts(const ScatterPress& press) const
{
    return press.button == Qt::MiddleButton;
}

void PanTool::pressed(const ScatterPress& press)
{
    pressPos_ = press.pos;
    viewAtPress_ = canvas().transform();
    canvas().setCursorShape(Qt::ClosedHandCursor);
    canvas().clearHover();
}

void PanTool::moved(QPointF pos)
{
    // From the view at the press rather than by each move's delta, so rounding never lets the grabbed point
    // drift from under the cursor.
    scatter::Transform t = viewAtPress_;
    t.bx += pos.x() - pressPos_.x();
    t.by += pos.y() - pressPos_.y();
    canvas().setTransform(t);
}

void PanTool::released(QPointF)
{
    canvas().restoreCursor();
}

void PanTool::cancelled()
{
    canvas().restoreCursor();
}

} // namespace latentlab::ui
