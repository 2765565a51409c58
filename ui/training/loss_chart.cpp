#include "ui/training/loss_chart.h"

#include "ui/training/loss_series.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace latentlab::ui {

namespace {

// Matplotlib's tab10: distinct on a white background, and a term keeps its colour in both of its curves.
const QColor& termColor(int term)
{
    static const QColor palette[] = {
        QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0xd62728), QColor(0x9467bd),
        QColor(0x8c564b), QColor(0xe377c2), QColor(0x7f7f7f), QColor(0xbcbd22), QColor(0x17becf),
    };
    return palette[term % int(std::size(palette))];
}

void setRangeIfMoved(QValueAxis* axis, const loss::AxisRange& r)
{
    if (axis->tickCount() != r.ticks)
        axis->setTickCount(r.ticks);
    if (axis->min() != r.min || axis->max() != r.max)
        axis->setRange(r.min, r.max);
}

} // namespace

LossChart::LossChart(QWidget* parent)
    : QWidget(parent)
{
    chart_ = new QChart;
    chart_->legend()->setAlignment(Qt::AlignBottom);
    // Data arrives continuously; animating every rebuild would only blur it.
    chart_->setAnimationOptions(QChart::NoAnimation);
    xAxis_ = new QValueAxis;
    xAxis_->setTitleText(tr("Step"));
    xAxis_->setLabelFormat(QStringLiteral("%.0f"));
    chart_->addAxis(xAxis_, Qt::AlignBottom);
    installYAxis();

    view_ = new QChartView(chart_);
    view_->setRenderHint(QPainter::Antialiasing);

    logBox_ = new QCheckBox(tr("Log scale"));
    connect(logBox_, &QCheckBox::toggled, this, &LossChart::setLogScale);

    auto* smoothingLabel = new QLabel(tr("Smoothing"));
    smoothingBox_ = new QDoubleSpinBox;
    smoothingBox_->setRange(0.0, 0.99);
    smoothingBox_->setSingleStep(0.05);
    smoothingBox_->setDecimals(2);
    smoothingBox_->setValue(smoothing_);
    smoothingBox_->setToolTip(tr("Exponential moving average of the per-step curves, as in TensorBoard"));
    smoothingLabel->setBuddy(smoothingBox_);
    connect(smoothingBox_, &QDoubleSpinBox::valueChanged, this, &LossChart::setSmoothing);

    auto* exportButton = new QPushButton(tr("Export PNG…"));
    connect(exportButton, &QPushButton::clicked, this, &LossChart::exportWithDialog);

    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(logBox_);
    toolbar->addSpacing(12);
    toolbar->addWidget(smoothingLabel);
    toolbar->addWidget(smoothingBox_);
    toolbar->addStretch(1);
    toolbar->addWidget(exportButton);

    placeholder_ = new QLabel(tr("The loss of every training step is drawn here once training starts: the total "
                                 "and each of its terms, with each epoch's validation mean dashed in the same "
                                 "colour. Below it come the KL of each latent dimension and reconstructions of "
                                 "fixed validation images."));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setEnabled(false);
    placeholder_->setMargin(24);
    stack_ = new QStackedWidget;
    stack_->addWidget(placeholder_);
    stack_->addWidget(view_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(stack_, 1);

    redrawTimer_.setSingleShot(true);
    redrawTimer_.setInterval(redrawDelayMs);
    connect(&redrawTimer_, &QTimer::timeout, this, &LossChart::redraw);
}

void LossChart::setTermNames(const QStringList& names)
{
    names_ = names;
    rebuildSeries();
    clear();
}

void LossChart::appendSteps(const QVector<qint64>& steps, const QVector<QVector<double>>& values)
{
    const int count = int(std::min(steps.size(), values.size()));
    for (int i = 0; i < count; ++i) {
        steps_.append(steps[i]);
        for (int t = 0; t < names_.size(); ++t)
            trainValues_[t].append(t < values[i].size() ? values[i][t] : std::numeric_limits<double>::quiet_NaN());
    }
    scheduleRedraw();
}

void LossChart::appendEpoch(qint64 step, const QVector<double>& train, const QVector<double>& validation)
{
    Q_UNUSED(train)
    if (validation.isEmpty())
        return;
    epochSteps_.append(step);
    for (int t = 0; t < names_.size(); ++t)
        validationValues_[t].append(t < validation.size() ? validation[t] : std::numeric_limits<double>::quiet_NaN());
    scheduleRedraw();
}

void LossChart::clear()
{
    steps_.clear();
    epochSteps_.clear();
    trainValues_ = QVector<QVector<double>>(names_.size());
    validationValues_ = QVector<QVector<double>>(names_.size());
    scheduleRedraw();
}

void LossChart::setLogScale(bool on)
{
    if (on == logScale_)
        return;
    logScale_ = on;
    const QSignalBlocker blocker(logBox_);
    logBox_->setChecked(on);
    // The curves hold the linear axis's values, zeros and negatives included, which a log axis refuses
    // (a warning for each): they are emptied first and refilled by the redraw, floored for the log axis.
    for (QLineSeries* series : trainingSeries_ + validationSeries_)
        series->clear();
    installYAxis();
    scheduleRedraw();
}

void LossChart::setSmoothing(double weight)
{
    weight = std::clamp(weight, 0.0, 0.99);
    if (weight == smoothing_)
        return;
    smoothing_ = weight;
    const QSignalBlocker blocker(smoothingBox_);
    smoothingBox_->setValue(weight);
    scheduleRedraw();
}

bool LossChart::exportPng(const QString& path) const
{
    const QPixmap pixmap = view_->grab();
    return !pixmap.isNull() && pixmap.save(path, "PNG");
}

void LossChart::flushNow()
{
    redrawTimer_.stop();
    redraw();
}

void LossChart::scheduleRedraw()
{
    // A running timer is left alone rather than restarted: restarting on every burst would postpone the
    // redraw for as long as the bursts keep coming, which during training is forever.
    if (!redrawTimer_.isActive())
        redrawTimer_.start();
}

QString LossChart::termLabel(const QString& term)
{
    // Core names its loss terms with short keys (the CSV's and the JSON's column names); the legend says them
    // in words, in the window's language. Keys it does not know (a TorchScript model's) are shown as they are.
    if (term == QLatin1String("total"))
        return tr("total");
    if (term == QLatin1String("recon"))
        return tr("reconstruction");
    if (term == QLatin1String("kl"))
        return tr("KL");
    if (term.startsWith(QLatin1String("kl_")))
        return tr("KL %1").arg(term.mid(3));
    if (term == QLatin1String("vq"))
        return tr("codebook");
    if (term == QLatin1String("commitment"))
        return tr("commitment");
    return term;
}

void LossChart::rebuildSeries()
{
    chart_->removeAllSeries();
    trainingSeries_.clear();
    validationSeries_.clear();
    for (int t = 0; t < names_.size(); ++t) {
        auto* series = new QLineSeries;
        series->setName(termLabel(names_[t]));
        trainingSeries_.append(series);
    }
    for (int t = 0; t < names_.size(); ++t) {
        auto* series = new QLineSeries;
        series->setName(tr("validation %1").arg(termLabel(names_[t])));
        series->setPointsVisible(true);
        validationSeries_.append(series);
    }
    for (QLineSeries* series : trainingSeries_ + validationSeries_) {
        chart_->addSeries(series);
        series->attachAxis(xAxis_);
        series->attachAxis(yAxis_);
    }
    // Pens are set after addSeries: adding a series applies the chart theme's colours over them.
    for (int t = 0; t < names_.size(); ++t) {
        trainingSeries_[t]->setPen(QPen(termColor(t), 2.0));
        validationSeries_[t]->setPen(QPen(termColor(t), 2.0, Qt::DashLine));
    }
    for (QLegendMarker* marker : chart_->legend()->markers())
        connect(marker, &QLegendMarker::clicked, this, [this, marker] { toggleSeries(marker); });
    updateMarkers();
}

void LossChart::installYAxis()
{
    QAbstractAxis* axis = nullptr;
    if (logScale_) {
        auto* log = new QLogValueAxis;
        log->setBase(10.0);
        log->setLabelFormat(QStringLiteral("%g"));
        log->setMinorTickCount(-1);
        axis = log;
    } else {
        auto* linear = new QValueAxis;
        linear->setLabelFormat(QStringLiteral("%g"));
        axis = linear;
    }
    axis->setTitleText(tr("Loss (nats)"));
    if (yAxis_) {
        // removeAxis detaches it from every series and hands ownership back.
        chart_->removeAxis(yAxis_);
        delete yAxis_;
    }
    yAxis_ = axis;
    chart_->addAxis(yAxis_, Qt::AlignLeft);
    for (QLineSeries* series : trainingSeries_ + validationSeries_)
        series->attachAxis(yAxis_);
}

bool LossChart::showsPlaceholder() const
{
    return stack_->currentWidget() == placeholder_;
}

void LossChart::redraw()
{
    ++redrawCount_;
    stack_->setCurrentWidget(steps_.isEmpty() && epochSteps_.isEmpty() ? static_cast<QWidget*>(placeholder_) : view_);
    QList<QList<QPointF>> training;
    QList<QList<QPointF>> validation;
    // Two points a pixel of the plot are all a curve can show; more only cost the antialiased stroke (a 157 ms
    // paint of three 2,000-point curves in the monkey).
    const int plotWidth = int(chart_->plotArea().width());
    const int limit = std::clamp(2 * plotWidth, minDisplayPoints, maxDisplayPoints);
    for (int t = 0; t < names_.size(); ++t) {
        training.append(loss::decimated(loss::smoothed(steps_, trainValues_[t], smoothing_), limit));
        validation.append(loss::finitePoints(epochSteps_, validationValues_[t]));
    }

    double minX = std::numeric_limits<double>::infinity();
    double maxX = -minX;
    double minY = minX;
    double maxY = -minX;
    double minPositiveY = minX;
    const auto measure = [&](const QList<QLineSeries*>& series, const QList<QList<QPointF>>& points) {
        for (int t = 0; t < points.size(); ++t) {
            if (!series[t]->isVisible())
                continue;
            for (const QPointF& p : points[t]) {
                minX = std::min(minX, p.x());
                maxX = std::max(maxX, p.x());
                minY = std::min(minY, p.y());
                maxY = std::max(maxY, p.y());
                if (p.y() > 0.0)
                    minPositiveY = std::min(minPositiveY, p.y());
            }
        }
    };
    measure(trainingSeries_, training);
    measure(validationSeries_, validation);

    if (logScale_) {
        // A log axis cannot place zero or a negative value; they sit below the smallest positive one.
        const double floor = loss::logFloor(minPositiveY);
        for (QList<QList<QPointF>>* all : {&training, &validation}) {
            for (QList<QPointF>& points : *all) {
                for (QPointF& p : points)
                    p.setY(std::max(p.y(), floor));
            }
        }
        minY = std::max(minY, floor);
        maxY = std::max(maxY, floor);
    }

    bool validationShownChanged = false;
    for (int t = 0; t < names_.size(); ++t) {
        trainingSeries_[t]->replace(training[t]);
        validationShownChanged |= (validationSeries_[t]->count() == 0) != validation[t].isEmpty();
        validationSeries_[t]->replace(validation[t]);
    }

    if (!std::isfinite(minX)) {
        minX = 0.0;
        maxX = 1.0;
        minY = logScale_ ? 0.1 : 0.0;
        maxY = 1.0;
    }
    // Every change of an axis range re-strokes every curve (Qt Charts rebuilds each line's hit-test shape):
    // that was most of a redraw while training ran. Rounded out to steps of a 1-2-5 sequence, the ranges
    // move only when a curve crosses a tick, a few times in a run, and are set once when they do.
    setRangeIfMoved(xAxis_, loss::niceLinearRange(minX, maxX > minX ? maxX : minX + 1.0));
    if (logScale_) {
        auto* log = static_cast<QLogValueAxis*>(yAxis_);
        const loss::LogRange range = loss::logLossRange(minY, maxY);
        if (log->min() != range.min || log->max() != range.max)
            log->setRange(range.min, range.max);
    } else {
        setRangeIfMoved(static_cast<QValueAxis*>(yAxis_), loss::linearLossRange(minY, maxY));
    }
    // A validation curve's legend entry shows while it has points (the first epoch adds them, clear() drops them).
    if (validationShownChanged)
        updateMarkers();
}

void LossChart::toggleSeries(QLegendMarker* marker)
{
    QAbstractSeries* series = marker->series();
    series->setVisible(!series->isVisible());
    updateMarkers();
    // The axes follow the visible curves.
    scheduleRedraw();
}

void LossChart::updateMarkers()
{
    const QColor labelColor = chart_->legend()->labelColor();
    for (QLegendMarker* marker : chart_->legend()->markers()) {
        auto* series = static_cast<QLineSeries*>(marker->series());
        // Hiding a series hides its marker too, but a hidden curve must stay clickable to come back. A
        // validation curve without any epoch yet has nothing to show or toggle.
        marker->setVisible(series->count() > 0 || trainingSeries_.contains(series));
        const int alpha = series->isVisible() ? 255 : 70;
        QColor color = series->pen().color();
        color.setAlpha(alpha);
        marker->setBrush(color);
        marker->setPen(QPen(color));
        QColor label = labelColor;
        label.setAlpha(alpha);
        marker->setLabelBrush(label);
    }
}

void LossChart::exportWithDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export Loss Chart"), QStringLiteral("loss.png"),
                                                tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive))
        path += QStringLiteral(".png");
    flushNow();
    if (!exportPng(path))
        QMessageBox::warning(this, tr("Export Failed"), tr("Could not write the chart to %1.").arg(path));
}

} // namespace latentlab::ui
