#include "ui/training/kl_chart.h"

#include <QFontMetrics>
#include <QLabel>
#include <QStackedLayout>
#include <QToolTip>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QStackedBarSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

// The smallest step of 1, 2, 5, 10, … (with 4, 8, 16, 32, 64, which divide the usual powers of two) that is
// at least `needed`.
int niceStep(double needed)
{
    for (int step : {1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100})
        if (step >= needed)
            return step;
    return int(std::ceil(needed / 100.0)) * 100;
}

} // namespace

KlChart::KlChart(QWidget* parent)
    : QWidget(parent)
{
    // Each dimension has a value in exactly one of the two sets and zero in the other; stacked, that draws
    // one full-width bar per dimension, where side-by-side bars would halve every bar.
    active_ = new QBarSet(tr("active"));
    collapsed_ = new QBarSet(tr("collapsed (below %1 nats)").arg(collapsedBelow));
    series_ = new QStackedBarSeries;
    series_->append(active_);
    series_->append(collapsed_);
    connect(series_, &QStackedBarSeries::hovered, this,
            [this](bool status, int index, QBarSet*) { showToolTip(status, index); });

    chart_ = new QChart;
    chart_->setAnimationOptions(QChart::NoAnimation);
    chart_->addSeries(series_);
    chart_->legend()->setAlignment(Qt::AlignBottom);
    // After addSeries, which paints the sets in the theme's colours.
    active_->setColor(QColor(0x1f77b4));
    collapsed_->setColor(QColor(0xb0b0b0));
    collapsed_->setBorderColor(QColor(0x909090));

    dimAxis_ = new QValueAxis;
    dimAxis_->setTitleText(tr("Latent dimension"));
    dimAxis_->setTickType(QValueAxis::TicksDynamic);
    dimAxis_->setTickAnchor(0.0);
    dimAxis_->setLabelFormat(QStringLiteral("%.0f"));
    dimAxis_->setGridLineVisible(false);
    dimAxis_->setMinorTickCount(0);
    chart_->addAxis(dimAxis_, Qt::AlignBottom);
    series_->attachAxis(dimAxis_);
    klAxis_ = new QValueAxis;
    klAxis_->setTitleText(tr("KL (nats)"));
    klAxis_->setLabelFormat(QStringLiteral("%g"));
    chart_->addAxis(klAxis_, Qt::AlignLeft);
    series_->attachAxis(klAxis_);

    view_ = new QChartView(chart_);
    view_->setRenderHint(QPainter::Antialiasing);
    // The plot area moves with every resize and every change of title or labels; refitting after it settles
    // cannot loop, since fitting only shortens what does not fit.
    connect(chart_, &QChart::plotAreaChanged, this, [this] {
        if (!fitting_)
            fitToSize();
    });

    placeholder_ = new QLabel(tr("No KL for this model"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setEnabled(false);

    stack_ = new QStackedLayout(this);
    stack_->addWidget(placeholder_);
    stack_->addWidget(view_);
    setValues({});
}

void KlChart::setPlaceholderText(const QString& text)
{
    placeholder_->setText(text);
}

void KlChart::setValues(const QVector<double>& klPerDim)
{
    values_ = klPerDim;
    activeCount_ = int(std::count_if(values_.begin(), values_.end(), [](double v) { return v >= collapsedBelow; }));
    if (values_.isEmpty()) {
        active_->remove(0, active_->count());
        collapsed_->remove(0, collapsed_->count());
        chart_->setTitle(QString());
        stack_->setCurrentWidget(placeholder_);
        return;
    }

    // A diverged run's NaN or infinite KL would make the axis's range invalid: it is drawn as 0 (its tool tip
    // says what it is) and the axis fits the finite values.
    double top = collapsedBelow;
    for (double v : values_)
        if (std::isfinite(v))
            top = std::max(top, v);
    // A collapsed dimension's true height is a sliver nobody sees next to an active one. A stub of a fixed
    // fraction of the axis keeps it on screen; its grey and the tool tip say what it really is.
    const double stub = top * 0.015;
    QList<qreal> active;
    QList<qreal> collapsed;
    for (int d = 0; d < values_.size(); ++d) {
        const double v = std::isfinite(values_[d]) ? values_[d] : 0.0;
        const bool isActive = v >= collapsedBelow;
        active.append(isActive ? v : 0.0);
        collapsed.append(isActive ? 0.0 : std::max(v, stub));
    }
    active_->remove(0, active_->count());
    active_->append(active);
    collapsed_->remove(0, collapsed_->count());
    collapsed_->append(collapsed);
    // Bar d stands at x = d.
    spaceDimensionLabels();
    dimAxis_->setRange(-0.5, values_.size() - 0.5);
    klAxis_->setRange(0.0, top * 1.05);
    klAxis_->applyNiceNumbers();
    stack_->setCurrentWidget(view_);
    fitToSize();
}

void KlChart::fitToSize()
{
    if (values_.isEmpty())
        return;
    fitting_ = true;
    const int n = int(values_.size());
    const int width = view_->width();
    const QString full = tr("KL per latent dimension: %1 of %2 active").arg(activeCount_).arg(n);
    const QString brief = tr("%1 of %2 dimensions active").arg(activeCount_).arg(n);
    // The title has the chart's width less its margins.
    const int room = width - chart_->margins().left() - chart_->margins().right() - 16;
    chart_->setTitle(QFontMetrics(chart_->titleFont()).horizontalAdvance(full) <= room ? full : brief);

    const QRectF plot = chart_->plotArea();
    // Upright, the axis title needs the plot's height; in a low chart the tick labels say enough.
    const QFontMetrics axisTitle(klAxis_->titleFont());
    const bool tall = plot.height() <= 0 || axisTitle.horizontalAdvance(tr("KL (nats)")) + 8 <= plot.height();
    klAxis_->setTitleVisible(tall);
    // In a low chart (the training tab at 800 pixels) the legend's line is a third of the bars' height: the
    // colours are explained by the bars' tool tips instead. Judged on the view's height, which the legend does
    // not change, so hiding it cannot bring it back.
    chart_->legend()->setVisible(view_->height() >= kLegendFromHeight);
    spaceDimensionLabels();
    fitting_ = false;
}

void KlChart::spaceDimensionLabels()
{
    // A number needs its width and a gap; a dimension has plot width / n.
    const int n = int(values_.size());
    const QRectF plot = chart_->plotArea();
    const QFontMetrics labels(dimAxis_->labelsFont());
    const double labelWidth = labels.horizontalAdvance(QString::number(n - 1)) + labels.averageCharWidth() * 1.5;
    const double perDimension = (plot.width() > 0 ? plot.width() : std::max(view_->width() - 80, 1)) / n;
    labelStep_ = niceStep(std::ceil(labelWidth / perDimension));
    dimAxis_->setTickInterval(labelStep_);
}

QString KlChart::chartTitle() const
{
    return chart_->title();
}

bool KlChart::showsPlaceholder() const
{
    return stack_->currentWidget() == placeholder_;
}

void KlChart::showToolTip(bool status, int index)
{
    if (!status || index < 0 || index >= values_.size()) {
        QToolTip::hideText();
        return;
    }
    const double v = values_[index];
    const QString text = v < collapsedBelow ? tr("Dimension %1: %2 nats, collapsed (below %3 nats)").arg(index).arg(v, 0, 'g', 4).arg(collapsedBelow)
                                            : tr("Dimension %1: %2 nats, active").arg(index).arg(v, 0, 'g', 4);
    QToolTip::showText(QCursor::pos(), text, view_);
}

} // namespace latentlab::ui
