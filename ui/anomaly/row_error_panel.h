#pragma once
// For tables, in place of a heat map: the selected row's error per feature as bars, in the data's own units,
// and the row's values beside their reconstructions, so a user sees which columns the model could not explain.
#include "ui/anomaly/anomaly_reports.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QLabel;
class QTableWidget;
class QValueAxis;
QT_END_NAMESPACE

namespace latentlab::ui {

class RowErrorPanel : public QWidget {
    Q_OBJECT
public:
    explicit RowErrorPanel(QWidget* parent = nullptr);

    void setRow(const RowDetail& row);
    void clear();
    const RowDetail& row() const { return row_; }
    // The feature whose absolute error is largest; -1 without a row.
    int worstFeature() const;
    QTableWidget* table() const { return table_; }

private:
    RowDetail row_;
    QLabel* title_ = nullptr;
    QChart* chart_ = nullptr;
    QBarSet* errors_ = nullptr;
    QBarCategoryAxis* features_ = nullptr;
    QValueAxis* axis_ = nullptr;
    QTableWidget* table_ = nullptr;
};

} // namespace latentlab::ui
