// Shift + drag draws a rubber band; on release the visible points inside it are the selected region
// (ScatterView::regionSelected). A band too small to mean a region (a Shift + click) selects none, which
// clears one. Shift wins over probe mode, so a region can be drawn while probing.
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
        return press.button == Qt::LeftButton && (press.modifiers & Qt::ShiftModifier);
    }

    void pressed(const ScatterPress& press) override
    {
        pressPos_ = press.pos;
        band_ = QRectF(press.pos, press.pos);
        canvas().clearHover();
    }

    void moved(QPointF pos) override
    {
        band_ = QRectF(pressPos_, pos).normalized();
        canvas().updateCanvas();
    }

    void released(QPointF pos) override
    {
        const QRectF band = QRectF(pressPos_, pos).normalized();
        band_ = {};
        canvas().updateCanvas();
        canvas().selectRegion(band.width() < 2 && band.height() < 2 ? std::vector<int>() : canvas().pointsIn(band));
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
    QRectF band_; // as drawn, in widget coordinates
};

} // namespace

std::unique_ptr<ScatterTool> makeRectSelectTool(ScatterCanvas& canvas)
{
    return std::make_unique<RectSelectTool>(canvas);
}

} // namespace latentlab::ui
