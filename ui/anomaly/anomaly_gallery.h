#pragma once
// One page of the ranked gallery: each entry is a sample, its reconstruction and the heat map of their
// difference, with the score, label and index underneath. A click selects an entry (and its sample).
#include "ui/anomaly/anomaly_reports.h"

#include <QWidget>

namespace latentlab::ui {

class AnomalyGallery : public QWidget {
    Q_OBJECT
public:
    explicit AnomalyGallery(QWidget* parent = nullptr);

    void setItems(QVector<AnomalyItem> items);
    const QVector<AnomalyItem>& items() const { return items_; }
    void setSelected(qint64 index);
    qint64 selected() const { return selected_; }
    // The side of each of an entry's three images.
    void setImageSize(int pixels);
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
    void paintItems(QPainter& painter) const;

    QVector<AnomalyItem> items_;
    qint64 selected_ = -1;
    int image_ = 56;
};

} // namespace latentlab::ui
