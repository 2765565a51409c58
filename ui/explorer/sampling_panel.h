#pragma once
// The "Samples" side of the explorer: an N x N grid drawn from the prior at a temperature and seed (class by
// class for a conditional VAE), or the manifold grid over the scatter's plane; a click on a sample puts the
// probe at its latent; the grid saves as PNG.
#include "core/models/model_config.h"
#include "ui/explorer/explorer_reports.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace latentlab::ui {

class ImageGridView;

class SamplingPanel : public QWidget {
    Q_OBJECT
public:
    explicit SamplingPanel(QWidget* parent = nullptr);

    void setModel(ModelKind kind, QStringList classNames);
    // Whether the scatter's layout has a plane to lay the manifold grid over (not t-SNE).
    void setPlaneAvailable(bool available);
    void showImages(const ImageSet& images);
    void clear();
    GridRequest request() const;

    ImageGridView* grid() const { return grid_; }
    QSpinBox* sideBox() const { return side_; }
    QSpinBox* seedBox() const { return seed_; }
    QDoubleSpinBox* temperatureBox() const { return temperature_; }
    QCheckBox* manifoldBox() const { return manifold_; }
    QPushButton* drawButton() const { return draw_; }

Q_SIGNALS:
    void requested(const latentlab::ui::GridRequest& request);
    // A sample whose latent lies at this scatter position was clicked.
    void positionChosen(QPointF position);

private:
    ImageSet shown_;
    QSpinBox* side_ = nullptr;
    QDoubleSpinBox* temperature_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QComboBox* label_ = nullptr;
    QCheckBox* manifold_ = nullptr;
    QPushButton* draw_ = nullptr;
    QPushButton* next_ = nullptr;
    QPushButton* save_ = nullptr;
    QLabel* notes_ = nullptr;
    ImageGridView* grid_ = nullptr;
};

} // namespace latentlab::ui
