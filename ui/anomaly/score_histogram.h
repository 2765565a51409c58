#pragma once
// The distribution of anomaly scores (Qt Charts), with the threshold as a vertical line the user drags; the
// count above it updates as it moves. Bins span the lowest score to the 99.9th percentile, so a few huge
// outliers do not squash the histogram into one bar; a longer tail goes into an overflow bar labelled
// "≥ x" at the right, whose width stands for every score from x up to the highest, so the line can still be
// dragged through the highest scores (the ones the gallery shows).
#include <QWidget>

#include <cstdint>
#include <vector>

QT_BEGIN_NAMESPACE
class QAreaSeries;
class QCategoryAxis;
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
    // The axis's ends, in scores: the lowest and the highest score (or the threshold, if higher).
    double axisLow() const { return lo_; }
    double axisHigh() const { return max_; }
    // Where the overflow bar starts; the highest score when the tail is short enough to need none.
    double overflowStart() const { return edge_; }
    std::int64_t overflowCount() const { return overflow_; }
    QString overflowLabel() const;
    bool exportPng(const QString& path) const;

Q_SIGNALS:
    // The user dragged the line (not emitted by setThreshold).
    void thresholdChanged(double threshold);

private:
    void updateLine();
    void labelAxis();
    // A score's place on the x axis (linear up to the overflow bar, compressed inside it) and back.
    double toAxis(double score) const;
    double fromAxis(double x) const;
    friend class ThresholdChartView;

    std::vector<double> sorted_;
    double threshold_ = 0.0;
    std::int64_t above_ = 0;
    std::int64_t nan_ = 0;
    bool countBelow_ = false;
    double lo_ = 0.0, edge_ = 1.0, max_ = 1.0, top_ = 1.0;
    double overflowWidth_ = 0.0; // in axis units; 0 without an overflow bar
    std::int64_t overflow_ = 0;
    QChart* chart_ = nullptr;
    ThresholdChartView* view_ = nullptr;
    QAreaSeries* area_ = nullptr;
    QLineSeries* upper_ = nullptr;
    QAreaSeries* overflowArea_ = nullptr;
    QLineSeries* overflowUpper_ = nullptr;
    QLineSeries* line_ = nullptr;
    QCategoryAxis* x_ = nullptr;
    QValueAxis* y_ = nullptr;
    QLabel* count_ = nullptr;
};

} // namespace latentlab::ui
