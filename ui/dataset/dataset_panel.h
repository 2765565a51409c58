#pragma once
// What the "Dataset" dock shows: a summary of the loaded dataset, its classes with their counts, and a
// preview: random samples as thumbnails for images (Shuffle draws others), the first rows for tables.
// Collapsed, it is a slim column (the name, the count, the shape and a button to expand), so the tabs
// that need the width get it; the window decides when (ui/shell/dataset_dock_folds.h).
#include "ui/common/dataset_ptr.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QToolButton;
class QStackedWidget;
class QTableView;
class QTableWidget;

namespace latentlab::ui {

class DatasetTableModel;
class SampleGrid;

class DatasetPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPreviewSamples = 48;
    static constexpr int kPreviewRows = 20;
    // The preview's thumbnail boxes: the larger where five fit a row, else the smaller.
    static constexpr int kLargeThumbnails = 56;
    static constexpr int kSmallThumbnails = 40;

    explicit DatasetPanel(QWidget* parent = nullptr);

    void setDataset(DatasetPtr dataset);
    const DatasetPtr& dataset() const { return dataset_; }

    // Draws a new set of preview samples.
    void shuffle();

    QLabel* countLabel() const { return count_; }
    QTableWidget* classTable() const { return classes_; }
    SampleGrid* previewGrid() const { return grid_; }
    QTableView* previewTable() const { return rows_; }
    bool showsThumbnails() const;

    void setCollapsed(bool collapsed);
    bool isCollapsed() const { return collapsed_; }
    // The width the collapsed column keeps to.
    int collapsedWidth() const;
    QToolButton* collapseButton() const { return collapse_; }
    QPushButton* expandButton() const { return expand_; }
    QLabel* compactSummary() const { return compactText_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

Q_SIGNALS:
    // The user pressed Collapse (true) or Expand (false); the panel changes when setCollapsed says so.
    void collapseRequested(bool collapsed);
    // A row of the class table was picked; -1 when the selection was cleared.
    void classSelected(int classIndex);

private:
    QWidget* buildSummary();
    QWidget* buildClasses();
    QWidget* buildPreview();
    QWidget* buildCompact();
    void fillSummary();
    void fillClasses();

    DatasetPtr dataset_;
    bool collapsed_ = false;
    QStackedWidget* pages_ = nullptr; // "no dataset" / the dataset
    QWidget* compact_ = nullptr;      // shown instead of pages_ while collapsed
    QLabel* compactText_ = nullptr;
    QPushButton* expand_ = nullptr;
    QToolButton* collapse_ = nullptr;
    QLabel* file_ = nullptr;
    QLabel* format_ = nullptr;
    QLabel* count_ = nullptr;
    QLabel* shape_ = nullptr;
    QLabel* split_ = nullptr;
    QLabel* notes_ = nullptr;
    QWidget* classBox_ = nullptr;
    QTableWidget* classes_ = nullptr;
    QStackedWidget* preview_ = nullptr; // thumbnails / rows
    QLabel* previewTitle_ = nullptr;
    SampleGrid* grid_ = nullptr;
    QScrollArea* previewScroll_ = nullptr;
    QPushButton* shuffle_ = nullptr;
    QTableView* rows_ = nullptr;
    DatasetTableModel* rowsModel_ = nullptr;
};

} // namespace latentlab::ui
