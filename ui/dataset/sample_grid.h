#pragma once
// A flowing grid of sample thumbnails, each with its class name underneath. Painted in one pass rather than
// built from a label per sample, so a page of a few hundred thumbnails costs nothing to lay out. Small images
// are enlarged by whole factors with nearest-neighbour, so a 28x28 digit stays a crisp 28x28 of squares.
#include "ui/common/dataset_ptr.h"

#include <QImage>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

namespace latentlab::ui {

class SampleGrid : public QWidget {
    Q_OBJECT
public:
    explicit SampleGrid(QWidget* parent = nullptr);

    // The square, in pixels, each thumbnail is fitted into (see thumbnailSize: small images may come out a
    // little larger, at the nearest whole enlargement).
    void setThumbnailBox(int pixels);
    int thumbnailBox() const { return box_; }
    // Without captions a cell is only as wide as its thumbnail (the class stays in the tool tip): for small
    // previews, where the captions would halve the thumbnails a row.
    void setCaptionsVisible(bool visible);
    bool captionsVisible() const { return captions_; }

    void setSamples(DatasetPtr dataset, std::vector<std::int64_t> indices);
    void clear();

    int thumbnailCount() const { return static_cast<int>(cells_.size()); }
    const std::vector<std::int64_t>& sampleIndices() const { return indices_; }
    QString caption(int cell) const;
    // The thumbnail as drawn (already enlarged), for tests and anyone who wants to save it.
    QImage thumbnail(int cell) const;

    QSize cellSize() const;
    int columnsFor(int width) const;
    // As many as would fit with thumbnails fitted into a box of this size.
    int columnsFor(int width, int box) const;
    // Where a cell lies in the widget (the block of columns is centred), and the cell at a point (-1: none).
    QRect cellRect(int cell) const;
    int cellAt(QPoint pos) const;
    // How many whole cells fit in an area of this size: what a page holds.
    int capacity(QSize area) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // What a thumbnail's context menu (or a double-click, "select") asks of the explorer.
    enum class Request { Select, InterpolateFrom, InterpolateTo };
    Q_ENUM(Request)

Q_SIGNALS:
    void sampleRequested(qint64 index, latentlab::ui::SampleGrid::Request request);

protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Cell {
        QImage image;  // the sample at its own size
        QImage shrunk; // made once per box size for images larger than the box; null otherwise
        QString caption;
    };
    void shrinkLargeImages();
    // The side of the square a thumbnail of this dataset actually takes.
    int extent() const;
    int extentFor(int box) const;
    QString toolTipFor(int cell) const;
    QFont captionFont() const;

    DatasetPtr dataset_;
    std::vector<std::int64_t> indices_;
    std::vector<Cell> cells_;
    int box_ = 56;
    bool captions_ = true;
};

} // namespace latentlab::ui
