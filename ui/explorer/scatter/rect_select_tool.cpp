#include "ui/explorer/scatter/rect_select_tool.h"

#include <QPainter>
#include <QPalette>

namespace latentlab::ui {

bool RectSelectTool::accepts(const ScatterPress& press) const
{
    return press.button == Qt::LeftButton && (press.modifiers & Qt::ShiftModifier);
}

void RectSelectTool::pressed(const ScatterPress& press)
{
    pressPos_ = press.pos;
    band_ = QRectF(press.pos, press.pos);
    canvas().clearHover();
}

void RectSelectTool::moved(QPointF pos)
{
    band_ = QRectF(pressPos_, pos).normalized();
    canvas().updateCanvas();
}

void RectSelectTool::released(QPointF pos)
{
    const QRectF band = QRectF(pressPos_, pos).normalized();
    band_ = {};
    canvas().updateCanvas();
    canvas().selectRegion(band.width() < 2 && band.height() < 2 ? std::vector<int>() : canvas().pointsIn(band));
}

void RectSelectTool::cancelled()
{
    band_ = {};
    canvas().updateCanvas();
}

void RectSelectTool::paint(QPainter& painter, const QPalette& palette) const
{
    painter.setPen(QPen(palette.highlight().color(), 1, Qt::DashLine));
    QColor fill = palette.highlight().color();
    fill.setAlpha(40);
    painter.setBrush(fill);
    painter.drawRect(band_);
}

} // namespace latentlab::ui
