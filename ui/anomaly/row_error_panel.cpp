#include "ui/anomaly/row_error_panel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

RowErrorPanel::RowErrorPanel(QWidget* parent) : QWidget(parent)
{
    chart_ = new QChart;
    chart_->legend()->hide();
    errors_ = new QBarSet(tr("|value − reconstruction|"));
    errors_->setColor(QColor(214, 39, 40));
    auto* series = new QHorizontalBarSeries;
    series->append(errors_);
    chart_->addSeries(series);
    features_ = new QBarCategoryAxis;
    axis_ = new QValueAxis;
    axis_->setTitleText(tr("error, in the column's units"));
    chart_->addAxis(features_, Qt::AlignLeft);
    chart_->addAxis(axis_, Qt::AlignBottom);
    series->attachAxis(features_);
    series->attachAxis(axis_);
    auto* view = new QChartView(chart_, this);
    view->setMinimumHeight(180);
    table_ = new QTableWidget(0, 4, this);
    table_->setHorizontalHeaderLabels({tr("feature"), tr("value"), tr("reconstruction"), tr("error")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    title_ = new QLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title_);
    auto* row = new QHBoxLayout;
    row->addWidget(view, 1);
    row->addWidget(table_, 1);
    layout->addLayout(row);
    clear();
}

void RowErrorPanel::clear()
{
    row_ = {};
    errors_->remove(0, errors_->count());
    features_->clear();
    table_->setRowCount(0);
    title_->setText(tr("Click a row in the gallery to see which of its columns the model gets wrong."));
}

void RowErrorPanel::setRow(const RowDetail& row)
{
    row_ = row;
    title_->setText(tr("Row %1: its values beside their reconstructions").arg(row.index));
    errors_->remove(0, errors_->count());
    features_->clear();
    table_->setRowCount(static_cast<int>(row.features.size()));
    double top = 0.0;
    for (int f = 0; f < row.features.size(); ++f) {
        const double error = std::abs(row.values[f] - row.reconstruction[f]);
        top = std::max(top, error);
        *errors_ << error;
        table_->setItem(f, 0, new QTableWidgetItem(row.features[f]));
        table_->setItem(f, 1, new QTableWidgetItem(QString::number(row.values[f], 'g', 6)));
        table_->setItem(f, 2, new QTableWidgetItem(QString::number(row.reconstruction[f], 'g', 6)));
        table_->setItem(f, 3, new QTableWidgetItem(QString::number(error, 'g', 4)));
    }
    features_->append(row.features);
    axis_->setRange(0.0, top > 0 ? top * 1.05 : 1.0);
}

int RowErrorPanel::worstFeature() const
{
    int worst = -1;
    double most = -1.0;
    for (int f = 0; f < row_.features.size(); ++f) {
        const double error = std::abs(row_.values[f] - row_.reconstruction[f]);
        if (error > most) {
            most = error;
            worst = f;
        }
    }
    return worst;
}

} // namespace latentlab::ui
