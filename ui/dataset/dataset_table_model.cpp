#include "ui/dataset/dataset_table_model.h"

#include <QLocale>

#include <algorithm>
#include <limits>

namespace latentlab::ui {

DatasetTableModel::DatasetTableModel(QObject* parent, int rowLimit)
    : QAbstractTableModel(parent)
    , rowLimit_(rowLimit)
{
}

void DatasetTableModel::setDataset(DatasetPtr dataset)
{
    beginResetModel();
    // Only tables are shown as rows; an image set would be 784 meaningless columns.
    dataset_ = dataset && !dataset->isImage() ? std::move(dataset) : nullptr;
    endResetModel();
}

bool DatasetTableModel::hasClassColumn() const
{
    return dataset_ && dataset_->hasLabels();
}

int DatasetTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !dataset_)
        return 0;
    const std::int64_t limit = rowLimit_ < 0 ? std::numeric_limits<int>::max() : rowLimit_;
    return static_cast<int>(std::min(dataset_->size(), limit));
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !dataset_)
        return 0;
    return static_cast<int>(dataset_->sampleNumel()) + (hasClassColumn() ? 1 : 0);
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const
{
    if (!dataset_ || !index.isValid())
        return {};
    const std::int64_t row = index.row();
    int column = index.column();
    if (role == Qt::TextAlignmentRole) // numbers line up on the right, class names read from the left
        return QVariant((hasClassColumn() && column == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (hasClassColumn()) {
        if (column == 0) {
            const int label = dataset_->labels()[static_cast<std::size_t>(row)];
            return QString::fromStdString(dataset_->classNames()[static_cast<std::size_t>(label)]);
        }
        --column;
    }
    const float stored = dataset_->floatData()[row * dataset_->sampleNumel() + column];
    const ValueRange& range = dataset_->featureRanges()[static_cast<std::size_t>(column)];
    const double original = range.min + static_cast<double>(stored) * (range.max - range.min);
    return QLocale().toString(original, 'g', 6);
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || !dataset_)
        return {};
    if (orientation == Qt::Vertical)
        return section; // the sample index, as the rest of the program counts them
    if (hasClassColumn()) {
        if (section == 0)
            return tr("class");
        --section;
    }
    const auto& names = dataset_->featureNames();
    return section < static_cast<int>(names.size()) ? QString::fromStdString(names[static_cast<std::size_t>(section)])
                                                    : QString();
}

} // namespace latentlab::ui
