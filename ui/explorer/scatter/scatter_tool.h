#pragma once
// One gesture on a ScatterView, from the press that starts it to the release that ends it, as one of Tiled's
// AbstractTool subclasses is one way of editing a map. The view offers each press to its tools in a fixed
// order, the first that accepts it receives the moves and the release, and the view itself keeps no state
// about the drag. A new gesture is one more tool in that list, not another case in the view's handlers.
#include "ui/explorer/scatter/scatter_canvas.h"

#include <QPointF>

QT_BEGIN_NAMESPACE
class QPainter;
class QPalette;
QT_END_NAMESPACE

namespace latentlab::ui {

class ScatterTool {
public:
    explicit ScatterTool(ScatterCanvas& canvas) : canvas_(canvas) {}
    virtual ~ScatterTool() = default;
    ScatterTool(const ScatterTool&) = delete;
    ScatterTool& operator=(const ScatterTool&) = delete;

    // Whether this press starts the tool's gesture. Only asked when no tool before it in the view's order
    // took the press, so a tool checks what makes its gesture different, not everything that does not.
    virtual bool accepts(const ScatterPress& press) const = 0;
    virtual void pressed(const ScatterPress& press) = 0;
    virtual void moved(QPointF pos) = 0;
    // The view updates the hover after this, so a tool need not.
    virtual void released(QPointF pos) = 0;
    // The gesture ended without a release: a new press started another, or a double click reset the view.
    virtual void cancelled() {}
    // Drawn over everything else while the gesture runs (the hover card is hidden then).
    virtual void paint(QPainter&, const QPalette&) const {}

protected:
    ScatterCanvas& canvas() const { return canvas_; }

private:
    ScatterCanvas& canvas_;
};

} // namespace latentlab::ui
