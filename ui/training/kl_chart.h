#pragma once
// How much information each latent dimension carries: its KL divergence from the prior, in nats, one bar
// per dimension. Dimensions the encoder has given up on (posterior collapse) are drawn grey, so the number
// of dimensions the model really uses is visible at a glance and spelled out in the title.
#include <QString>
#include <QVector>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QLabel;
class QStackedLayout;
class QStackedBarSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace latentlab::ui {

class KlChart : public QWidget {
    Q_OBJECT
public:
    // Below this a dimension carries next to nothing about its input: it counts as collapsed.
    static constexpr double collapsedBelow = 0.01;

    explicit KlChart(QWidget* parent = nullptr);

    // One value per latent dimension; empty for models without a KL term (AE, VQ-VAE), which shows a note
    // instead of a chart.
    void setValues(const QVector<double>& klPerDim);
    // What shows while there are no values ("No KL for this model" by default).
    void setPlaceholderText(const QString& text);
    QVector<double> values() const { return values_; }

    int activeCount() const { return activeCount_; }
    int dimensionCount() const { return int(values_.size()); }
    QString chartTitle() const;
    bool showsPlaceholder() const;
    QBarSet* activeSet() const { return active_; }
    QBarSet* collapsedSet() const { return collapsed_; }

private:
    void showToolTip(bool status, int index);

    QVector<double> values_;
    int activeCount_ = 0;

    QStackedLayout* stack_ = nullptr;
    QLabel* placeholder_ = nullptr;
    QChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QStackedBarSeries* series_ = nullptr;
    QBarSet* active_ = nullptr;
    QBarSet* collapsed_ = nullptr;
    QBarCategoryAxis* dimAxis_ = nullptr;
    QValueAxis* klAxis_ = nullptr;
};

} // namespace latentlab::ui
