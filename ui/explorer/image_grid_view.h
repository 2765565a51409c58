#pragma once
// Decoded images in a grid: prior samples, an interpolation strip, a traversal (one row per dimension), the
// neighbours of a probe. Painted in one pass and enlarged by whole factors with nearest-neighbour, so a 28x28
// image stays crisp. Optional labels down the left and across the top; a click reports the cell; the whole
// grid renders to an image for "Save as PNG".
#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

namespace latentlab::ui {

class ImageGridView : public QWidget {
    Q_OBJECT
public:
    explicit ImageGridView(QWidget* parent = nullptr);

    // columns <= 0: as many as fit the width.
    void setImages(QVector<QImage> images, int columns, QStringList rowLabels = {}, QStringList columnLabels = {});
    void clear();
    // The side, in pixels, of each cell's image (the image is scaled to fit it, by a whole factor when smaller).
    void setCellSize(int pixels);
    int cellSize() const { return cell_; }
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
    int leftMargin() const;
    int topMargin() const;

    QVector<QImage> images_;
    QStringList rowLabels_, columnLabels_;
    int columns_ = 0;
    int cell_ = 56;
    int highlighted_ = -1;
};

} // namespace latentlab::ui
