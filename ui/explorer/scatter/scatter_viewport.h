#pragma once
// Which part of the data plane a ScatterView shows. It follows the points, fitted to them however they move,
// until the user zooms or pans; from then on the view is the user's, keeping its centre when the widget is
// resized, until reset(). Stored as a transform for the size it was made at, so every query can ask for any
// widget size (renderPoints() does) and no resize event has to be caught to keep it right.
#include "ui/explorer/scatter/scatter_raster.h"

#include <QMargins>
#include <QRectF>
#include <QSize>

#include <optional>

namespace latentlab::ui {

class ScatterViewport {
public:
    // What the fitted view shows: the points' bounds (none: a unit square), a little padded.
    void setBounds(std::optional<QRectF> dataBounds) { bounds_ = dataBounds; }
    // Where in the widget the fitted points go.
    void setInsets(QMargins insets) { insets_ = insets; }

    scatter::Transform transform(QSize size) const;
    scatter::Transform fitted(QSize size) const;
    bool isFitted() const { return fitted_; }
    void reset() { fitted_ = true; }
    void set(const scatter::Transform& view, QSize size);
    // Both axes by factor about a widget position, which stays over the same data point; within limits.
    void zoom(QSize size, double factor, QPointF anchor);

private:
    std::optional<QRectF> bounds_;
    QMargins insets_;
    bool fitted_ = true;
    scatter::Transform view_; // when !fitted_, for a widget of viewSize_
    QSize viewSize_;
};

} // namespace latentlab::ui
