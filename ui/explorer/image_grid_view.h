#pragma once
// Decoded images in a grid: prior samples, an interpolation strip, a traversal (one row per dimension), the
// neighbours of a probe. Painted in one pass with nearest-neighbour: enlarged by whole factors below three
// times where that fills most of the cell (so a 28x28 image stays crisp), filling its cell otherwise and
// from three times up (where a pixel more or less in a block does not show). The cells can follow the width
// between two sizes, so a grid fits its panel.
// Optional labels down the left and across the top; a click reports the cell; the whole grid renders to an
// image for "Save as PNG".
#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

namespace latentlab::ui {

class ImageGridView : public QWidget {
    Q_OBJECT
public:
    explicit ImageGridView(QWidget* parent = nullptr);

    // columns <= 0: as many as fit the width (at the smallest cell size), the rows made even.
    void setImages(QVector<QImage> images, int columns, QStringList rowLabels = {}, QStringList columnLabels = {});
    void clear();
    // The side, in pixels, of each cell's image (the image is scaled to fit it, by a whole factor when smaller).
    void setCellSize(int pixels);
    // Cells as large as the width allows, from `smallest` to `largest` pixels; below the smallest the grid
    // asks for more width (a scroll area around it scrolls). Between one and three times the images' side a
    // cell shrinks to a whole multiple of it when that costs less than 15% of its side, so the images stay
    // crisp and fill their cells (unless labels across the top need the width).
    void setCellSizeRange(int smallest, int largest);
    // The cell's side at the current width.
    int cellSize() const { return cellFor(width()); }
    int smallestCellSize() const { return smallest_; }
    // A cell drawn with a frame (the interpolation strip's current step, say); -1 for none.
    void setHighlighted(int cell);

    int count() const { return images_.size(); }
    int columns() const;
    const QImage& image(int cell) const { return images_[cell]; }
    QRect cellRect(int cell) const;
    int cellAt(QPoint pos) const;
    // The grid as drawn, labels included, on a white background.
    QImage toImage() const;
    bool savePng(const QString& path) const;
    // Asks where (suggesting `name`), saves, and says so in a message if the file cannot be written.
    void saveWithDialog(const QString& title, const QString& name);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

Q_SIGNALS:
    void cellClicked(int cell);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void paintGrid(QPainter& painter) const;
    int columnsFor(int width) const;
    int cellFor(int width) const;
    int leftMargin() const;
    int topMargin() const;

    QVector<QImage> images_;
    QStringList rowLabels_, columnLabels_;
    int columns_ = 0;
    int smallest_ = 56, largest_ = 56;
    int side_ = 0; // the largest image's longer side
    int highlighted_ = -1;
};

} // namespace latentlab::ui
