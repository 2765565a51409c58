#include "ui/training/kl_chart.h"

#include <QLabel>
#include <QStackedLayout>
#include <QToolTip>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QStackedBarSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace latentlab::ui {

namespace {

// Past this many dimensions the numbers under the bars no longer fit side by side and are turned upright;
// past the second limit not even that fits, and the tool tips name the dimensions instead.
constexpr int maxLevelLabels = 16;
constexpr int maxLabelledDimensions = 64;

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

    dimAxis_ = new QBarCategoryAxis;
    dimAxis_->setTitleText(tr("Latent dimension"));
    // Qt measures the room for a label before turning it upright, and would cut even "12" down to "…".
    dimAxis_->setTruncateLabels(false);
    chart_->addAxis(dimAxis_, Qt::AlignBottom);
    series_->attachAxis(dimAxis_);
    klAxis_ = new QValueAxis;
    klAxis_->setTitleText(tr("KL (nats)"));
    klAxis_->setLabelFormat(QStringLiteral("%g"));
    chart_->addAxis(klAxis_, Qt::AlignLeft);
    series_->attachAxis(klAxis_);

    view_ = new QChartView(chart_);
    view_->setRenderHint(QPainter::Antialiasing);

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
        dimAxis_->clear();
        chart_->setTitle(QString());
        stack_->setCurrentWidget(placeholder_);
        return;
    }

    const double top = std::max(*std::max_element(values_.begin(), values_.end()), collapsedBelow);
    // A collapsed dimension's true height is a sliver nobody sees next to an active one. A stub of a fixed
    // fraction of the axis keeps it on screen; its grey and the tool tip say what it really is.
    const double stub = top * 0.015;
    QList<qreal> active;
    QList<qreal> collapsed;
    QStringList categories;
    for (int d = 0; d < values_.size(); ++d) {
        const bool isActive = values_[d] >= collapsedBelow;
        active.append(isActive ? values_[d] : 0.0);
        collapsed.append(isActive ? 0.0 : std::max(values_[d], stub));
        categories.append(QString::number(d));
    }
    active_->remove(0, active_->count());
    active_->append(active);
    collapsed_->remove(0, collapsed_->count());
    collapsed_->append(collapsed);
    if (dimAxis_->categories() != categories) {
        dimAxis_->setCategories(categories);
        dimAxis_->setLabelsAngle(categories.size() > maxLevelLabels ? -90 : 0);
        dimAxis_->setLabelsVisible(categories.size() <= maxLabelledDimensions);
    }
    klAxis_->setRange(0.0, top * 1.05);
    klAxis_->applyNiceNumbers();
    chart_->setTitle(tr("KL per latent dimension (nats): %1 of %2 active").arg(activeCount_).arg(values_.size()));
    stack_->setCurrentWidget(view_);
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
    QToolTip::showText(QCursor::pos(), tr("Dimension %1: %2 nats").arg(index).arg(values_[index], 0, 'g', 4), view_);
}

} // namespace latentlab::ui
