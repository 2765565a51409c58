#pragma once
// The point layer of ScatterView, written straight into the pixels of an ARGB32_Premultiplied QImage: a
// QPainter call per point costs tens of milliseconds at 70,000 points, this costs a few. Colours are
// premultiplied ARGB words computed once per point when classes or values change, so a render is a single
// loop of transform, cull and stamp.
#include <QColor>
#include <QImage>
#include <QPointF>

#include <cstdint>
#include <vector>

namespace latentlab::ui::scatter {

// Data to pixels, one axis at a time: pixel = a * data + b. ay is negative so that data y grows upwards.
struct Transform {
    double ax = 1, bx = 0, ay = -1, by = 0;

    QPointF map(QPointF d) const { return {ax * d.x() + bx, ay * d.y() + by}; }
    QPointF unmap(QPointF w) const { return {(w.x() - bx) / ax, (w.y() - by) / ay}; }
    Transform scaled(double factor) const { return {ax * factor, bx * factor, ay * factor, by * factor}; }
    bool operator==(const Transform& o) const { return ax == o.ax && bx == o.bx && ay == o.ay && by == o.by; }
    bool operator!=(const Transform& o) const { return !(*this == o); }
};

// A disc `size` pixels across, its rim antialiased, so that small points stay round and keep their size wherever
// they fall between pixels. Coverage comes from 4x4 supersampling, so it takes at most 16 distinct levels: a
// point's colour is shaded once per level, not once per pixel.
class Sprite {
public:
    static constexpr int kMaxLevels = 16;
    static constexpr std::uint8_t kEmpty = 0xff;

    explicit Sprite(int size);
    int size() const { return size_; }
    // Per pixel, row by row: an index into levels(), or kEmpty where the disc does not reach.
    const std::uint8_t* levelRow(int y) const { return levelOf_.data() + static_cast<std::size_t>(y) * size_; }
    // Distinct coverages, 1 to 255.
    const std::vector<std::uint8_t>& levels() const { return levels_; }

private:
    int size_;
    std::vector<std::uint8_t> levelOf_;
    std::vector<std::uint8_t> levels_;
};

// How opaque a point is: overlapping points build up colour, so density shows.
constexpr int kPointAlpha = 180;

std::uint32_t premultiplied(const QColor& color);
// A qualitative palette (Tableau 10); past ten classes the hues repeat, darker and lighter by turns.
QColor classColor(int cls);
// Points without a class.
QColor unlabelledColor();
// Viridis, interpolated from nine of its stops: t = 0 is dark purple, t = 1 yellow.
QColor colormap(double t);

// Stamps point i of xy (2 * count interleaved data coordinates) in colors[i] wherever visible[i] is non-zero,
// in index order, source-over, clipped to the image. Points with a non-finite coordinate are skipped.
void stampPoints(QImage& image, const Transform& t, const Sprite& sprite, const std::vector<float>& xy,
                 const std::vector<std::uint32_t>& colors, const std::vector<std::uint8_t>& visible);
// The same for a few chosen points, in the order given (to draw them on top of the rest).
void stampSome(QImage& image, const Transform& t, const Sprite& sprite, const std::vector<float>& xy,
               const std::vector<std::uint32_t>& colors, const std::vector<std::uint8_t>& visible,
               const std::vector<int>& indices);

} // namespace latentlab::ui::scatter
