#pragma once
// The arithmetic behind LossChart, apart from its widgets so that it can be checked number by number: which
// points a curve shows (smoothed, averaged down, finite) and where its axes end (1-2-5 steps). A chart redraws
// several times a second for hours, so these functions must hold for any input the training can produce,
// NaN and infinity included.
#include <QList>
#include <QPointF>
#include <QVector>

namespace latentlab::ui::loss {

// TensorBoard's smoothing of values[i] at steps[i], weight 0 (raw values) to below 1. Non-finite values are
// left out, so a curve has one point per finite value.
QList<QPointF> smoothed(const QVector<qint64>& steps, const QVector<double>& values, double weight);

// values[i] at steps[i] as they are, less the non-finite ones.
QList<QPointF> finitePoints(const QVector<qint64>& steps, const QVector<double>& values);

// At most `limit` points: past it, buckets of consecutive points are averaged (x and y alike) and the last
// point is kept exact. A limit below 2 leaves only the last point (or nothing, for a limit below 1).
QList<QPointF> decimated(const QList<QPointF>& points, int limit);

// The nearest number of the form 1, 2 or 5 x 10^k at or above x (up), or at or below it; x finite and > 0.
double oneTwoFive(double x, bool up);

// The 1-2-5 step that divides lo..hi (lo < hi, a finite span) into the number of intervals nearest to five, so
// about six ticks.
double niceStep(double lo, double hi);

struct AxisRange {
    double min = 0.0;
    double max = 1.0;
    int ticks = 2;
};

// lo..hi rounded out to whole multiples of niceStep(lo, hi). An empty, reversed or non-finite range (the chart
// never asks for one) is first widened to lo .. lo + max(1, |lo|), or to 0..1 where that is not finite either.
AxisRange niceLinearRange(double lo, double hi);

// The vertical axis of a linear loss plot whose curves span minY..maxY: padded by 5% of the span (half a unit
// or 5% of the value for a flat curve), not padded below zero when no curve goes there, then rounded out.
AxisRange linearLossRange(double minY, double maxY);

struct LogRange {
    double min = 0.1;
    double max = 1.0;
};

// The vertical axis of a log loss plot whose curves span minY..maxY (both > 0): a little room each side, out
// to the next 1-2-5 number.
LogRange logLossRange(double minY, double maxY);

// Where a log plot draws values it cannot place (zero, negative): a decade below the smallest positive value
// shown, or 1e-6 when there is none (smallestPositive not finite).
double logFloor(double smallestPositive);

} // namespace latentlab::ui::loss
