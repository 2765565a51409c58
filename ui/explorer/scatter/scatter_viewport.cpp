#include "ui/explorer/scatter/scatter_viewport.h"

#include <algorithm>
#include <cmath>

namespace latentlab::ui {
namespace {

constexpr double kPadding = 0.03; // of the data range on each side, so no point sits on the frame
constexpr double kMinZoom = 1e-2; // relative to the fitted view
constexpr double kMaxZoom = 1e5;

// A single point, or points on a line, still get a range to be centred in.
void widen(double& lo, double& hi)
{
    const double span = hi - lo;
    const double pad = span > 0 ? span * kPadding : std::max(0.5, std::abs(lo) * 0.1);
    lo -= pad;
    hi += pad;
}

} // namespace

scatter::Transform ScatterViewport::fitted(QSize size) const
{
    QRectF plot = QRectF(QPointF(0, 0), QSizeF(size)).marginsRemoved(insets_);
    if (plot.width() < 1 || plot.height() < 1)
        plot = QRectF(0, 0, std::max(1, size.width()), std::max(1, size.height()));
    const QRectF b = bounds_.value_or(QRectF(-1, -1, 2, 2));
    double x0 = b.left(), x1 = b.right(), y0 = b.top(), y1 = b.bottom();
    widen(x0, x1);
    widen(y0, y1);
    scatter::Transform t;
    t.ax = plot.width() / (x1 - x0);
    t.bx = plot.left() - t.ax * x0;
    t.ay = -plot.height() / (y1 - y0);
    t.by = plot.bottom() - t.ay * y0;
    return t;
}

scatter::Transform ScatterViewport::transform(QSize size) const
{
    if (fitted_)
        return fitted(size);
    scatter::Transform t = view_;
    t.bx += (size.width() - viewSize_.width()) / 2.0;
    t.by += (size.height() - viewSize_.height()) / 2.0;
    return t;
}

void ScatterViewport::set(const scatter::Transform& view, QSize size)
{
    view_ = view;
    viewSize_ = size;
    fitted_ = false;
}

void ScatterViewport::zoom(QSize size, double factor, QPointF anchor)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    scatter::Transform t = transform(size);
    // Both axes zoom together, so the x ratio to the fitted view stands for both.
    const double zoom = t.ax / fitted(size).ax;
    factor = std::clamp(zoom * factor, kMinZoom, kMaxZoom) / zoom;
    const QPointF fixed = t.unmap(anchor);
    t.ax *= factor;
    t.ay *= factor;
    t.bx = anchor.x() - t.ax * fixed.x();
    t.by = anchor.y() - t.ay * fixed.y();
    set(t, size);
}

} // namespace latentlab::ui
