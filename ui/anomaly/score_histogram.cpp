#include "ui/anomaly/score_histogram.h"

#include <QAreaSeries>
#include <QCategoryAxis>
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
namespace {

// The bins stop here; the scores above it are the tail.
constexpr double edgeQuantile = 0.999;
// A tail reaching further than this share of the binned range past it gets an overflow bar this wide.
constexpr double overflowShare = 0.1;

// Round numbers from lo to hi, about `count` of them (1, 2 or 5 times a power of ten apart).
std::vector<double> roundTicks(double lo, double hi, int count)
{
    std::vector<double> ticks;
    const double raw = (hi - lo) / count;
    if (!(raw > 0.0) || !std::isfinite(raw))
        return ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10.0 * power;
    for (double m : {1.0, 2.0, 5.0})
        if (m * power >= raw) {
            step = m * power;
            break;
        }
    for (auto k = static_cast<long long>(std::ceil(lo / step)); k * step <= hi; ++k)
        ticks.push_back(static_cast<double>(k) * step);
    return ticks;
}

} // namespace

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
        const QPointF line = chart()->mapToPosition(QPointF(owner_->toAxis(owner_->threshold_), 0));
        dragging_ = e->button() == Qt::LeftButton && !owner_->sorted_.empty() &&
                    std::abs(e->position().x() - line.x()) <= 6;
        if (!dragging_)
            QChartView::mousePressEvent(e);
    }
    void mouseMoveEvent(QMouseEvent* e) override
    {
        const QPointF line = chart()->mapToPosition(QPointF(owner_->toAxis(owner_->threshold_), 0));
        setCursor(dragging_ || std::abs(e->position().x() - line.x()) <= 6 ? Qt::SizeHorCursor : Qt::ArrowCursor);
        if (!dragging_)
            return QChartView::mouseMoveEvent(e);
        const double x = std::clamp(chart()->mapToValue(e->position()).x(), owner_->lo_,
                                    owner_->toAxis(owner_->max_));
        const double t = owner_->fromAxis(x);
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
    // The tail past the bins, in another colour so it does not read as one more ordinary bin.
    overflowUpper_ = new QLineSeries(this);
    overflowArea_ = new QAreaSeries(overflowUpper_);
    overflowArea_->setColor(QColor(255, 127, 14, 170));
    overflowArea_->setBorderColor(QColor(255, 127, 14));
    line_ = new QLineSeries;
    line_->setPen(QPen(QColor(214, 39, 40), 2));
    chart_->addSeries(area_);
    chart_->addSeries(overflowArea_);
    chart_->addSeries(line_);
    x_ = new QCategoryAxis;
    x_->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x_->setGridLineVisible(false);
    y_ = new QValueAxis;
    x_->setTitleText(tr("score"));
    y_->setTitleText(tr("samples"));
    y_->setLabelFormat(QStringLiteral("%d"));
    chart_->addAxis(x_, Qt::AlignBottom);
    chart_->addAxis(y_, Qt::AlignLeft);
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(area_), static_cast<QAbstractSeries*>(overflowArea_),
                               static_cast<QAbstractSeries*>(line_)}) {
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
    overflowUpper_->clear();
    line_->clear();
    above_ = 0;
    overflow_ = 0;
    overflowWidth_ = 0.0;
    for (const QString& label : x_->categoriesLabels())
        x_->remove(label);
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
    max_ = std::max(sorted_.back(), threshold);
    edge_ = sorted_[std::min(sorted_.size() - 1, static_cast<std::size_t>(sorted_.size() * edgeQuantile))];
    const double binned = edge_ - lo_;
    const bool tail = binned > (max_ - lo_) * 1e-3 && max_ - edge_ > overflowShare * binned;
    overflowWidth_ = tail ? overflowShare * binned : 0.0;
    if (!tail)
        edge_ = max_ = std::max(max_, lo_ + 1e-12);
    std::vector<double> counts(bins, 0.0);
    const double width = (edge_ - lo_) / bins;
    overflow_ = 0;
    for (double s : sorted_) {
        if (tail && s > edge_)
            ++overflow_;
        else
            counts[std::clamp(static_cast<int>((s - lo_) / width), 0, bins - 1)] += 1.0;
    }
    QList<QPointF> steps;
    steps.reserve(2 * bins + 2);
    steps << QPointF(lo_, 0);
    for (int b = 0; b < bins; ++b) {
        steps << QPointF(lo_ + b * width, counts[b]) << QPointF(lo_ + (b + 1) * width, counts[b]);
    }
    steps << QPointF(edge_, 0);
    upper_->replace(steps);
    const double right = edge_ + overflowWidth_;
    if (tail) {
        const double n = static_cast<double>(overflow_);
        overflowUpper_->replace(QList<QPointF>{{edge_, 0}, {edge_, n}, {right, n}, {right, 0}});
    } else {
        overflowUpper_->clear();
    }
    top_ = std::max(*std::max_element(counts.begin(), counts.end()), static_cast<double>(overflow_)) * 1.05;
    x_->setRange(lo_, right);
    y_->setRange(0, top_);
    labelAxis();
    // NaN scores count as anomalies (core's flagAbove): the count above includes them.
    nan_ = static_cast<std::int64_t>(scores.size() - sorted_.size());
    setThreshold(threshold);
}

double ScoreHistogram::toAxis(double score) const
{
    if (overflowWidth_ <= 0.0 || score <= edge_)
        return score;
    return edge_ + std::min(1.0, (score - edge_) / (max_ - edge_)) * overflowWidth_;
}

double ScoreHistogram::fromAxis(double x) const
{
    if (overflowWidth_ <= 0.0 || x <= edge_)
        return x;
    if (x >= edge_ + overflowWidth_)
        return max_; // exactly, so the line at the end flags nothing
    return edge_ + (x - edge_) / overflowWidth_ * (max_ - edge_);
}

QString ScoreHistogram::overflowLabel() const
{
    return overflowWidth_ > 0.0 ? tr("≥ %1").arg(edge_, 0, 'g', 3) : QString();
}

void ScoreHistogram::labelAxis()
{
    for (const QString& label : x_->categoriesLabels())
        x_->remove(label);
    x_->setStartValue(lo_);
    const double span = edge_ - lo_;
    for (double t : roundTicks(lo_, edge_, 5)) {
        // Clear of the overflow bar's label, which sits in the bar's middle.
        if (t > lo_ + span * 1e-6 && (overflowWidth_ <= 0.0 || t < edge_ - overflowWidth_))
            x_->append(QString::number(t, 'g', 4), t);
    }
    if (overflowWidth_ > 0.0)
        x_->append(overflowLabel(), edge_ + overflowWidth_ / 2);
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
    const double x = toAxis(threshold_);
    line_->replace(QList<QPointF>{QPointF(x, 0), QPointF(x, top_)});
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
    const QPointF inChart = chart_->mapToPosition(QPointF(toAxis(score), top_ / 2));
    return view_->viewport()->mapTo(this, view_->mapFromScene(inChart));
}

bool ScoreHistogram::exportPng(const QString& path) const
{
    return view_->grab().save(path, "PNG");
}

} // namespace latentlab::ui
