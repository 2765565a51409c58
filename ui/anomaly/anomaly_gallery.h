#pragma once
// One page of the ranked gallery: each entry is a sample, its reconstruction and the heat map of their
// difference, with the score, label and index underneath. A click selects an entry (and its sample).
#include "ui/anomaly/anomaly_reports.h"
#include "ui/common/strip_gallery.h"

namespace latentlab::ui {

class AnomalyGallery : public StripGallery {
    Q_OBJECT
public:
    explicit AnomalyGallery(QWidget* parent = nullptr);

    void setItems(QVector<AnomalyItem> items);
    const QVector<AnomalyItem>& items() const { return items_; }

private:
    QVector<AnomalyItem> items_;
};

} // namespace latentlab::ui
