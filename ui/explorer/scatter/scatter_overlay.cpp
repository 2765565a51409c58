#include "ui/explorer/scatter/scatter_overlay.h"

#include <QPainter>
#include <QPalette>

#include <algorithm>

namespace latentlab::ui::scatter {
namespace {

constexpr int kThumbnail = 84;
constexpr int kCardTextWidth = 220;
constexpr int kCardPad = 6;
constexpr int kCardOffset = 16; // from the cursor, so the card never covers the point it describes
const QColor kHalo(255, 255, 255, 220);
const QColor kProbeColor(0xc0, 0x10, 0x40);

} // namespace

const QColor kMarkColor(0x20, 0x20, 0x20);

void drawRing(QPainter& p, QPointF centre, double radius, const QColor& color, double width)
{
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(kHalo, width + 2));
    p.drawEllipse(centre, radius, radius);
    p.setPen(QPen(color, width));
    p.drawEllipse(centre, radius, radius);
}

void drawProbe(QPainter& p, QPointF c)
{
    p.setBrush(Qt::NoBrush);
    for (const auto& [color, width] : {std::pair {kHalo, 3.5}, std::pair {kProbeColor, 1.5}}) {
        p.setPen(QPen(color, width));
        p.drawEllipse(c, 6.0, 6.0);
        p.drawLine(c + QPointF(-13, 0), c + QPointF(-7, 0));
        p.drawLine(c + QPointF(7, 0), c + QPointF(13, 0));
        p.drawLine(c + QPointF(0, -13), c + QPointF(0, -7));
        p.drawLine(c + QPointF(0, 7), c + QPointF(0, 13));
    }
}

void drawPath(QPainter& p, const QPolygonF& path)
{
    if (path.size() < 2)
        return;
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(kHalo, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(path);
    p.setPen(QPen(kMarkColor, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(path);
    p.setBrush(kMarkColor);
    for (const QPointF& vertex : path)
        p.drawEllipse(vertex, 2.5, 2.5);
}

void HoverCard::set(QString caption, const QImage& thumbnail)
{
    caption_ = std::move(caption);
    thumbnail_ = QImage();
    if (thumbnail.isNull())
        return;
    const int longest = std::max(thumbnail.width(), thumbnail.height());
    thumbnail_ = longest > kThumbnail
        ? thumbnail.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::SmoothTransformation)
        : thumbnail.scaled(thumbnail.size() * (kThumbnail / longest), Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

void HoverCard::paint(QPainter& p, QPointF cursor, const QRect& bounds, const QPalette& palette) const
{
    if (caption_.isEmpty() && thumbnail_.isNull())
        return;
    const QFontMetrics metrics = p.fontMetrics();
    const QRect text = caption_.isEmpty()
        ? QRect()
        : metrics.boundingRect(QRect(0, 0, kCardTextWidth, 10000), Qt::TextWordWrap, caption_);
    const QSize thumb = thumbnail_.size();
    const int gap = !thumb.isEmpty() && !text.isEmpty() ? kCardPad / 2 : 0;
    const QSize card(std::max(thumb.width(), text.width()) + 2 * kCardPad,
                     thumb.height() + gap + text.height() + 2 * kCardPad);
    QPoint at = cursor.toPoint() + QPoint(kCardOffset, kCardOffset);
    if (at.x() + card.width() > bounds.right())
        at.rx() = int(cursor.x()) - kCardOffset - card.width();
    if (at.y() + card.height() > bounds.bottom())
        at.ry() = int(cursor.y()) - kCardOffset - card.height();
    const QRect frame(QPoint(std::max(bounds.left(), at.x()), std::max(bounds.top(), at.y())), card);

    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QColor(0, 0, 0, 70));
    p.setBrush(QColor(255, 255, 255, 240));
    p.drawRoundedRect(QRectF(frame).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    if (!thumb.isEmpty()) {
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(QPoint(frame.left() + (card.width() - thumb.width()) / 2, frame.top() + kCardPad), thumbnail_);
    }
    p.setPen(palette.color(QPalette::Active, QPalette::WindowText));
    p.drawText(QRect(frame.left() + kCardPad, frame.top() + kCardPad + thumb.height() + gap,
                     card.width() - 2 * kCardPad, text.height()),
               Qt::AlignHCenter | Qt::TextWordWrap, caption_);
    p.restore();
}

} // namespace latentlab::ui::scatter
