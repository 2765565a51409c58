#pragma once
// What a scatter tool (scatter_tool.h) may see of the ScatterView it works on and what it may do to it: map
// positions, find points, move the view and the probe, and report what a gesture meant. Narrow on purpose:
// every change a tool makes still goes through the view's own bookkeeping (repaints, signals, whether the view
// is still fitted), so a tool can be read, and written, without reading the view.
#include "ui/explorer/scatter/scatter_raster.h"

#include "ui/explorer/scatter/region_ops.h"

#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <vector>

namespace latentlab::ui {

class ScatterTool;

// The press that starts a gesture, in widget coordinates.
struct ScatterPress {
    QPointF pos;
    Qt::MouseButton button = Qt::NoButton;
    Qt::KeyboardModifiers modifiers;
};

class ScatterCanvas {
public:
    virtual ~ScatterCanvas() = default;

    // From data to widget coordinates, as the view is now.
    virtual scatter::Transform transform() const = 0;
    // From now on the view is the user's: it no longer follows the points (ScatterView::fitOnUpdate()).
    virtual void setTransform(const scatter::Transform& view) = 0;

    // As ScatterView::nearestPoint() and pointsIn(): visible points only.
    virtual int nearestPoint(QPointF widgetPos) const = 0;
    virtual std::vector<int> pointsIn(const QRectF& widgetRect) const = 0;
    virtual std::vector<int> pointsIn(const QPolygonF& widgetPolygon) const = 0;

    virtual bool probeMode() const = 0;
    // The select modes, where a plain left drag draws that shape.
    virtual bool rectangleMode() const = 0;
    virtual bool lassoMode() const = 0;
    virtual bool probeVisible() const = 0;
    virtual QPointF probe() const = 0; // in data coordinates
    // Shows the probe there and emits probeMoved, which only a user's gesture does.
    virtual void moveProbe(QPointF dataPos) = 0;

    // A click on a point, or on empty space (-1): selects it (or clears the selection and the region) and
    // emits clicked.
    virtual void click(int index) = 0;
    // Combines the points a shape enclosed (sorted, as pointsIn() gives them) with the region, and emits
    // regionSelected with the result.
    virtual void selectRegion(const std::vector<int>& shape, RegionOp op) = 0;

    virtual void clearHover() = 0;
    // The cursor while a gesture runs; restoreCursor() goes back to the one of the view's mode.
    virtual void setCursorShape(Qt::CursorShape shape) = 0;
    virtual void restoreCursor() = 0;
    // Schedules a repaint, in which the running tool's paint() draws what it shows.
    virtual void updateCanvas() = 0;

    // Gives the running gesture to another tool, as if `press` had gone to it, then passes it the move to pos:
    // a press that turns out to be a drag rather than a click changes hands this way.
    virtual void handOver(ScatterTool& next, const ScatterPress& press, QPointF pos) = 0;
};

} // namespace latentlab::ui
