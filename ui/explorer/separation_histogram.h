#pragma once
// How well an attribute vector separates its two sets: the histogram of where each set's samples lie along
// it (mean of A at 0, mean of B at 1), one colour per set, each set's bars as shares of that set so a small
// hand-picked set is not flattened by a whole class. A line marks where the selected sample has been moved.
// Painted directly: a few dozen bars need no chart.
#include <QColor>
#include <QString>
#include <QVector>
#include <QWidget>

#include <optional>

namespace latentlab::ui {

class SeparationHistogram : public QWidget {
    Q_OBJECT
public:
    static constexpr int bins = 30;
    explicit SeparationHistogram(QWidget* parent = nullptr);

    void setPositions(const QVector<double>& from, const QVector<double>& to, const QString& fromName,
                      const QString& toName);
    // The moved sample's position along the vector; none hides the line.
    void setMarker(std::optional<double> position);
    void clear();

    bool isEmpty() const { return fromShares_.isEmpty(); }
    // Share of each set's samples in each bin (each sums to 1), over [lo(), hi()].
    const QVector<double>& fromShares() const { return fromShares_; }
    const QVector<double>& toShares() const { return toShares_; }
    double lo() const { return lo_; }
    double hi() const { return hi_; }
    static QColor fromColour() { return QColor(31, 119, 180); }
    static QColor toColour() { return QColor(255, 127, 14); }

    QSize sizeHint() const override { return {360, 170}; }
    QSize minimumSizeHint() const override { return {200, 120}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QVector<double> fromShares_, toShares_;
    int fromCount_ = 0, toCount_ = 0;
    QString fromName_, toName_;
    double lo_ = 0.0, hi_ = 1.0;
    std::optional<double> marker_;
};

} // namespace latentlab::ui
