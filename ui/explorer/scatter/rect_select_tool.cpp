// A rubber band: in the rectangle mode a left drag, in navigate and probe mode a drag with Shift or Alt held
// (Shift wins over probe mode, so a region can be drawn while probing). On release the visible points inside
// it meet the region as the modifiers at the press say (region_ops.h). A band too small to mean a shape is a
// click: without modifiers it selects the point under the mouse (or clears the selection and the region),
// with them it changes nothing.
#include "ui/explorer/scatter/scatter_tools.h"

#include <QPainter>
#include <QPalette>
#include <QRectF>

namespace latentlab::ui {
namespace {

class RectSelectTool final : public ScatterTool {
public:
    using ScatterTool::ScatterTool;

    bool accepts(const ScatterPress& press) const override
    {
        return press.button == Qt::LeftButton
            && (canvas().rectangleMode() || (press.modifiers & (Qt::ShiftModifier | Qt::AltModifier)));
    }

    void pressed(const ScatterPress& press) override
    {
        pressPos_ = press.pos;
        op_ = regionOpFor(press.modifiers);
        moved_ = false;
        band_ = QRectF(press.pos, press.pos);
        canvas().clearHover();
    }

    void moved(QPointF pos) override
    {
        moved_ = moved_ || (pos - pressPos_).manhattanLength() >= kClickSlop;
        band_ = QRectF(pressPos_, pos).normalized();
        canvas().updateCanvas();
    }

    void released(QPointF pos) override
    {
        const QRectF band = QRectF(pressPos_, pos).normalized();
        band_ = {};
        canvas().updateCanvas();
        if (!moved_ && (pos - pressPos_).manhattanLength() < kClickSlop) {
            if (op_ == RegionOp::Replace)
                canvas().click(canvas().nearestPoint(pos));
            return;
        }
        canvas().selectRegion(canvas().pointsIn(band), op_);
    }

    void cancelled() override
    {
        band_ = {};
        canvas().updateCanvas();
    }

    void paint(QPainter& painter, const QPalette& palette) const override
    {
        painter.setPen(QPen(palette.highlight().color(), 1, Qt::DashLine));
        QColor fill = palette.highlight().color();
        fill.setAlpha(40);
        painter.setBrush(fill);
        painter.drawRect(band_);
    }

private:
    QPointF pressPos_;
    RegionOp op_ = RegionOp::Replace;
    bool moved_ = false; // went past the click slop at some point, even if it came back
    QRectF band_; // as drawn, in widget coordinates
};

} // namespace

std::unique_ptr<ScatterTool> makeRectSelectTool(ScatterCanvas& canvas)
{
    return std::make_unique<RectSelectTool>(canvas);
}

} // namespace latentlab::ui
