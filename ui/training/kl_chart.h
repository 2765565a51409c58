#pragma once
// How much information each latent dimension carries: its KL divergence from the prior, in nats, one bar
// per dimension. Dimensions the encoder has given up on (posterior collapse) are drawn grey, so the number
// of dimensions the model really uses is visible at a glance and spelled out in the title. Made to read at
// small sizes: the title shortens when the long one does not fit, the axis title goes when the plot is too
// low for it, and only every k-th dimension is numbered when the numbers would overlap.
#include <QString>
#include <QVector>
#include <QWidget>

QT_BEGIN_NAMESPACE
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
    // Every labelStep()-th dimension is numbered (0, k, 2k, …), so the numbers do not overlap at this width.
    int labelStep() const { return labelStep_; }
    QChart* chart() const { return chart_; }
    QValueAxis* dimensionAxis() const { return dimAxis_; }
    QValueAxis* klAxis() const { return klAxis_; }
    QBarSet* activeSet() const { return active_; }
    QBarSet* collapsedSet() const { return collapsed_; }

private:
    void showToolTip(bool status, int index);
    // Title, axis title and label step for the chart's current size.
    void fitToSize();
    // Spaces the dimension numbers so they do not overlap at the plot's width; called before the axis's range
    // grows, since every label the old spacing asks for is made (2,048 for 4,096 dimensions at a step of 2).
    void spaceDimensionLabels();

    QVector<double> values_;
    int activeCount_ = 0;
    int labelStep_ = 1;
    static constexpr int kLegendFromHeight = 260;
    bool fitting_ = false;

    QStackedLayout* stack_ = nullptr;
    QLabel* placeholder_ = nullptr;
    QChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QStackedBarSeries* series_ = nullptr;
    QBarSet* active_ = nullptr;
    QBarSet* collapsed_ = nullptr;
    QValueAxis* dimAxis_ = nullptr; // a value axis: its ticks can skip dimensions, a category axis' cannot
    QValueAxis* klAxis_ = nullptr;
};

} // namespace latentlab::ui
