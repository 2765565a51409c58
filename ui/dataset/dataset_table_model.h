#pragma once
// A table dataset as a read-only item model: one row per sample, the class first (when there are labels),
// then each feature in its original units. Values are computed as the view asks for them, so showing all
// rows of a large CSV costs no more memory than the dataset itself.
#include "ui/common/dataset_ptr.h"

#include <QAbstractTableModel>

namespace latentlab::ui {

class DatasetTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // rowLimit < 0: every row; otherwise at most that many from the top.
    explicit DatasetTableModel(QObject* parent = nullptr, int rowLimit = -1);

    void setDataset(DatasetPtr dataset);
    const DatasetPtr& dataset() const { return dataset_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool hasClassColumn() const;

    DatasetPtr dataset_;
    int rowLimit_;
};

} // namespace latentlab::ui
