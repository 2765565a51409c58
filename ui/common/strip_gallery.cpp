#include "ui/common/strip_gallery.h"

#include <QFontMetrics>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace latentlab::ui {
namespace {
constexpr int kGap = 6;      // between entries
constexpr int kImageGap = 2; // between the images of one strip
} // namespace

StripGallery::StripGallery(QWidget* parent) : QWidget(parent) {}

void StripGallery::setEntries(QVector<StripEntry> entries)
{
    entries_ = std::move(entries);
    for (const StripEntry& e : entries_)
        length_ = std::max(length_, static_cast<int>(e.images.size()));
    updateGeometry();
    update();
}

void StripGallery::setSelected(qint64 index)
{
    selected_ = index;
    update();
}

void StripGallery::setImageSize(int pixels)
{
    image_ = std::max(16, pixels);
    updateGeometry();
    update();
}

void StripGallery::setStripLength(int images)
{
    length_ = std::max(1, images);
    updateGeometry();
    update();
}

void StripGallery::setMinimumEntryWidth(int pixels)
{
    minimumWidth_ = std::max(0, pixels);
    updateGeometry();
    update();
}

QSize StripGallery::cellSize() const
{
    const QFontMetrics fm(font());
    const int strip = length_ * image_ + (length_ - 1) * kImageGap;
    return {std::max(strip, minimumWidth_) + kGap, image_ + 2 * fm.height() + kGap};
}

int StripGallery::columnsFor(int width) const
{
    return std::max(1, width / cellSize().width());
}

int StripGallery::capacity(QSize area) const
{
    const QSize c = cellSize();
    return std::max(1, area.width() / c.width()) * std::max(1, area.height() / c.height());
}

QRect StripGallery::itemRect(int item) const
{
    const int cols = columnsFor(width());
    const QSize c = cellSize();
    return {(item % cols) * c.width(), (item / cols) * c.height(), c.width() - kGap, c.height() - kGap};
}

int StripGallery::itemAt(QPoint pos) const
{
    for (int i = 0; i < entries_.size(); ++i)
        if (itemRect(i).contains(pos))
            return i;
    return -1;
}

int StripGallery::heightForWidth(int width) const
{
    const int cols = columnsFor(width);
    return std::max(1, (static_cast<int>(entries_.size()) + cols - 1) / cols) * cellSize().height();
}

QSize StripGallery::sizeHint() const
{
    return {4 * cellSize().width(), 3 * cellSize().height()};
}

void StripGallery::paintEntries(QPainter& p) const
{
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const QFontMetrics fm(font());
    for (int i = 0; i < entries_.size(); ++i) {
        const StripEntry& e = entries_[i];
        const QRect r = itemRect(i);
        int x = r.left();
        for (const QImage& image : e.images) {
            if (!image.isNull())
                p.drawImage(QRect(x, r.top(), image_, image_), image);
            x += image_ + kImageGap;
        }
        if (e.mark.isValid()) {
            const int side = std::max(6, image_ / 6);
            p.fillRect(QRect(r.left() + 2, r.top() + 2, side, side), e.mark);
        }
        p.setPen(palette().text().color());
        const QRect caption(r.left(), r.top() + image_ + 1, r.width(), fm.height());
        p.drawText(caption, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(e.caption, Qt::ElideRight, r.width()));
        p.setPen(palette().placeholderText().color());
        p.drawText(caption.translated(0, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(e.detail, Qt::ElideRight, r.width()));
        if (e.index == selected_) {
            p.setPen(QPen(palette().highlight().color(), 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r.adjusted(-2, -2, 1, 1));
        }
    }
}

void StripGallery::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paintEntries(p);
}

QImage StripGallery::toImage() const
{
    QImage out(QSize(width(), std::max(1, heightForWidth(width()))), QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    paintEntries(p);
    return out;
}

void StripGallery::mouseReleaseEvent(QMouseEvent* event)
{
    const int item = itemAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && item >= 0) {
        setSelected(entries_[item].index);
        Q_EMIT sampleClicked(entries_[item].index);
    }
}

} // namespace latentlab::ui
