#include "ui/labels/confusion_matrix.h"

#include <QFont>
#include <QFontMetrics>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {
namespace {
constexpr int kMaxNameWidth = 90; // row names beyond this are elided

// Counts in a smaller font than the names, so ten classes' cells fit beside a gallery in a 1200-pixel window.
QFont countFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.85 : 8.0);
    return f;
}
}

ConfusionMatrix::ConfusionMatrix(QWidget* parent) : QWidget(parent)
{
    setToolTip(tr("Rows: the label a sample has. Columns: the label the model suggests. Click a cell to see its "
                  "samples; click it again to see all."));
}

void ConfusionMatrix::setClassNames(const QStringList& names)
{
    names_ = names;
    updateGeometry();
    update();
}

void ConfusionMatrix::setCounts(std::vector<std::vector<qint64>> counts)
{
    counts_ = std::move(counts);
    given_ = suggested_ = -1;
    updateGeometry();
    update();
}

void ConfusionMatrix::setChosen(int given, int suggested)
{
    const bool inside = given >= 0 && suggested >= 0 && given < classes() && suggested < classes();
    given_ = inside ? given : -1;
    suggested_ = inside ? suggested : -1;
    update();
}

int ConfusionMatrix::labelWidth() const
{
    const QFontMetrics fm(font());
    int w = 0;
    for (int i = 0; i < classes(); ++i)
        w = std::max(w, fm.horizontalAdvance(QStringLiteral("%1 %2").arg(i).arg(names_.value(i))));
    return std::min(w, kMaxNameWidth) + 6;
}

int ConfusionMatrix::cell() const
{
    const QFontMetrics fm(font());
    const int fits = classes() > 0 ? std::min((width() - labelWidth()) / classes(), (height() - fm.height() - 4) / classes())
                                   : 0;
    // Room for a four-digit count at least, whatever the widget's size.
    return std::max(QFontMetrics(countFont(font())).horizontalAdvance(QStringLiteral("8888")) + 4, fits);
}

QRect ConfusionMatrix::cellRect(int given, int suggested) const
{
    const QFontMetrics fm(font());
    const int c = cell();
    return {labelWidth() + suggested * c, fm.height() + 4 + given * c, c, c};
}

QSize ConfusionMatrix::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    const int c = QFontMetrics(countFont(font())).horizontalAdvance(QStringLiteral("8888")) + 4;
    const int n = std::max(1, classes());
    return {labelWidth() + n * c, fm.height() + 4 + n * c};
}

QSize ConfusionMatrix::sizeHint() const
{
    return minimumSizeHint();
}

void ConfusionMatrix::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QFontMetrics fm(font());
    if (counts_.empty()) {
        p.setPen(palette().placeholderText().color());
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("Score the labels to see given against suggested."));
        return;
    }
    qint64 largest = 1;
    for (int g = 0; g < classes(); ++g)
        for (int s = 0; s < classes(); ++s)
            if (g != s)
                largest = std::max(largest, counts_[g][s]);
    const int c = cell();
    p.setPen(palette().placeholderText().color());
    for (int s = 0; s < classes(); ++s)
        p.drawText(QRect(labelWidth() + s * c, 0, c, fm.height() + 2), Qt::AlignCenter, QString::number(s));
    for (int g = 0; g < classes(); ++g) {
        const QRect row(0, cellRect(g, 0).top(), labelWidth() - 4, c);
        p.setPen(palette().text().color());
        p.drawText(row, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(QStringLiteral("%1 %2").arg(names_.value(g)).arg(g), Qt::ElideLeft, row.width()));
        for (int s = 0; s < classes(); ++s) {
            const QRect r = cellRect(g, s).adjusted(0, 0, -1, -1);
            const qint64 n = counts_[g][s];
            QColor fill;
            if (g == s)
                fill = palette().window().color().darker(108);
            else {
                // Square-root shading: a cell of a few suspects is still visible beside one of hundreds.
                const double t = n > 0 ? std::sqrt(static_cast<double>(n) / static_cast<double>(largest)) : 0.0;
                fill = QColor::fromRgbF(1.0, 1.0 - 0.75 * t, 1.0 - 0.85 * t);
            }
            p.fillRect(r, fill);
            p.setPen(palette().mid().color());
            p.drawRect(r);
            if (n > 0) {
                p.setFont(countFont(font()));
                p.setPen(g == s ? palette().placeholderText().color() : QColor(Qt::black));
                p.drawText(r, Qt::AlignCenter, QString::number(n));
                p.setFont(font());
            }
        }
    }
    if (given_ >= 0) {
        p.setPen(QPen(palette().highlight().color(), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(cellRect(given_, suggested_).adjusted(1, 1, -1, -1));
    }
}

void ConfusionMatrix::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    int given = -1, suggested = -1;
    for (int g = 0; g < classes() && given < 0; ++g)
        for (int s = 0; s < classes(); ++s)
            if (cellRect(g, s).contains(event->position().toPoint())) {
                given = g;
                suggested = s;
                break;
            }
    if (given == given_ && suggested == suggested_)
        given = suggested = -1; // the same cell again: back to all
    setChosen(given, suggested);
    Q_EMIT cellChosen(given_, suggested_);
}

} // namespace latentlab::ui
