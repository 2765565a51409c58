#pragma once
// What the "Dataset" dock shows: a summary of the loaded dataset, its classes with their counts, and a
// preview: random samples as thumbnails for images (Shuffle draws others), the first rows for tables.
#include "ui/common/dataset_ptr.h"

#include <QWidget>

class QLabel;
class QPushButton;
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

Q_SIGNALS:
    // A row of the class table was picked; -1 when the selection was cleared.
    void classSelected(int classIndex);

private:
    QWidget* buildSummary();
    QWidget* buildClasses();
    QWidget* buildPreview();
    void fillSummary();
    void fillClasses();

    DatasetPtr dataset_;
    QStackedWidget* pages_ = nullptr; // "no dataset" / the dataset
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
    QPushButton* shuffle_ = nullptr;
    QTableView* rows_ = nullptr;
    DatasetTableModel* rowsModel_ = nullptr;
};

} // namespace latentlab::ui
