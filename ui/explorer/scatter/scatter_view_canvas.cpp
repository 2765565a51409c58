#include "ui/explorer/scatter/scatter_view_canvas.h"

#include "ui/explorer/scatter/scatter_tool.h"

namespace latentlab::ui {

scatter::Transform ScatterView::Canvas::transform() const
{
    return view_.viewport_.transform(view_.size());
}

void ScatterView::Canvas::setTransform(const scatter::Transform& view)
{
    view_.setView(view);
}

int ScatterView::Canvas::nearestPoint(QPointF widgetPos) const
{
    return view_.nearestPoint(widgetPos);
}

std::vector<int> ScatterView::Canvas::pointsIn(const QRectF& widgetRect) const
{
    return view_.pointsIn(widgetRect);
}

std::vector<int> ScatterView::Canvas::pointsIn(const QPolygonF& widgetPolygon) const
{
    return view_.pointsIn(widgetPolygon);
}

bool ScatterView::Canvas::probeMode() const
{
    return view_.mode_ == Mode::Probe;
}

bool ScatterView::Canvas::rectangleMode() const
{
    return view_.mode_ == Mode::Rectangle;
}

bool ScatterView::Canvas::lassoMode() const
{
    return view_.mode_ == Mode::Lasso;
}

bool ScatterView::Canvas::probeVisible() const
{
    return view_.probeVisible_;
}

QPointF ScatterView::Canvas::probe() const
{
    return view_.probe_;
}

void ScatterView::Canvas::moveProbe(QPointF dataPos)
{
    view_.probe_ = dataPos;
    view_.probeVisible_ = true;
    view_.update();
    Q_EMIT view_.probeMoved(dataPos);
}

void ScatterView::Canvas::click(int index)
{
    view_.setSelected(index);
    // Empty space clears everything that was selected, as in most programs that select.
    const bool clearsRegion = index < 0 && !view_.region_.empty();
    if (clearsRegion)
        view_.setRegion({});
    Q_EMIT view_.clicked(index);
    if (clearsRegion)
        Q_EMIT view_.regionSelected({});
}

void ScatterView::Canvas::selectRegion(const std::vector<int>& shape, RegionOp op)
{
    view_.setRegion(combineRegion(view_.region_, shape, op));
    // A copy: a receiver may set another region while later receivers still read this one.
    const std::vector<int> region = view_.region_;
    Q_EMIT view_.regionSelected(region);
}

void ScatterView::Canvas::clearHover()
{
    view_.setHovered(-1);
}

void ScatterView::Canvas::setCursorShape(Qt::CursorShape shape)
{
    view_.setCursor(shape);
}

void ScatterView::Canvas::restoreCursor()
{
    view_.setMode(view_.mode_); // a mode sets its own cursor
}

void ScatterView::Canvas::updateCanvas()
{
    view_.update();
}

void ScatterView::Canvas::handOver(ScatterTool& next, const ScatterPress& press, QPointF pos)
{
    view_.beginGesture(next, press);
    next.moved(pos);
}

} // namespace latentlab::ui
