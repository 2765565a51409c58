#include "ui/explorer/image_grid_view.h"

#include "ui/common/message_box.h"

#include <QFileDialog>
#include <QFontMetrics>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace latentlab::ui {
namespace {

constexpr int gap = 4;

// The largest size within `box` x `box`: whole-factor enlargement for small images, aspect-kept shrinking
// for large ones.
QSize fitted(QSize image, int box)
{
    if (image.isEmpty())
        return {};
    if (image.width() <= box && image.height() <= box) {
        const int f = std::max(1, std::min(box / image.width(), box / image.height()));
        return image * f;
    }
    return image.scaled(box, box, Qt::KeepAspectRatio);
}

} // namespace

ImageGridView::ImageGridView(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ImageGridView::setImages(QVector<QImage> images, int columns, QStringList rowLabels, QStringList columnLabels)
{
    images_ = std::move(images);
    columns_ = columns;
    rowLabels_ = std::move(rowLabels);
    columnLabels_ = std::move(columnLabels);
    highlighted_ = std::min(highlighted_, static_cast<int>(images_.size()) - 1);
    updateGeometry();
    update();
}

void ImageGridView::clear()
{
    setImages({}, 0);
}

void ImageGridView::setCellSize(int pixels)
{
    cell_ = std::max(8, pixels);
    updateGeometry();
    update();
}

void ImageGridView::setHighlighted(int cell)
{
    if (cell == highlighted_)
        return;
    highlighted_ = cell;
    update();
}

int ImageGridView::leftMargin() const
{
    if (rowLabels_.isEmpty())
        return 0;
    const QFontMetrics fm(font());
    int w = 0;
    for (const QString& s : rowLabels_)
        w = std::max(w, fm.horizontalAdvance(s));
    return w + 2 * gap;
}

int ImageGridView::topMargin() const
{
    return columnLabels_.isEmpty() ? 0 : QFontMetrics(font()).height() + gap;
}

int ImageGridView::columnsFor(int width) const
{
    if (columns_ > 0)
        return columns_;
    return std::max(1, (width - leftMargin() + gap) / (cell_ + gap));
}

int ImageGridView::columns() const
{
    return columnsFor(width());
}

QRect ImageGridView::cellRect(int cell) const
{
    const int cols = columns();
    return {leftMargin() + (cell % cols) * (cell_ + gap), topMargin() + (cell / cols) * (cell_ + gap), cell_, cell_};
}

int ImageGridView::cellAt(QPoint pos) const
{
    for (int i = 0; i < images_.size(); ++i)
        if (cellRect(i).contains(pos))
            return i;
    return -1;
}

int ImageGridView::heightForWidth(int width) const
{
    if (images_.isEmpty())
        return cell_;
    const int cols = columnsFor(width);
    const int rows = (static_cast<int>(images_.size()) + cols - 1) / cols;
    return topMargin() + rows * (cell_ + gap);
}

QSize ImageGridView::sizeHint() const
{
    const int cols = columns_ > 0 ? columns_ : 8;
    const int w = leftMargin() + cols * (cell_ + gap);
    return {w, heightForWidth(w)};
}

QSize ImageGridView::minimumSizeHint() const
{
    return {cell_, cell_};
}

void ImageGridView::paintGrid(QPainter& painter) const
{
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const int cols = columns();
    for (int i = 0; i < images_.size(); ++i) {
        const QRect cell = cellRect(i);
        const QImage& image = images_[i];
        const QSize size = fitted(image.size(), cell_);
        const QRect target(cell.center() - QPoint(size.width() / 2, size.height() / 2), size);
        painter.drawImage(target, image);
        if (i == highlighted_) {
            painter.setPen(QPen(palette().highlight().color(), 2));
            painter.drawRect(cell.adjusted(-2, -2, 1, 1));
        }
    }
    painter.setPen(palette().text().color());
    for (int r = 0; r < rowLabels_.size(); ++r) {
        const QRect row(0, topMargin() + r * (cell_ + gap), leftMargin() - gap, cell_);
        painter.drawText(row, Qt::AlignRight | Qt::AlignVCenter, rowLabels_[r]);
    }
    for (int c = 0; c < columnLabels_.size() && c < cols; ++c) {
        const QRect col(leftMargin() + c * (cell_ + gap), 0, cell_, topMargin());
        painter.drawText(col, Qt::AlignCenter, columnLabels_[c]);
    }
}

void ImageGridView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    paintGrid(painter);
}

QImage ImageGridView::toImage() const
{
    QImage out(size().expandedTo(QSize(1, heightForWidth(width()))), QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter painter(&out);
    paintGrid(painter);
    return out;
}

bool ImageGridView::savePng(const QString& path) const
{
    return !images_.isEmpty() && toImage().save(path, "PNG");
}

void ImageGridView::saveWithDialog(const QString& title, const QString& name)
{
    QString path = QFileDialog::getSaveFileName(this, title, name, tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive))
        path += QStringLiteral(".png");
    if (!savePng(path))
        openMessage(this, QMessageBox::Warning, tr("Save Failed"), tr("Could not write the images to %1.").arg(path));
}

void ImageGridView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int cell = cellAt(event->position().toPoint());
    if (cell >= 0)
        Q_EMIT cellClicked(cell);
}

} // namespace latentlab::ui
