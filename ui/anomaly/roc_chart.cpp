#include "ui/anomaly/roc_chart.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

namespace latentlab::ui {

RocChart::RocChart(QWidget* parent) : QWidget(parent)
{
    chart_ = new QChart;
    chart_->legend()->hide();
    curve_ = new QLineSeries;
    curve_->setPen(QPen(QColor(31, 119, 180), 2));
    chance_ = new QLineSeries;
    chance_->setPen(QPen(Qt::gray, 1, Qt::DashLine));
    chance_->append(0, 0);
    chance_->append(1, 1);
    point_ = new QScatterSeries;
    point_->setColor(QColor(214, 39, 40));
    point_->setMarkerSize(9);
    chart_->addSeries(chance_);
    chart_->addSeries(curve_);
    chart_->addSeries(point_);
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setRange(0, 1);
    y->setRange(0, 1);
    x->setTitleText(tr("false positive rate"));
    y->setTitleText(tr("true positive rate"));
    chart_->addAxis(x, Qt::AlignBottom);
    chart_->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* s : chart_->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    view_ = new QChartView(chart_, this);
    view_->setRenderHint(QPainter::Antialiasing);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_, 1);
    layout->addWidget(summary_);
    clear(tr("Name the normal classes to see how well the scores separate the others."));
}

void RocChart::setCurve(const QList<QPointF>& points, double auroc, const QString& over)
{
    auroc_ = auroc;
    over_ = over;
    curve_->replace(points);
    chart_->setTitle(tr("ROC · AUROC %1").arg(auroc, 0, 'f', 3));
    view_->setVisible(true);
}

void RocChart::setOperatingPoint(QPointF point, double precision, double recall, qint64 flagged)
{
    point_->replace(QList<QPointF>{point});
    summary_->setText(tr("At the threshold: %1 flagged, precision %2, recall %3 (AUROC %4)")
                          .arg(flagged)
                          .arg(precision, 0, 'f', 3)
                          .arg(recall, 0, 'f', 3)
                          .arg(auroc_, 0, 'f', 3) +
                      (over_.isEmpty() ? QString() : QStringLiteral(", ") + over_));
}

void RocChart::clear(const QString& why)
{
    auroc_ = 0.0;
    curve_->clear();
    point_->clear();
    chart_->setTitle(tr("ROC"));
    view_->setVisible(false);
    summary_->setText(why);
}

QString RocChart::summary() const
{
    return summary_->text();
}

bool RocChart::exportPng(const QString& path) const
{
    return view_->grab().save(path, "PNG");
}

} // namespace latentlab::ui
