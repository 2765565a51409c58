#pragma once
// A page of entries, each a strip of images side by side (a sample and its reconstructions, or the members
// of a group of duplicates) with two lines of caption under it and an optional coloured mark in its corner.
// A click selects an entry by its sample index. The anomaly and labels galleries, and the duplicates' groups,
// are this widget with their own entries.
#include <QColor>
#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

namespace latentlab::ui {

struct StripEntry {
    qint64 index = -1;      // the sample a click selects
    QVector<QImage> images; // drawn as squares of the gallery's image size; a null image leaves its square empty
    QString caption, detail;
    QColor mark;            // invalid: none
};

class StripGallery : public QWidget {
    Q_OBJECT
public:
    explicit StripGallery(QWidget* parent = nullptr);

    void setEntries(QVector<StripEntry> entries);
    const QVector<StripEntry>& entries() const { return entries_; }
    void setSelected(qint64 index);
    qint64 selected() const { return selected_; }
    // The side of each image of a strip.
    void setImageSize(int pixels);
    // Images per strip that the layout makes room for (the longest strip is drawn whole in any case).
    void setStripLength(int images);
    // The narrowest an entry is, whatever its strip: room for a caption such as "T-shirt/top → Pullover"
    // under a single image.
    void setMinimumEntryWidth(int pixels);
    QRect itemRect(int item) const;
    int itemAt(QPoint pos) const;
    // How many entries fit a page of this size.
    int capacity(QSize area) const;
    QImage toImage() const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;

Q_SIGNALS:
    void sampleClicked(qint64 index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QSize cellSize() const;
    int columnsFor(int width) const;
    void paintEntries(QPainter& painter) const;

    QVector<StripEntry> entries_;
    qint64 selected_ = -1;
    int image_ = 56;
    int length_ = 1;
    int minimumWidth_ = 0;
};

} // namespace latentlab::ui
