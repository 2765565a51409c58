#pragma once
// Given label (rows) x suggested label (columns) over the scored samples, a count in each cell shaded by its
// size; the diagonal (the model agrees with the label) in grey. Clicking a cell chooses it (the labels view
// then shows only its samples); clicking it again, or outside the cells, clears the choice.
#include <QStringList>
#include <QWidget>

#include <vector>

namespace latentlab::ui {

class ConfusionMatrix : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionMatrix(QWidget* parent = nullptr);

    void setClassNames(const QStringList& names);
    // counts[given][suggested]; empty: nothing scored yet.
    void setCounts(std::vector<std::vector<qint64>> counts);
    const std::vector<std::vector<qint64>>& counts() const { return counts_; }
    // -1, -1: none.
    void setChosen(int given, int suggested);
    int chosenGiven() const { return given_; }
    int chosenSuggested() const { return suggested_; }
    QRect cellRect(int given, int suggested) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // -1, -1 when the choice is cleared.
    void cellChosen(int given, int suggested);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    int classes() const { return static_cast<int>(counts_.size()); }
    int labelWidth() const;
    int cell() const;

    QStringList names_;
    std::vector<std::vector<qint64>> counts_;
    int given_ = -1, suggested_ = -1;
};

} // namespace latentlab::ui
