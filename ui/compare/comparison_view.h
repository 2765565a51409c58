#pragma once
// The comparison of 2 to 4 models, below the models table: their loss curves overlaid (one colour a model, the
// term chosen once, per step and per validation epoch on one axis), the same inputs reconstructed by each in
// columns, prior samples under one seed, one interpolation, the aligned latent scatters with linked hover and
// selection, and per-class reconstruction error and KL. A panel a model cannot fill says why in its place.
#include "ui/common/dataset_ptr.h"
#include "ui/compare/compare_reports.h"

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace latentlab::ui {

class LinkedScatters;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);

    void setDataset(DatasetPtr dataset);
    void setResult(const ComparisonResult& result);
    void clear();
    bool hasResult() const { return !result_.models.isEmpty(); }
    const ComparisonResult& result() const { return result_; }
    QString term() const;
    LinkedScatters* scatters() const { return scatters_; }
    QComboBox* termBox() const { return term_; }
    QChartView* curves() const { return curves_; }
    QSpinBox* fromBox() const { return from_; }
    QSpinBox* toBox() const { return to_; }
    QPushButton* interpolateButton() const { return interpolate_; }

Q_SIGNALS:
    // The user chose the interpolation's ends (dataset indices): the comparison is wanted again with them.
    void endsChosen(qint64 from, qint64 to);

private:
    void showCurves();
    void showImages();
    void showClassBars();

    DatasetPtr dataset_;
    ComparisonResult result_;
    QStackedWidget* pages_ = nullptr; // the empty state / the comparison
    QComboBox* term_ = nullptr;
    QChartView* curves_ = nullptr;
    QGridLayout* images_ = nullptr;
    QSpinBox* from_ = nullptr;
    QSpinBox* to_ = nullptr;
    QPushButton* interpolate_ = nullptr;
    LinkedScatters* scatters_ = nullptr;
    QChartView* mseBars_ = nullptr;
    QChartView* klBars_ = nullptr;
};

// The colour of the i-th model everywhere in a comparison: core's modelColour, which the report draws in.
QColor comparedModelColour(int i);

} // namespace latentlab::ui
