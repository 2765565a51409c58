// A left press that the other tools leave (no Shift, not on the probe, not in probe mode): released where it
// began, give or take a few pixels of wobble, it is a click that selects the point under the mouse, or clears
// the selection on empty space. Moved further, it is a drag, and the gesture goes to the drag tool (the pan).
#include "ui/explorer/scatter/scatter_tools.h"

namespace latentlab::ui {
namespace {

class ClickSelectTool final : public ScatterTool {
public:
    ClickSelectTool(ScatterCanvas& canvas, ScatterTool& dragTool) : ScatterTool(canvas), dragTool_(dragTool) {}

    bool accepts(const ScatterPress& press) const override { return press.button == Qt::LeftButton; }
    void pressed(const ScatterPress& press) override { press_ = press; }

    void moved(QPointF pos) override
    {
        if ((pos - press_.pos).manhattanLength() >= kClickSlop)
            canvas().handOver(dragTool_, press_, pos);
    }

    void released(QPointF pos) override { canvas().click(canvas().nearestPoint(pos)); }

private:
    ScatterTool& dragTool_;
    ScatterPress press_;
};

} // namespace

std::unique_ptr<ScatterTool> makeClickSelectTool(ScatterCanvas& canvas, ScatterTool& dragTool)
{
    return std::make_unique<ClickSelectTool>(canvas, dragTool);
}

} // namespace latentlab::ui
