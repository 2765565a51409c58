#pragma once
// The "Traversal" side of the explorer: for the selected sample, one row per latent dimension (the most
// informative first, by their KL) with that dimension swept across a range while the others stay put.
#include "ui/explorer/explorer_reports.h"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace latentlab::ui {

class ImageGridView;

class TraversalPanel : public QWidget {
    Q_OBJECT
public:
    explicit TraversalPanel(QWidget* parent = nullptr);

    void setSelected(qint64 index);
    qint64 selected() const { return selected_; }
    void showImages(const ImageSet& images);
    void clear();
    void request();

    ImageGridView* grid() const { return grid_; }
    QDoubleSpinBox* rangeBox() const { return range_; }
    QSpinBox* stepsBox() const { return steps_; }

Q_SIGNALS:
    void requested(qint64 index, double lo, double hi, int steps);

private:
    qint64 selected_ = -1;
    QLabel* title_ = nullptr;
    QDoubleSpinBox* range_ = nullptr;
    QSpinBox* steps_ = nullptr;
    QPushButton* update_ = nullptr;
    QPushButton* save_ = nullptr;
    QLabel* notes_ = nullptr;
    ImageGridView* grid_ = nullptr;
};

} // namespace latentlab::ui
