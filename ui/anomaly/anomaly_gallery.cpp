#include "ui/anomaly/anomaly_gallery.h"

namespace latentlab::ui {

AnomalyGallery::AnomalyGallery(QWidget* parent) : StripGallery(parent)
{
    setStripLength(3);
}

void AnomalyGallery::setItems(QVector<AnomalyItem> items)
{
    items_ = std::move(items);
    QVector<StripEntry> entries;
    for (const AnomalyItem& item : items_)
        entries.push_back({item.index, {item.input, item.reconstruction, item.heatmap},
                           tr("%1 · #%2").arg(item.score, 0, 'g', 4).arg(item.index), item.label, QColor()});
    setEntries(std::move(entries));
}

} // namespace latentlab::ui
