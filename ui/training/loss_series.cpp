#include "ui/training/loss_series.h"

#include <algorithm>
#include <cmath>

namespace latentlab::ui::loss {

// An exponential moving average debiased like Adam's moments, so the first points are not dragged towards
// zero. A non-finite value (a diverged step) is skipped rather than averaged: one NaN would otherwise blank
// the rest of the curve and the axis range with it.
QList<QPointF> smoothed(const QVector<qint64>& steps, const QVector<double>& values, double weight)
{
    QList<QPointF> points;
    points.reserve(values.size());
    double last = 0.0;
    double weightPower = 1.0;
    for (int i = 0; i < values.size(); ++i) {
        const double y = values[i];
        if (!std::isfinite(y))
            continue;
        last = last * weight + (1.0 - weight) * y;
        weightPower *= weight;
        points.append(QPointF(double(steps[i]), weight > 0.0 ? last / (1.0 - weightPower) : y));
    }
    return points;
}

QList<QPointF> finitePoints(const QVector<qint64>& steps, const QVector<double>& values)
{
    QList<QPointF> points;
    for (int i = 0; i < values.size(); ++i) {
        if (std::isfinite(values[i]))
            points.append(QPointF(double(steps[i]), values[i]));
    }
    return points;
}

// The newest point is kept as it is: it is the value the user is watching, and the curve must end at the
// latest step. Bucket edges are spread by integer division, so bucket sizes differ by at most one.
QList<QPointF> decimated(const QList<QPointF>& points, int limit)
{
    if (points.size() <= limit)
        return points;
    if (limit < 2)
        return limit < 1 ? QList<QPointF>() : QList<QPointF> {points.last()};
    const qsizetype body = points.size() - 1;
    const qsizetype buckets = limit - 1;
    QList<QPointF> out;
    out.reserve(limit);
    for (qsizetype b = 0; b < buckets; ++b) {
        const qsizetype begin = b * body / buckets;
        const qsizetype end = (b + 1) * body / buckets;
        double x = 0.0;
        double y = 0.0;
        for (qsizetype i = begin; i < end; ++i) {
            x += points[i].x();
            y += points[i].y();
        }
        const double n = double(end - begin);
        out.append(QPointF(x / n, y / n));
    }
    out.append(points.last());
    return out;
}

double oneTwoFive(double x, bool up)
{
    const double decade = std::pow(10.0, std::floor(std::log10(x)));
    const double m = x / decade;
    if (up)
        return (m <= 1.0 ? 1.0 : m <= 2.0 ? 2.0 : m <= 5.0 ? 5.0 : 10.0) * decade;
    return (m >= 5.0 ? 5.0 : m >= 2.0 ? 2.0 : 1.0) * decade;
}

double niceStep(double lo, double hi)
{
    constexpr int kTargetTicks = 6;
    const double rough = (hi - lo) / (kTargetTicks - 1);
    const double below = oneTwoFive(rough, false);
    const double above = oneTwoFive(rough, true);
    // Nearest by ratio, not difference: 1.4 is nearer 1 than 2 on a scale where 2 is twice 1.
    return rough / below < above / rough ? below : above;
}

AxisRange niceLinearRange(double lo, double hi)
{
    if (!(hi > lo) || !std::isfinite(hi - lo)) {
        hi = lo + std::max(1.0, std::abs(lo));
        if (!std::isfinite(hi - lo)) {
            lo = 0.0;
            hi = 1.0;
        }
    }
    const double step = niceStep(lo, hi);
    AxisRange r;
    r.min = std::floor(lo / step) * step;
    r.max = std::ceil(hi / step) * step;
    if (r.max <= r.min)
        r.max = r.min + step;
    r.ticks = static_cast<int>(std::lround((r.max - r.min) / step)) + 1;
    return r;
}

AxisRange linearLossRange(double minY, double maxY)
{
    const double pad = maxY > minY ? (maxY - minY) * 0.05 : std::max(std::abs(maxY) * 0.05, 0.5);
    // Losses are rarely negative; padding should not invent a negative region that no curve reaches.
    const double lower = minY >= 0.0 ? std::max(minY - pad, 0.0) : minY - pad;
    return niceLinearRange(lower, maxY + pad);
}

LogRange logLossRange(double minY, double maxY)
{
    return {oneTwoFive(minY / 1.2, false), oneTwoFive(maxY * 1.2, true)};
}

// Low enough to read as "tiny" without stretching the axis over empty decades.
double logFloor(double smallestPositive)
{
    return std::isfinite(smallestPositive) ? smallestPositive / 10.0 : 1e-6;
}

} // namespace latentlab::ui::loss
