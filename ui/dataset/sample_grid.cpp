#include "ui/dataset/sample_grid.h"

#include "ui/common/sample_image.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QToolTip>

#include <algorithm>

namespace latentlab::ui {
namespace {

constexpr int kPadding = 3;  // inside a cell, around the thumbnail
constexpr int kSpacing = 6;  // between cells
constexpr int kMargin = 6;   // around the grid
constexpr int kMinCaptionWidth = 64; // so "Ankle boot" fits under a 28-pixel-wide image

QString captionFor(const Dataset& ds, std::int64_t index)
{
    if (ds.hasLabels()) {
        const int label = ds.labels()[static_cast<std::size_t>(index)];
        if (label >= 0 && label < ds.numClasses())
            return QString::fromStdString(ds.classNames()[static_cast<std::size_t>(label)]);
    }
    return QStringLiteral("#%1").arg(index);
}

} // namespace

SampleGrid::SampleGrid(QWidget* parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void SampleGrid::setThumbnailBox(int pixels)
{
    if (std::max(8, pixels) == box_)
        return; // nothing to redo: the panels that fit the box to their width set it on every resize
    box_ = std::max(8, pixels);
    shrinkLargeImages();
    updateGeometry();
    update();
}

void SampleGrid::setCaptionsVisible(bool visible)
{
    captions_ = visible;
    updateGeometry();
    update();
}

void SampleGrid::setSamples(DatasetPtr dataset, std::vector<std::int64_t> indices)
{
    dataset_ = std::move(dataset);
    indices_ = std::move(indices);
    cells_.clear();
    if (dataset_) {
        cells_.reserve(indices_.size());
        for (std::int64_t i : indices_)
            cells_.push_back({sampleImage(*dataset_, i), QImage(), captionFor(*dataset_, i)});
    }
    shrinkLargeImages();
    updateGeometry();
    update();
}

void SampleGrid::shrinkLargeImages()
{
    // Shrinking is the one case where smoothing is right (otherwise detail aliases away), and it is too
    // slow to redo on every repaint of a page of large photos.
    for (Cell& c : cells_) {
        const bool larger = c.image.width() > box_ || c.image.height() > box_;
        c.shrunk = larger ? c.image.scaled(thumbnailSize(c.image.size(), box_), Qt::IgnoreAspectRatio,
                                           Qt::SmoothTransformation)
                          : QImage();
    }
}

void SampleGrid::clear()
{
    setSamples(nullptr, {});
}

QString SampleGrid::caption(int cell) const
{
    return cell >= 0 && cell < thumbnailCount() ? cells_[static_cast<std::size_t>(cell)].caption : QString();
}

QImage SampleGrid::thumbnail(int cell) const
{
    if (cell < 0 || cell >= thumbnailCount())
        return {};
    const Cell& c = cells_[static_cast<std::size_t>(cell)];
    if (!c.shrunk.isNull())
        return c.shrunk;
    return c.image.scaled(thumbnailSize(c.image.size(), box_), Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

QFont SampleGrid::captionFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

int SampleGrid::extent() const
{
    return extentFor(box_);
}

int SampleGrid::extentFor(int box) const
{
    if (!dataset_ || !dataset_->isImage())
        return box;
    const QSize size = thumbnailSize(QSize(dataset_->width(), dataset_->height()), box);
    return std::max(size.width(), size.height());
}

int SampleGrid::columnsFor(int width, int box) const
{
    const int cell = captions_ ? std::max(extentFor(box), kMinCaptionWidth) : extentFor(box);
    return std::max(1, (width - 2 * kMargin + kSpacing) / (cell + 2 * kPadding + kSpacing));
}

QSize SampleGrid::cellSize() const
{
    const int side = extent();
    if (!captions_)
        return {side + 2 * kPadding, side + 2 * kPadding};
    const int textHeight = QFontMetrics(captionFont()).height();
    return {std::max(side, kMinCaptionWidth) + 2 * kPadding, side + textHeight + 3 * kPadding};
}

int SampleGrid::columnsFor(int width) const
{
    return std::max(1, (width - 2 * kMargin + kSpacing) / (cellSize().width() + kSpacing));
}

int SampleGrid::capacity(QSize area) const
{
    const int rows = std::max(1, (area.height() - 2 * kMargin + kSpacing) / (cellSize().height() + kSpacing));
    return columnsFor(area.width()) * rows;
}

int SampleGrid::heightForWidth(int width) const
{
    const int columns = columnsFor(width);
    const int rows = (thumbnailCount() + columns - 1) / columns;
    return rows == 0 ? 0 : 2 * kMargin + rows * cellSize().height() + (rows - 1) * kSpacing;
}

QSize SampleGrid::sizeHint() const
{
    const int width = 2 * kMargin + 8 * cellSize().width() + 7 * kSpacing;
    return {width, heightForWidth(width)};
}

QSize SampleGrid::minimumSizeHint() const
{
    return {2 * kMargin + cellSize().width(), 2 * kMargin + cellSize().height()};
}

QRect SampleGrid::cellRect(int cell) const
{
    const QSize cs = cellSize();
    const int columns = columnsFor(width());
    const int used = columns * cs.width() + (columns - 1) * kSpacing;
    // Centre the block of columns so the leftover width is shared by both sides.
    const int left = std::max(kMargin, (width() - used) / 2);
    const int row = cell / columns;
    const int col = cell % columns;
    return {left + col * (cs.width() + kSpacing), kMargin + row * (cs.height() + kSpacing), cs.width(), cs.height()};
}

int SampleGrid::cellAt(QPoint pos) const
{
    for (int i = 0; i < thumbnailCount(); ++i)
        if (cellRect(i).contains(pos))
            return i;
    return -1;
}

void SampleGrid::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    // Nearest-neighbour on purpose: each source pixel becomes a sharp square.
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const QFont font = captionFont();
    const QFontMetrics metrics(font);
    p.setFont(font);
    const QColor frame = palette().color(QPalette::Mid);
    const QColor text = palette().color(QPalette::WindowText);
    const int side = extent();

    for (int i = 0; i < thumbnailCount(); ++i) {
        const QRect cell = cellRect(i);
        if (!cell.intersects(rect()))
            continue;
        const Cell& c = cells_[static_cast<std::size_t>(i)];
        const QSize size = thumbnailSize(c.image.size(), box_);
        const QRect target(cell.left() + (cell.width() - size.width()) / 2, cell.top() + kPadding + (side - size.height()) / 2,
                           size.width(), size.height());
        p.drawImage(target, c.shrunk.isNull() ? c.image : c.shrunk);
        p.setPen(frame);
        p.drawRect(target.adjusted(-1, -1, 0, 0));
        if (!captions_)
            continue;
        p.setPen(text);
        const QRect textRect(cell.left(), cell.top() + 2 * kPadding + side, cell.width(), metrics.height());
        p.drawText(textRect, Qt::AlignHCenter | Qt::AlignTop, metrics.elidedText(c.caption, Qt::ElideRight, cell.width()));
    }
}

QString SampleGrid::toolTipFor(int cell) const
{
    const std::int64_t index = indices_[static_cast<std::size_t>(cell)];
    const QLocale locale;
    QString tip = tr("Sample %1").arg(locale.toString(static_cast<qlonglong>(index)));
    if (dataset_->hasLabels())
        tip += tr("\nClass %1: %2").arg(dataset_->labels()[static_cast<std::size_t>(index)]).arg(caption(cell));
    const auto& validation = dataset_->split().validation;
    const bool heldOut = std::find(validation.begin(), validation.end(), index) != validation.end();
    const QString heldOutName = dataset_->split().predefined ? tr("test") : tr("validation");
    tip += tr("\nIn the %1 split").arg(heldOut ? heldOutName : tr("train"));
    return tip;
}

bool SampleGrid::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int cell = cellAt(help->pos());
        if (cell >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(cell), this, cellRect(cell));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void SampleGrid::contextMenuEvent(QContextMenuEvent* event)
{
    const int cell = cellAt(event->pos());
    if (cell < 0)
        return;
    const qint64 index = indices_[static_cast<std::size_t>(cell)];
    QMenu menu(this);
    menu.addAction(tr("Show in the Explorer"), this, [this, index] { Q_EMIT sampleRequested(index, Request::Select); });
    menu.addAction(tr("Interpolate from this sample"), this,
                   [this, index] { Q_EMIT sampleRequested(index, Request::InterpolateFrom); });
    menu.addAction(tr("Interpolate to this sample"), this,
                   [this, index] { Q_EMIT sampleRequested(index, Request::InterpolateTo); });
    menu.exec(event->globalPos());
}

void SampleGrid::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int cell = cellAt(event->position().toPoint());
    if (cell >= 0)
        Q_EMIT sampleRequested(indices_[static_cast<std::size_t>(cell)], Request::Select);
}

void SampleGrid::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    QWidget::changeEvent(event);
}

} // namespace latentlab::ui
