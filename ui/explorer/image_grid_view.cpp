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

// A whole-factor enlargement is kept (crisp pixels) while it fills at least this share of the box.
constexpr double kCrispShare = 0.85;

// The largest size within `box` x `box`, aspect kept: whole-factor enlargement below three times where it
// fills most of the box, the whole box otherwise and from three times up (blocks of three or four pixels
// look alike), shrinking for large images.
QSize fitted(QSize image, int box)
{
    if (image.isEmpty())
        return {};
    if (image.width() <= box && image.height() <= box) {
        const int f = std::max(1, std::min(box / image.width(), box / image.height()));
        const QSize whole = image * f;
        const bool fills = std::max(whole.width(), whole.height()) >= kCrispShare * box;
        return f >= 3 || !fills ? image.scaled(box, box, Qt::KeepAspectRatio) : whole;
    }
    return image.scaled(box, box, Qt::KeepAspectRatio);
}

} // namespace

ImageGridView::ImageGridView(QWidget* parent) : QWidget(parent)
{
    // A scroll area asks the size policy, not hasHeightForWidth(), whether to give the grid the height its
    // width needs: without this the last rows are cut off instead of scrolled to.
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void ImageGridView::setImages(QVector<QImage> images, int columns, QStringList rowLabels, QStringList columnLabels)
{
    images_ = std::move(images);
    columns_ = columns;
    side_ = 0;
    for (const QImage& image : images_)
        side_ = std::max({side_, image.width(), image.height()});
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
    setCellSizeRange(pixels, pixels);
}

void ImageGridView::setCellSizeRange(int smallest, int largest)
{
    smallest_ = std::max(8, smallest);
    largest_ = std::max(smallest_, largest);
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
    const int n = std::max(1, static_cast<int>(images_.size()));
    const int fit = std::clamp((width - leftMargin() + gap) / (smallest_ + gap), 1, n);
    // Even rows: eight in a width for five are two rows of four, not five and three.
    const int rows = (n + fit - 1) / fit;
    return (n + rows - 1) / rows;
}

int ImageGridView::cellFor(int width) const
{
    const int cols = columnsFor(width);
    int cell = std::clamp((width - leftMargin() + gap) / cols - gap, smallest_, largest_);
    // Labels across the top need the cell's width, so a labelled grid keeps it.
    // A whole multiple keeps the images crisp, but not at any price: 50 pixels snapped to 28 made the samples
    // grid half as large as its panel (the tour, Chinese at 1280x800). Snapped only when it costs < 15%.
    if (smallest_ < largest_ && columnLabels_.isEmpty() && side_ > 0 && cell >= side_ && cell < 3 * side_) {
        const int snapped = std::max(smallest_, cell / side_ * side_);
        if (snapped >= kCrispShare * cell)
            cell = snapped;
    }
    return cell;
}

int ImageGridView::columns() const
{
    return columnsFor(width());
}

QRect ImageGridView::cellRect(int cell) const
{
    const int cols = columns();
    const int side = cellSize();
    return {leftMargin() + (cell % cols) * (side + gap), topMargin() + (cell / cols) * (side + gap), side, side};
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
        return smallest_;
    const int cols = columnsFor(width);
    const int rows = (static_cast<int>(images_.size()) + cols - 1) / cols;
    return topMargin() + rows * (cellFor(width) + gap);
}

QSize ImageGridView::sizeHint() const
{
    const int cols = columns_ > 0 ? columns_ : 8;
    const int w = leftMargin() + cols * (smallest_ + gap);
    return {w, heightForWidth(w)};
}

QSize ImageGridView::minimumSizeHint() const
{
    // A fixed number of columns needs their width at the smallest cells: less, and the last ones would be
    // cut off instead of scrolled to.
    const int cols = columns_ > 0 ? columns_ : 1;
    return {leftMargin() + cols * (smallest_ + gap) - gap, smallest_};
}

void ImageGridView::paintGrid(QPainter& painter) const
{
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const int cols = columns();
    const int side = cellSize();
    for (int i = 0; i < images_.size(); ++i) {
        const QRect cell = cellRect(i);
        const QImage& image = images_[i];
        const QSize size = fitted(image.size(), side);
        const QRect target(cell.center() - QPoint(size.width() / 2, size.height() / 2), size);
        painter.drawImage(target, image);
        if (i == highlighted_) {
            painter.setPen(QPen(palette().highlight().color(), 2));
            painter.drawRect(cell.adjusted(-2, -2, 1, 1));
        }
    }
    painter.setPen(palette().text().color());
    for (int r = 0; r < rowLabels_.size(); ++r) {
        const QRect row(0, topMargin() + r * (side + gap), leftMargin() - gap, side);
        painter.drawText(row, Qt::AlignRight | Qt::AlignVCenter, rowLabels_[r]);
    }
    for (int c = 0; c < columnLabels_.size() && c < cols; ++c) {
        const QRect col(leftMargin() + c * (side + gap), 0, side, topMargin());
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
