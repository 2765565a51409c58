#pragma once
// What ScatterView paints over its point layer with QPainter, all of it few: rings around chosen points, the
// probe's crosshair, a path, and the card that describes the point under the mouse.
#include <QImage>
#include <QPointF>
#include <QPolygonF>
#include <QRect>
#include <QString>

QT_BEGIN_NAMESPACE
class QPainter;
class QPalette;
QT_END_NAMESPACE

namespace latentlab::ui::scatter {

// Rings and the path are drawn in this, over a white halo, so they show over any colour and any density.
extern const QColor kMarkColor;

void drawRing(QPainter& p, QPointF centre, double radius, const QColor& color, double width);
// A ring with four ticks: the probe. Grabbable within probeGrabRadius pixels of its centre.
constexpr double kProbeGrabRadius = 8.0;
void drawProbe(QPainter& p, QPointF centre);
// A polyline with a dot at each vertex, in widget coordinates.
void drawPath(QPainter& p, const QPolygonF& path);

class HoverCard {
public:
    // Small thumbnails are enlarged by whole factors with nearest-neighbour (28x28 becomes 84x84) so each
    // source pixel stays a sharp square; only larger ones are smoothed down to fit.
    void set(QString caption, const QImage& thumbnail);
    void clear() { set({}, {}); }
    QString caption() const { return caption_; }
    QImage thumbnail() const { return thumbnail_; }
    // Below and right of the cursor, flipped to the other side where `bounds` ends.
    void paint(QPainter& p, QPointF cursor, const QRect& bounds, const QPalette& palette) const;

private:
    QString caption_;
    QImage thumbnail_;
};

} // namespace latentlab::ui::scatter
