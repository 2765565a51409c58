#include "ui/anomaly/score_histogram.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

// Presses within a few pixels of the threshold line drag it.
class ThresholdChartView : public QChartView {
public:
    ThresholdChartView(QChart* chart, ScoreHistogram* owner) : QChartView(chart), owner_(owner)
    {
        setRenderHint(QPainter::Antialiasing);
        setMouseTracking(true);
    }

protected:
    void mousePressEvent(QMouseEvent* e) override
    {
        const QPointF line = chart()->mapToPosition(QPointF(owner_->threshold_, 0));
        dragging_ = e->button() == Qt::LeftButton && !owner_->sorted_.empty() &&
                    std::abs(e->position().x() - line.x()) <= 6;
        if (!dragging_)
            QChartView::mousePressEvent(e);
    }
    void mouseMoveEvent(QMouseEvent* e) override
    {
        const QPointF line = chart()->mapToPosition(QPointF(owner_->threshold_, 0));
        setCursor(dragging_ || std::abs(e->position().x() - line.x()) <= 6 ? Qt::SizeHorCursor : Qt::ArrowCursor);
        if (!dragging_)
            return QChartView::mouseMoveEvent(e);
        const double t = std::clamp(chart()->mapToValue(e->position()).x(), owner_->lo_, owner_->hi_);
        owner_->setThreshold(t);
        Q_EMIT owner_->thresholdChanged(t);
    }
    void mouseReleaseEvent(QMouseEvent* e) override
    {
        if (!dragging_)
            return QChartView::mouseReleaseEvent(e);
        dragging_ = false;
    }

private:
    ScoreHistogram* owner_;
    bool dragging_ = false;
};

ScoreHistogram::ScoreHistogram(QWidget* parent) : QWidget(parent)
{
    chart_ = new QChart;
    chart_->legend()->hide();
    chart_->setTitle(tr("Anomaly scores"));
    upper_ = new QLineSeries(this);
    area_ = new QAreaSeries(upper_);
    area_->setColor(QColor(31, 119, 180, 160));
    area_->setBorderColor(QColor(31, 119, 180));
    line_ = new QLineSeries;
    line_->setPen(QPen(QColor(214, 39, 40), 2));
    chart_->addSeries(area_);
    chart_->addSeries(line_);
    x_ = new QValueAxis;
    y_ = new QValueAxis;
    x_->setTitleText(tr("score"));
    y_->setTitleText(tr("samples"));
    y_->setLabelFormat(QStringLiteral("%d"));
    chart_->addAxis(x_, Qt::AlignBottom);
    chart_->addAxis(y_, Qt::AlignLeft);
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(area_), static_cast<QAbstractSeries*>(line_)}) {
        s->attachAxis(x_);
        s->attachAxis(y_);
    }
    view_ = new ThresholdChartView(chart_, this);
    count_ = new QLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_, 1);
    layout->addWidget(count_);
    clear();
}

void ScoreHistogram::clear()
{
    sorted_.clear();
    nan_ = 0;
    upper_->clear();
    line_->clear();
    above_ = 0;
    count_->setText(tr("No scores yet."));
}

void ScoreHistogram::setScores(std::vector<double> scores, double threshold)
{
    sorted_.clear();
    for (double s : scores)
        if (std::isfinite(s))
            sorted_.push_back(s);
    std::sort(sorted_.begin(), sorted_.end());
    if (sorted_.empty()) {
        clear();
        return;
    }
    lo_ = sorted_.front();
    hi_ = sorted_[std::min(sorted_.size() - 1, static_cast<std::size_t>(sorted_.size() * 0.999))];
    hi_ = std::max({hi_, threshold, lo_ + 1e-12});
    std::vector<double> counts(bins, 0.0);
    const double width = (hi_ - lo_) / bins;
    for (double s : sorted_)
        counts[std::clamp(static_cast<int>((s - lo_) / width), 0, bins - 1)] += 1.0;
    QList<QPointF> steps;
    steps.reserve(2 * bins + 2);
    steps << QPointF(lo_, 0);
    for (int b = 0; b < bins; ++b) {
        steps << QPointF(lo_ + b * width, counts[b]) << QPointF(lo_ + (b + 1) * width, counts[b]);
    }
    steps << QPointF(hi_, 0);
    upper_->replace(steps);
    top_ = *std::max_element(counts.begin(), counts.end()) * 1.05;
    x_->setRange(lo_, hi_);
    y_->setRange(0, top_);
    // NaN scores count as anomalies (core's flagAbove): the count above includes them.
    nan_ = static_cast<std::int64_t>(scores.size() - sorted_.size());
    setThreshold(threshold);
}

void ScoreHistogram::setThreshold(double threshold)
{
    threshold_ = threshold;
    const auto firstAbove = std::upper_bound(sorted_.begin(), sorted_.end(), threshold);
    above_ = nan_ + static_cast<std::int64_t>(sorted_.end() - firstAbove);
    updateLine();
}

void ScoreHistogram::setCaptions(const QString& title, const QString& axis, bool countBelow)
{
    chart_->setTitle(title);
    x_->setTitleText(axis);
    countBelow_ = countBelow;
    if (!sorted_.empty() || nan_ > 0)
        updateLine();
}

void ScoreHistogram::updateLine()
{
    line_->replace(QList<QPointF>{QPointF(threshold_, 0), QPointF(threshold_, top_)});
    const QLocale locale;
    const qlonglong total = static_cast<qlonglong>(sorted_.size()) + nan_;
    const QString all = locale.toString(total);
    if (countBelow_) {
        const auto below = std::upper_bound(sorted_.begin(), sorted_.end(), threshold_) - sorted_.begin();
        count_->setText(tr("%1 of %2 at or below the threshold %3")
                            .arg(locale.toString(static_cast<qlonglong>(below)), all)
                            .arg(threshold_, 0, 'g', 4));
        return;
    }
    count_->setText(tr("%1 of %2 above the threshold %3")
                        .arg(locale.toString(static_cast<qlonglong>(above_)), all)
                        .arg(threshold_, 0, 'g', 4));
}

QPoint ScoreHistogram::thresholdPosition() const
{
    return positionOf(threshold_);
}

QPoint ScoreHistogram::positionOf(double score) const
{
    const QPointF inChart = chart_->mapToPosition(QPointF(score, top_ / 2));
    return view_->viewport()->mapTo(this, view_->mapFromScene(inChart));
}

bool ScoreHistogram::exportPng(const QString& path) const
{
    return view_->grab().save(path, "PNG");
}

} // namespace latentlab::ui
