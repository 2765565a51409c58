#include "ui/explorer/scatter/click_select_tool.h"

namespace latentlab::ui {

ClickSelectTool::ClickSelectTool(ScatterCanvas& canvas, ScatterTool& dragTool)
    : ScatterTool(canvas), dragTool_(dragTool)
{
}

bool ClickSelectTool::accepts(const ScatterPress& press) const
{
    return press.button == Qt::LeftButton;
}

void ClickSelectTool::pressed(const ScatterPress& press)
{
    press_ = press;
}

void ClickSelectTool::moved(QPointF pos)
{
    if ((pos - press_.pos).manhattanLength() >= kClickSlop)
        canvas().handOver(dragTool_, press_, pos);
}

void ClickSelectTool::released(QPointF pos)
{
    canvas().click(canvas().nearestPoint(pos));
}

} // namespace latentlab::ui
