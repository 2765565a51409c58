#include "ui/explorer/separation_histogram.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {
namespace {

// The value below which a share q of the sorted values lies.
double quantile(const std::vector<double>& sorted, double q)
{
    const double at = q * static_cast<double>(sorted.size() - 1);
    const std::size_t i = static_cast<std::size_t>(std::floor(at));
    const std::size_t j = std::min(i + 1, sorted.size() - 1);
    return sorted[i] + (sorted[j] - sorted[i]) * (at - static_cast<double>(i));
}

QVector<double> sharesOf(const QVector<double>& values, double lo, double hi, int bins)
{
    QVector<double> shares(bins, 0.0);
    if (values.isEmpty())
        return shares;
    const double width = (hi - lo) / bins;
    for (double v : values) {
        // Outliers beyond the range shown count in the edge bins rather than vanishing.
        const int b = std::clamp(static_cast<int>(std::floor((v - lo) / width)), 0, bins - 1);
        shares[b] += 1.0 / values.size();
    }
    return shares;
}

} // namespace

SeparationHistogram::SeparationHistogram(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void SeparationHistogram::setPositions(const QVector<double>& from, const QVector<double>& to, const QString& fromName,
                                       const QString& toName)
{
    std::vector<double> all(from.begin(), from.end());
    all.insert(all.end(), to.begin(), to.end());
    all.erase(std::remove_if(all.begin(), all.end(), [](double v) { return !std::isfinite(v); }), all.end());
    if (all.empty()) {
        clear();
        return;
    }
    std::sort(all.begin(), all.end());
    // The middle 99% of the samples, and always both means (0 and 1), so the picture is read against them.
    lo_ = std::min(0.0, quantile(all, 0.005));
    hi_ = std::max(1.0, quantile(all, 0.995));
    const double pad = 0.04 * (hi_ - lo_);
    lo_ -= pad;
    hi_ += pad;
    fromShares_ = sharesOf(from, lo_, hi_, bins);
    toShares_ = sharesOf(to, lo_, hi_, bins);
    fromCount_ = from.size();
    toCount_ = to.size();
    fromName_ = fromName;
    toName_ = toName;
    update();
}

void SeparationHistogram::setMarker(std::optional<double> position)
{
    marker_ = position;
    update();
}

void SeparationHistogram::clear()
{
    fromShares_.clear();
    toShares_.clear();
    fromCount_ = toCount_ = 0;
    marker_.reset();
    update();
}

void SeparationHistogram::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const QFontMetrics fm = fontMetrics();
    if (isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Choose two sets to see how far along the vector their samples lie."));
        return;
    }
    const int line = fm.height();
    const QRect plot = rect().adjusted(8, line + 10, -8, -(line + 6));
    const auto xOf = [&](double v) { return plot.left() + (v - lo_) / (hi_ - lo_) * plot.width(); };
    double top = 0.0;
    for (int b = 0; b < bins; ++b)
        top = std::max({top, fromShares_[b], toShares_[b]});
    const double barWidth = static_cast<double>(plot.width()) / bins;
    p.setRenderHint(QPainter::Antialiasing, false);
    for (const auto& [shares, colour] : {std::pair{&fromShares_, fromColour()}, std::pair{&toShares_, toColour()}}) {
        QColor fill = colour;
        fill.setAlpha(150);
        for (int b = 0; b < bins; ++b) {
            const double h = top > 0.0 ? (*shares)[b] / top * plot.height() : 0.0;
            p.fillRect(QRectF(plot.left() + b * barWidth, plot.bottom() - h, barWidth, h), fill);
        }
    }
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());

    // The two means, dashed, named A and B under the axis.
    p.setPen(QPen(palette().color(QPalette::Text), 1, Qt::DashLine));
    for (double v : {0.0, 1.0})
        p.drawLine(QPointF(xOf(v), plot.top()), QPointF(xOf(v), plot.bottom()));
    p.setPen(palette().color(QPalette::Text));
    const int labelY = plot.bottom() + 4;
    const auto label = [&](double v, const QString& text) {
        const int w = fm.horizontalAdvance(text);
        const int x = std::clamp(static_cast<int>(xOf(v)) - w / 2, 0, width() - w);
        p.drawText(QRect(x, labelY, w, line), Qt::AlignCenter, text);
    };
    label(0.0, QStringLiteral("A"));
    label(1.0, QStringLiteral("B"));
    if (marker_ && std::isfinite(*marker_)) {
        const double x = xOf(std::clamp(*marker_, lo_, hi_));
        p.setPen(QPen(palette().color(QPalette::Text), 2)); // neither set's colour: it is the sample
        p.drawLine(QPointF(x, plot.top() - 2), QPointF(x, plot.bottom()));
    }

    // Legend across the top: a swatch and the set's name with its size.
    int x = plot.left();
    for (const auto& [end, name, count, colour] : {std::tuple{QStringLiteral("A"), fromName_, fromCount_, fromColour()},
                                                   std::tuple{QStringLiteral("B"), toName_, toCount_, toColour()}}) {
        p.fillRect(QRect(x, 4 + (line - 10) / 2, 10, 10), colour);
        const QString text = tr("%1: %2 (%3)").arg(end, name).arg(count);
        const QString shown = fm.elidedText(text, Qt::ElideRight, std::max(40, width() / 2 - 30));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(x + 14, 4, fm.horizontalAdvance(shown) + 2, line), Qt::AlignVCenter, shown);
        x += 14 + fm.horizontalAdvance(shown) + 16;
    }
}

} // namespace latentlab::ui
