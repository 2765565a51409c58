#include "ui/explorer/scatter/scatter_raster.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace latentlab::ui::scatter {
namespace {

// x * a / 255 on all four channels at once, two at a time in the spare bits (as Qt's own raster engine does).
inline std::uint32_t byteMul(std::uint32_t x, std::uint32_t a)
{
    std::uint32_t rb = (x & 0xff00ffu) * a;
    rb = ((rb + ((rb >> 8) & 0xff00ffu) + 0x800080u) >> 8) & 0xff00ffu;
    std::uint32_t ag = ((x >> 8) & 0xff00ffu) * a;
    ag = (ag + ((ag >> 8) & 0xff00ffu) + 0x800080u) & 0xff00ff00u;
    return ag | rb;
}

inline std::uint32_t over(std::uint32_t src, std::uint32_t dst)
{
    return src + byteMul(dst, 255u - (src >> 24));
}

// Points in index order land all over the image, and at 70,000 points most stamps then wait on memory. So
// points are first sorted, stably, into bands of rows small enough to stay in cache and drawn band by band;
// within a band the order is still the index order, so every pixel sees the same sequence of points and the
// result is exactly that of drawing in index order. 32 rows of a 1280-pixel-wide image are 160 KB.
constexpr int kBandRows = 32;

struct Stamp {
    int x, y; // the sprite's top-left pixel
    std::uint32_t color;
};

class Stamper {
public:
    Stamper(QImage& image, const Sprite& sprite)
        : bits_(reinterpret_cast<std::uint32_t*>(image.bits()))
        , stride_(image.bytesPerLine() / 4)
        , width_(image.width())
        , height_(image.height())
        , sprite_(sprite)
        , half_(sprite.size() / 2.0)
    {
    }

    int height() const { return height_; }

    // Where the sprite of a point at pixel (px, py) goes; false when it misses the image (or px, py is NaN).
    bool place(double px, double py, std::uint32_t color, Stamp& stamp) const
    {
        const int s = sprite_.size();
        const double fx = px - half_, fy = py - half_;
        if (!(fx > -s && fx < width_ && fy > -s && fy < height_))
            return false;
        // Rounding by truncation after an offset: fx > -s, so the sum is positive and no floor() is needed.
        stamp = {static_cast<int>(fx + 0.5 + s) - s, static_cast<int>(fy + 0.5 + s) - s, color};
        return true;
    }

    // The first and last band a stamp touches.
    std::pair<int, int> bands(const Stamp& stamp) const
    {
        return {std::max(stamp.y, 0) / kBandRows, (std::min(stamp.y + sprite_.size(), height_) - 1) / kBandRows};
    }

    // Blends the stamp into image rows top to bottom - 1.
    void draw(const Stamp& stamp, int top, int bottom) const
    {
        // The point's colour at each coverage level of the sprite, so each pixel costs one blend.
        std::uint32_t shades[Sprite::kMaxLevels];
        const std::vector<std::uint8_t>& levels = sprite_.levels();
        for (std::size_t k = 0; k < levels.size(); ++k)
            shades[k] = levels[k] == 255 ? stamp.color : byteMul(stamp.color, levels[k]);
        const int s = sprite_.size();
        const int x0 = std::max(0, -stamp.x), x1 = std::min(s, width_ - stamp.x);
        const int y0 = std::max(0, top - stamp.y), y1 = std::min(s, bottom - stamp.y);
        for (int y = y0; y < y1; ++y) {
            const std::uint8_t* level = sprite_.levelRow(y);
            std::uint32_t* line = bits_ + (stamp.y + y) * stride_ + stamp.x;
            for (int x = x0; x < x1; ++x)
                if (level[x] != Sprite::kEmpty)
                    line[x] = over(shades[level[x]], line[x]);
        }
    }

private:
    std::uint32_t* bits_;
    qsizetype stride_; // in pixels
    int width_, height_;
    const Sprite& sprite_;
    double half_; // from a point's centre to its sprite's top-left corner
};

} // namespace

Sprite::Sprite(int size)
    : size_(std::max(1, size))
    , levelOf_(static_cast<std::size_t>(size_) * size_, kEmpty)
{
    // Coverage by 4x4 supersampling of each pixel against a circle filling the square.
    constexpr int kSub = 4;
    static_assert(kSub * kSub <= kMaxLevels);
    const double r = size_ / 2.0;
    std::uint8_t levelOfCount[kSub * kSub + 1];
    std::fill(std::begin(levelOfCount), std::end(levelOfCount), kEmpty);
    for (int y = 0; y < size_; ++y) {
        for (int x = 0; x < size_; ++x) {
            int inside = 0;
            for (int sy = 0; sy < kSub; ++sy) {
                for (int sx = 0; sx < kSub; ++sx) {
                    const double dx = x + (sx + 0.5) / kSub - r, dy = y + (sy + 0.5) / kSub - r;
                    inside += dx * dx + dy * dy <= r * r;
                }
            }
            if (inside == 0)
                continue;
            if (levelOfCount[inside] == kEmpty) {
                levelOfCount[inside] = static_cast<std::uint8_t>(levels_.size());
                levels_.push_back(static_cast<std::uint8_t>(inside * 255 / (kSub * kSub)));
            }
            levelOf_[static_cast<std::size_t>(y) * size_ + x] = levelOfCount[inside];
        }
    }
}

std::uint32_t premultiplied(const QColor& color)
{
    return qPremultiply(color.rgba());
}

QColor classColor(int cls)
{
    static constexpr std::array<QRgb, 10> tableau {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                                   0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
    if (cls < 0)
        return unlabelledColor();
    const QColor base(tableau[static_cast<std::size_t>(cls) % tableau.size()]);
    const int round = cls / static_cast<int>(tableau.size());
    if (round == 0)
        return base;
    return round % 2 == 1 ? base.darker(100 + 40 * ((round + 1) / 2)) : base.lighter(100 + 25 * (round / 2));
}

QColor unlabelledColor()
{
    return QColor(0xa0, 0xa0, 0xa0);
}

QColor colormap(double t)
{
    static constexpr std::array<QRgb, 9> viridis {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e,
                                                  0x1f9e89, 0x35b779, 0x6ece58, 0xfde725};
    if (!std::isfinite(t))
        return unlabelledColor();
    const double at = std::clamp(t, 0.0, 1.0) * (viridis.size() - 1);
    const std::size_t i = std::min(static_cast<std::size_t>(at), viridis.size() - 2);
    const double f = at - static_cast<double>(i);
    const QColor a(viridis[i]), b(viridis[i + 1]);
    const auto mix = [f](int u, int v) { return static_cast<int>(std::lround(u + (v - u) * f)); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

void stampPoints(QImage& image, const Transform& t, const Sprite& sprite, const std::vector<float>& xy,
                 const std::vector<std::uint32_t>& colors, const std::vector<std::uint8_t>& visible)
{
    if (image.isNull())
        return;
    const Stamper stamper(image, sprite);
    const std::size_t n = colors.size();
    std::vector<Stamp> placed;
    placed.reserve(n);
    std::vector<int> start(static_cast<std::size_t>((stamper.height() + kBandRows - 1) / kBandRows) + 1, 0);
    Stamp stamp;
    for (std::size_t i = 0; i < n; ++i) {
        if (visible[i] && stamper.place(t.ax * xy[2 * i] + t.bx, t.ay * xy[2 * i + 1] + t.by, colors[i], stamp)) {
            placed.push_back(stamp);
            const auto [first, last] = stamper.bands(stamp);
            for (int b = first; b <= last; ++b)
                ++start[b + 1];
        }
    }
    for (std::size_t b = 1; b < start.size(); ++b)
        start[b] += start[b - 1];
    std::vector<Stamp> banded(static_cast<std::size_t>(start.back()));
    std::vector<int> next(start.begin(), start.end() - 1);
    for (const Stamp& s : placed) {
        const auto [first, last] = stamper.bands(s);
        for (int b = first; b <= last; ++b)
            banded[next[b]++] = s;
    }
    for (std::size_t b = 0; b + 1 < start.size(); ++b) {
        const int top = static_cast<int>(b) * kBandRows;
        const int bottom = std::min(top + kBandRows, stamper.height());
        for (int e = start[b]; e < start[b + 1]; ++e)
            stamper.draw(banded[e], top, bottom);
    }
}

void stampSome(QImage& image, const Transform& t, const Sprite& sprite, const std::vector<float>& xy,
               const std::vector<std::uint32_t>& colors, const std::vector<std::uint8_t>& visible,
               const std::vector<int>& indices)
{
    if (image.isNull())
        return;
    const Stamper stamper(image, sprite);
    Stamp stamp;
    for (int i : indices)
        if (visible[i] && stamper.place(t.ax * xy[2 * i] + t.bx, t.ay * xy[2 * i + 1] + t.by, colors[i], stamp))
            stamper.draw(stamp, 0, stamper.height());
}

} // namespace latentlab::ui::scatter
