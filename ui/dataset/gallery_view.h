#pragma once
// Every sample of an image dataset, a page at a time, optionally only one class. A page holds as many
// thumbnails as fit the view, so resizing the window changes the page size, not the zoom; the sample shown
// first stays on screen across such changes.
#include "ui/common/dataset_ptr.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QComboBox;
class QLabel;
class QScrollArea;
class QToolButton;

namespace latentlab::ui {

class SampleGrid;

class GalleryView : public QWidget {
    Q_OBJECT
public:
    explicit GalleryView(QWidget* parent = nullptr);

    void setDataset(DatasetPtr dataset);
    // -1 shows every class.
    void setClassFilter(int classIndex);
    int classFilter() const;

    void nextPage();
    void previousPage();
    int page() const;
    int pageCount() const;
    int pageSize() const { return pageSize_; }
    // Samples passing the filter, in dataset order.
    const std::vector<std::int64_t>& filtered() const { return filtered_; }
    SampleGrid* grid() const { return grid_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuildFilter();
    void relayout();
    void showPage();

    DatasetPtr dataset_;
    std::vector<std::int64_t> filtered_;
    std::int64_t first_ = 0; // position in filtered_ of the first sample shown
    int pageSize_ = 1;

    QComboBox* classes_ = nullptr;
    QComboBox* zoom_ = nullptr;
    QToolButton* prev_ = nullptr;
    QToolButton* next_ = nullptr;
    QLabel* pageLabel_ = nullptr;
    QLabel* rangeLabel_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    SampleGrid* grid_ = nullptr;
};

} // namespace latentlab::ui
