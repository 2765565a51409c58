// A freehand lasso, in the lasso mode: a left drag draws the outline, and on release the visible points
// inside it (odd-even, so a loop drawn twice over cancels out) meet the region as the modifiers at the press
// say (region_ops.h). The outline closes itself from the last point back to the first. A lasso too small to
// enclose anything is a click, as for the rectangle.
#include "ui/explorer/scatter/scatter_tools.h"

#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPolygonF>

#include <utility>

namespace latentlab::ui {
namespace {

// A new vertex only after the mouse has gone this far (Manhattan): a slow drag would otherwise put thousands
// of vertices on the outline, and the point test walks every one of them.
constexpr double kVertexSpacing = 3.0;

class LassoSelectTool final : public ScatterTool {
public:
    using ScatterTool::ScatterTool;

    bool accepts(const ScatterPress& press) const override
    {
        return press.button == Qt::LeftButton && canvas().lassoMode();
    }

    void pressed(const ScatterPress& press) override
    {
        op_ = regionOpFor(press.modifiers);
        moved_ = false;
        outline_ = QPolygonF({press.pos});
        canvas().clearHover();
    }

    void moved(QPointF pos) override
    {
        moved_ = moved_ || (pos - outline_.first()).manhattanLength() >= kClickSlop;
        if ((pos - outline_.last()).manhattanLength() >= kVertexSpacing) {
            outline_.append(pos);
            canvas().updateCanvas();
        }
    }

    void released(QPointF pos) override
    {
        QPolygonF outline = std::exchange(outline_, {});
        canvas().updateCanvas();
        if (!moved_) {
            if (op_ == RegionOp::Replace)
                canvas().click(canvas().nearestPoint(pos));
            return;
        }
        if (outline.last() != pos)
            outline.append(pos);
        canvas().selectRegion(canvas().pointsIn(outline), op_);
    }

    void cancelled() override
    {
        outline_.clear();
        canvas().updateCanvas();
    }

    void paint(QPainter& painter, const QPalette& palette) const override
    {
        if (outline_.size() < 2)
            return;
        QColor fill = palette.highlight().color();
        fill.setAlpha(40);
        QPainterPath area;
        area.addPolygon(outline_);
        area.closeSubpath();
        area.setFillRule(Qt::OddEvenFill);
        painter.fillPath(area, fill);
        painter.setPen(QPen(palette.highlight().color(), 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(outline_);
        // Where the outline will close on release.
        painter.setPen(QPen(palette.highlight().color(), 1, Qt::DashLine));
        painter.drawLine(outline_.last(), outline_.first());
    }

private:
    RegionOp op_ = RegionOp::Replace;
    bool moved_ = false;
    QPolygonF outline_; // in widget coordinates
};

} // namespace

std::unique_ptr<ScatterTool> makeLassoSelectTool(ScatterCanvas& canvas)
{
    return std::make_unique<LassoSelectTool>(canvas);
}

} // namespace latentlab::ui
