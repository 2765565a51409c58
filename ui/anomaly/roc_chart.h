#pragma once
// The ROC curve of the scores against what the labels say is anomalous, with its area in the title, and
// precision and recall at the current threshold underneath. Without such labels it says so instead.
#include <QList>
#include <QPointF>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QScatterSeries;
QT_END_NAMESPACE

namespace latentlab::ui {

class RocChart : public QWidget {
    Q_OBJECT
public:
    explicit RocChart(QWidget* parent = nullptr);

    // points: (false positive rate, true positive rate) from (0, 0) to (1, 1).
    // over: what the curve was measured on ("the 10000 held-out samples").
    void setCurve(const QList<QPointF>& points, double auroc, const QString& over = QString());
    // The threshold's operating point on the curve and what it means.
    void setOperatingPoint(QPointF point, double precision, double recall, qint64 flagged);
    void clear(const QString& why);
    double auroc() const { return auroc_; }
    QString summary() const;
    bool exportPng(const QString& path) const;

private:
    double auroc_ = 0.0;
    QString over_;
    QChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QLineSeries* curve_ = nullptr;
    QLineSeries* chance_ = nullptr;
    QScatterSeries* point_ = nullptr;
    QLabel* summary_ = nullptr;
};

} // namespace latentlab::ui
