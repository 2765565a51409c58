#pragma once
// The distribution of anomaly scores (Qt Charts), with the threshold as a vertical line the user drags; the
// count above it updates as it moves. Bins span the lowest score to the 99.9th percentile (the rest fall in
// the last bin), so a few huge outliers do not squash the histogram into one bar.
#include <QWidget>

#include <cstdint>
#include <vector>

QT_BEGIN_NAMESPACE
class QAreaSeries;
class QChart;
class QLabel;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace latentlab::ui {

class ThresholdChartView;

class ScoreHistogram : public QWidget {
    Q_OBJECT
public:
    static constexpr int bins = 100;
    explicit ScoreHistogram(QWidget* parent = nullptr);

    void setScores(std::vector<double> scores, double threshold);
    // Another distribution in the same chart (the duplicates' nearest-sample distances): its title, the axis's
    // name, and whether the count says how many lie below the line rather than above it.
    void setCaptions(const QString& title, const QString& axis, bool countBelow);
    void clear();
    void setThreshold(double threshold);
    double threshold() const { return threshold_; }
    std::int64_t countAbove() const { return above_; }
    // Where the threshold line is drawn, in this widget's coordinates (for drags in tests).
    QPoint thresholdPosition() const;
    QPoint positionOf(double score) const;
    bool exportPng(const QString& path) const;

Q_SIGNALS:
    // The user dragged the line (not emitted by setThreshold).
    void thresholdChanged(double threshold);

private:
    void updateLine();
    friend class ThresholdChartView;

    std::vector<double> sorted_;
    double threshold_ = 0.0;
    std::int64_t above_ = 0;
    std::int64_t nan_ = 0;
    bool countBelow_ = false;
    double lo_ = 0.0, hi_ = 1.0, top_ = 1.0;
    QChart* chart_ = nullptr;
    ThresholdChartView* view_ = nullptr;
    QAreaSeries* area_ = nullptr;
    QLineSeries* upper_ = nullptr;
    QLineSeries* line_ = nullptr;
    QValueAxis* x_ = nullptr;
    QValueAxis* y_ = nullptr;
    QLabel* count_ = nullptr;
};

} // namespace latentlab::ui
