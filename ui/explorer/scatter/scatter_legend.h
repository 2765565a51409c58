#pragma once
// The legend column of ScatterView: one entry per class that a click toggles (a hidden class is greyed, its
// swatch hollow), and, when points are coloured by a value, a colour bar with the range beside it. A value
// type made afresh for each paint or click: there are a few dozen entries at most, and keeping no state means
// it can never disagree with the view.
#include <QColor>
#include <QFont>
#include <QFontMetrics>
#include <QRect>
#include <QString>

#include <vector>

QT_BEGIN_NAMESPACE
class QPainter;
class QPalette;
QT_END_NAMESPACE

namespace latentlab::ui {

class ScatterLegend {
public:
    struct Entry {
        QString name;
        QColor swatch;
        bool visible = true;
    };
    struct ColorBar {
        bool shown = false;
        double low = 0, high = 0;
    };

    ScatterLegend(std::vector<Entry> entries, ColorBar bar, const QFont& font);

    // The column's width; 0 when there is nothing to show.
    int width() const { return width_; }
    // Places the legend at the top of `column`; entries that do not fit its height are left out.
    void layout(const QRect& column);
    // Empty for a class that is not shown.
    QRect entryRect(int cls) const;
    int entryAt(QPoint pos) const;
    void paint(QPainter& painter, const QPalette& palette) const;

private:
    QString label(double value) const;

    std::vector<Entry> entries_;
    ColorBar bar_;
    QFont font_;
    QFontMetrics metrics_;
    int width_ = 0;
    std::vector<QRect> rects_;
    QRect barRect_;
    QRect frame_;
};

} // namespace latentlab::ui
