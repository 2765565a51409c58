#include "ui/anomaly/anomaly_gallery.h"

#include <QFontMetrics>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace latentlab::ui {
namespace {
constexpr int gap = 6;
}

AnomalyGallery::AnomalyGallery(QWidget* parent) : QWidget(parent) {}

void AnomalyGallery::setItems(QVector<AnomalyItem> items)
{
    items_ = std::move(items);
    updateGeometry();
    update();
}

void AnomalyGallery::setSelected(qint64 index)
{
    selected_ = index;
    update();
}

void AnomalyGallery::setImageSize(int pixels)
{
    image_ = std::max(16, pixels);
    updateGeometry();
    update();
}

QSize AnomalyGallery::cellSize() const
{
    const QFontMetrics fm(font());
    return {3 * image_ + 2 * 2 + gap, image_ + 2 * fm.height() + gap};
}

int AnomalyGallery::columnsFor(int width) const
{
    return std::max(1, width / cellSize().width());
}

int AnomalyGallery::capacity(QSize area) const
{
    const QSize c = cellSize();
    return std::max(1, area.width() / c.width()) * std::max(1, area.height() / c.height());
}

QRect AnomalyGallery::itemRect(int item) const
{
    const int cols = columnsFor(width());
    const QSize c = cellSize();
    return {(item % cols) * c.width(), (item / cols) * c.height(), c.width() - gap, c.height() - gap};
}

int AnomalyGallery::itemAt(QPoint pos) const
{
    for (int i = 0; i < items_.size(); ++i)
        if (itemRect(i).contains(pos))
            return i;
    return -1;
}

int AnomalyGallery::heightForWidth(int width) const
{
    const int cols = columnsFor(width);
    return std::max(1, (static_cast<int>(items_.size()) + cols - 1) / cols) * cellSize().height();
}

QSize AnomalyGallery::sizeHint() const
{
    return {4 * cellSize().width(), 3 * cellSize().height()};
}

void AnomalyGallery::paintItems(QPainter& p) const
{
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const QFontMetrics fm(font());
    for (int i = 0; i < items_.size(); ++i) {
        const AnomalyItem& item = items_[i];
        const QRect r = itemRect(i);
        int x = r.left();
        for (const QImage* image : {&item.input, &item.reconstruction, &item.heatmap}) {
            p.drawImage(QRect(x, r.top(), image_, image_), *image);
            x += image_ + 2;
        }
        p.setPen(palette().text().color());
        const QRect caption(r.left(), r.top() + image_ + 1, r.width(), fm.height());
        p.drawText(caption, Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(tr("%1 · #%2").arg(item.score, 0, 'g', 4).arg(item.index), Qt::ElideRight, r.width()));
        p.setPen(palette().placeholderText().color());
        p.drawText(caption.translated(0, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(item.label, Qt::ElideRight, r.width()));
        if (item.index == selected_) {
            p.setPen(QPen(palette().highlight().color(), 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r.adjusted(-2, -2, 1, 1));
        }
    }
}

void AnomalyGallery::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paintItems(p);
}

QImage AnomalyGallery::toImage() const
{
    QImage out(QSize(width(), std::max(1, heightForWidth(width()))), QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    paintItems(p);
    return out;
}

void AnomalyGallery::mouseReleaseEvent(QMouseEvent* event)
{
    const int item = itemAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && item >= 0) {
        setSelected(items_[item].index);
        Q_EMIT sampleClicked(items_[item].index);
    }
}

} // namespace latentlab::ui
