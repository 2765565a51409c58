#pragma once
// The live loss plot of the training workspace: one curve per loss term, measured every step, plus the
// validation means of each epoch as dashed curves in the same colour. Training reports values far faster
// than a screen can show them, so appending only stores; a single-shot timer rebuilds the series at most
// once every redrawDelayMs (150 ms, about 7 times a second), and each curve is averaged down to a few thousand
// points however long the run. The arithmetic of the curves and axes is in loss_series.h.
#include <QList>
#include <QStringList>
#include <QTimer>
#include <QVector>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QChart;
class QChartView;
class QCheckBox;
class QDoubleSpinBox;
class QLegendMarker;
class QLabel;
class QLineSeries;
class QStackedWidget;
class QValueAxis;
QT_END_NAMESPACE

namespace latentlab::ui {

class LossChart : public QWidget {
    Q_OBJECT
public:
    // Past this many points a training curve is averaged over buckets of consecutive steps.
    static constexpr int maxDisplayPoints = 2000;
    static constexpr int minDisplayPoints = 200;
    // How long appended data may wait before it reaches the screen. Longer than a frame on purpose: on a
    // 2-core machine each redraw pre-empts a training thread (bench_gui_training: 150 ms took the GUI thread
    // from 8% to 4% of a core and training from 81% to 88% of the CLI's speed).
    static constexpr int redrawDelayMs = 150;

    explicit LossChart(QWidget* parent = nullptr);

    // The loss terms in the order appendSteps and appendEpoch give their values ("total" first by
    // convention). Starts a new chart: all data and hidden curves are forgotten.
    void setTermNames(const QStringList& names);
    QStringList termNames() const { return names_; }
    // What the legend calls a term: "recon" reads "reconstruction", translated; unknown keys as they are.
    static QString termLabel(const QString& term);

    // values[i] holds one value per term for steps[i].
    void appendSteps(const QVector<qint64>& steps, const QVector<QVector<double>>& values);
    // Epoch means. Only the validation means are drawn: the training means would repeat what the per-step
    // curves already show. An empty validation (no validation split) adds nothing.
    void appendEpoch(qint64 step, const QVector<double>& train, const QVector<double>& validation);
    // Forgets the data but keeps the terms.
    void clear();

    bool logScale() const { return logScale_; }
    void setLogScale(bool on);
    double smoothing() const { return smoothing_; }
    // TensorBoard's smoothing weight, 0 (raw values) to 0.99; only changes what is drawn.
    void setSmoothing(double weight);

    // Renders the chart as it is on screen; false when the file cannot be written.
    bool exportPng(const QString& path) const;

    QList<QLineSeries*> trainingSeries() const { return trainingSeries_; }
    QList<QLineSeries*> validationSeries() const { return validationSeries_; }
    QChart* chart() const { return chart_; }
    // How many times the series were rebuilt: tests check that bursts of appends coalesce.
    int redrawCount() const { return redrawCount_; }
    // Rebuilds now instead of when the timer fires.
    void flushNow();
    // No data yet: a sentence says what will be drawn instead of an empty white box.
    bool showsPlaceholder() const;
    // Appended data waits for the timer.
    bool isRedrawPending() const { return redrawTimer_.isActive(); }

private:
    QStackedWidget* stack_ = nullptr;
    QLabel* placeholder_ = nullptr;
    void scheduleRedraw();
    void redraw();
    void rebuildSeries();
    void installYAxis();
    void toggleSeries(QLegendMarker* marker);
    void updateMarkers();
    void exportWithDialog();

    QStringList names_;
    QVector<qint64> steps_;
    QVector<QVector<double>> trainValues_; // [term][step]
    QVector<qint64> epochSteps_;
    QVector<QVector<double>> validationValues_; // [term][epoch]

    QChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QValueAxis* xAxis_ = nullptr;
    QAbstractAxis* yAxis_ = nullptr;
    QList<QLineSeries*> trainingSeries_;
    QList<QLineSeries*> validationSeries_;
    QCheckBox* logBox_ = nullptr;
    QDoubleSpinBox* smoothingBox_ = nullptr;

    QTimer redrawTimer_;
    bool logScale_ = false;
    double smoothing_ = 0.6;
    int redrawCount_ = 0;
};

} // namespace latentlab::ui
