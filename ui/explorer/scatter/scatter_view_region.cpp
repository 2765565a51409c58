// ScatterView: which points a position, a rectangle or a lasso finds, and the sets of points the view treats
// apart from the rest (the selected region, an isolation). Kept beside scatter_view.cpp, which draws and
// dispatches, so that each file reads as one concern.
#include "ui/explorer/scatter/scatter_view.h"

#include "ui/explorer/scatter/region_ops.h"
#include "ui/explorer/scatter/scatter_overlay.h"

#include <QLineF>
#include <QPainter>

#include <cmath>

namespace latentlab::ui {

int ScatterView::nearestPoint(QPointF widgetPos, double maxPixels) const
{
    if (pointCount() == 0 || !(maxPixels > 0))
        return -1;
    const scatter::Transform t = viewport_.transform(size());
    const int found = data_.index().nearest(t.unmap(widgetPos), maxPixels / std::abs(t.ax), maxPixels / std::abs(t.ay),
                                            data_.visibleMask());
    // The index searches a rectangle; on the screen the distance that counts is round.
    if (found < 0 || QLineF(t.map(position(found)), widgetPos).length() > maxPixels)
        return -1;
    return found;
}

std::vector<int> ScatterView::pointsIn(const QRectF& widgetRect) const
{
    const scatter::Transform t = viewport_.transform(size());
    const QRectF data(t.unmap(widgetRect.topLeft()), t.unmap(widgetRect.bottomRight()));
    return data_.index().pointsInRect(data, data_.visibleMask());
}

std::vector<int> ScatterView::pointsIn(const QPolygonF& widgetPolygon) const
{
    if (widgetPolygon.size() < 3)
        return {};
    // The grid index finds the few points under the lasso's bounding box; only those pay for the exact test,
    // which walks every edge.
    const std::vector<int> candidates = pointsIn(widgetPolygon.boundingRect());
    const scatter::Transform t = viewport_.transform(size());
    std::vector<int> inside;
    inside.reserve(candidates.size());
    for (int i : candidates)
        if (widgetPolygon.containsPoint(t.map(position(i)), Qt::OddEvenFill))
            inside.push_back(i);
    return inside;
}

void ScatterView::setRegion(std::vector<int> indices)
{
    indices = cleanRegion(std::move(indices), pointCount());
    if (indices == region_)
        return;
    region_ = std::move(indices);
    pointsChanged();
    const std::vector<int> copy = region_; // receivers may change the region again
    Q_EMIT regionChanged(copy);
}

void ScatterView::setIsolated(std::vector<int> indices)
{
    isolated_ = cleanRegion(std::move(indices), pointCount());
    data_.setIsolated(isolated_);
    pointsChanged();
}

void ScatterView::clearIsolated()
{
    if (!data_.isolating())
        return;
    isolated_.clear();
    data_.clearIsolated();
    pointsChanged();
}

void ScatterView::ringPoints(QImage& image, const scatter::Transform& t, const std::vector<int>& indices, qreal dpr) const
{
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const double radius = (pointSize_ / 2.0 + 2.0) * dpr;
    const QRectF inside = QRectF(image.rect()).adjusted(-radius, -radius, radius, radius);
    for (int i : indices) {
        const QPointF c = t.map(position(i));
        if (data_.visible(i) && inside.contains(c))
            scatter::drawRing(p, c, radius, scatter::kMarkColor, 1.2 * dpr);
    }
}

} // namespace latentlab::ui
