#include "ui/explorer/scatter/scatter_legend.h"

#include "ui/explorer/scatter/scatter_raster.h"

#include <QLinearGradient>
#include <QLocale>
#include <QPainter>
#include <QPalette>

#include <algorithm>

namespace latentlab::ui {
namespace {

constexpr int kPad = 6;
constexpr int kSwatch = 10;
constexpr int kGap = 6;
constexpr int kMaxTextWidth = 160; // longer class names are elided
constexpr int kBarWidth = 12;
constexpr int kBarHeight = 140;
constexpr int kMinBarHeight = 40;

} // namespace

ScatterLegend::ScatterLegend(std::vector<Entry> entries, ColorBar bar, const QFont& font)
    : entries_(std::move(entries))
    , bar_(bar)
    , font_(font)
    , metrics_(font)
{
    int text = 0;
    for (const Entry& e : entries_)
        text = std::max(text, metrics_.horizontalAdvance(e.name));
    if (!entries_.empty())
        width_ = 2 * kPad + kSwatch + kGap + std::min(text + 2, kMaxTextWidth); // +2: elision rounds
    if (bar_.shown) {
        const int labels
            = std::max(metrics_.horizontalAdvance(label(bar_.low)), metrics_.horizontalAdvance(label(bar_.high)));
        width_ = std::max(width_, 2 * kPad + kBarWidth + kGap + labels);
    }
}

QString ScatterLegend::label(double value) const
{
    return QLocale().toString(value, 'g', 3);
}

void ScatterLegend::layout(const QRect& column)
{
    rects_.assign(entries_.size(), QRect());
    barRect_ = frame_ = QRect();
    if (width_ == 0)
        return;
    const int rowHeight = std::max(metrics_.height(), kSwatch) + 4;
    const int reserved = bar_.shown ? kMinBarHeight + metrics_.height() + kGap : 0;
    int y = column.top() + kPad;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (y + rowHeight > column.bottom() - kPad - reserved)
            break;
        rects_[i] = QRect(column.left(), y, width_, rowHeight);
        y += rowHeight;
    }
    if (bar_.shown) {
        // Room above and below the bar for half a label each.
        y += y > column.top() + kPad ? kGap : 0;
        const int height = std::min(kBarHeight, column.bottom() - kPad - y - metrics_.height());
        if (height >= kMinBarHeight) {
            barRect_ = QRect(column.left() + kPad, y + metrics_.height() / 2, kBarWidth, height);
            y += height + metrics_.height();
        }
    }
    if (y > column.top() + kPad)
        frame_ = QRect(column.left(), column.top(), width_, y - column.top() + kPad);
}

QRect ScatterLegend::entryRect(int cls) const
{
    return cls >= 0 && static_cast<std::size_t>(cls) < rects_.size() ? rects_[cls] : QRect();
}

int ScatterLegend::entryAt(QPoint pos) const
{
    for (std::size_t i = 0; i < rects_.size(); ++i)
        if (rects_[i].contains(pos))
            return static_cast<int>(i);
    return -1;
}

void ScatterLegend::paint(QPainter& p, const QPalette& palette) const
{
    if (frame_.isEmpty())
        return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setFont(font_);
    // Mostly opaque: points panned under the legend still show faintly, so nothing seems to vanish.
    p.setPen(QColor(0, 0, 0, 40));
    p.setBrush(QColor(255, 255, 255, 225));
    p.drawRoundedRect(QRectF(frame_).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);

    const QColor text = palette.color(QPalette::Active, QPalette::WindowText);
    const QColor greyed = palette.color(QPalette::Disabled, QPalette::WindowText);
    for (std::size_t i = 0; i < rects_.size(); ++i) {
        const QRect& r = rects_[i];
        if (r.isEmpty())
            continue;
        const Entry& e = entries_[i];
        const QRectF swatch(r.left() + kPad, r.center().y() - kSwatch / 2.0 + 0.5, kSwatch, kSwatch);
        p.setPen(e.visible ? Qt::NoPen : QPen(greyed, 1.2));
        p.setBrush(e.visible ? QBrush(e.swatch) : Qt::NoBrush);
        p.drawEllipse(swatch.adjusted(0.5, 0.5, -0.5, -0.5));
        const QRect textRect(r.left() + kPad + kSwatch + kGap, r.top(), r.width() - 2 * kPad - kSwatch - kGap,
                             r.height());
        p.setPen(e.visible ? text : greyed);
        p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                   metrics_.elidedText(e.name, Qt::ElideRight, textRect.width()));
    }

    if (!barRect_.isEmpty()) {
        QLinearGradient gradient(barRect_.bottomLeft(), barRect_.topLeft());
        constexpr int kStops = 8;
        for (int i = 0; i <= kStops; ++i)
            gradient.setColorAt(double(i) / kStops, scatter::colormap(double(i) / kStops));
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(QColor(0, 0, 0, 60));
        p.setBrush(gradient);
        p.drawRect(barRect_);
        p.setPen(text);
        const int x = barRect_.right() + kGap;
        const int h = metrics_.height();
        p.drawText(QRect(x, barRect_.top() - h / 2, width_, h), Qt::AlignLeft | Qt::AlignVCenter, label(bar_.high));
        p.drawText(QRect(x, barRect_.bottom() - h / 2, width_, h), Qt::AlignLeft | Qt::AlignVCenter, label(bar_.low));
    }
    p.restore();
}

} // namespace latentlab::ui
