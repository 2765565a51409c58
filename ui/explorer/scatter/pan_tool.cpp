// Dragging moves the view with the mouse: the data point first grabbed stays under the cursor. Started by the
// middle button in any mode, and by a left drag on the background, which the click tool hands over.
#include "ui/explorer/scatter/scatter_tools.h"

namespace latentlab::ui {
namespace {

class PanTool final : public ScatterTool {
public:
    using ScatterTool::ScatterTool;

    bool accepts(const ScatterPress& press) const override { return press.button == Qt::MiddleButton; }

    void pressed(const ScatterPress& press) override
    {
        pressPos_ = press.pos;
        viewAtPress_ = canvas().transform();
        canvas().setCursorShape(Qt::ClosedHandCursor);
        canvas().clearHover();
    }

    void moved(QPointF pos) override
    {
        // From the view at the press rather than by each move's delta, so rounding never lets the grabbed
        // point drift from under the cursor.
        scatter::Transform t = viewAtPress_;
        t.bx += pos.x() - pressPos_.x();
        t.by += pos.y() - pressPos_.y();
        canvas().setTransform(t);
    }

    void released(QPointF) override { canvas().restoreCursor(); }
    void cancelled() override { canvas().restoreCursor(); }

private:
    QPointF pressPos_;
    scatter::Transform viewAtPress_;
};

} // namespace

std::unique_ptr<ScatterTool> makePanTool(ScatterCanvas& canvas)
{
    return std::make_unique<PanTool>(canvas);
}

} // namespace latentlab::ui
