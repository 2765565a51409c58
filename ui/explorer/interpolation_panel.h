#pragma once
// The "Interpolation" side of the explorer: two samples (typed, or taken from the selection), a slider from 0
// to 1 whose image follows it live, the strip of N steps underneath, linear or spherical, saved as PNG. The
// explorer draws the path on the scatter.
#include "ui/explorer/explorer_reports.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace latentlab::ui {

class ImageGridView;

class InterpolationPanel : public QWidget {
    Q_OBJECT
public:
    explicit InterpolationPanel(QWidget* parent = nullptr);

    void setSampleCount(qint64 count);
    // The scatter's selection, which the "selected" buttons take.
    void setSelected(qint64 index);
    void setEnds(qint64 from, qint64 to);
    InterpolationRequest request() const;
    // 0..1
    double position() const;
    void setPosition(double t);

    void showStrip(const ImageSet& strip);
    void showFrame(const ProbeImage& frame);
    void clear();

    ImageGridView* frameView() const { return frame_; }
    ImageGridView* stripView() const { return strip_; }
    QSlider* slider() const { return slider_; }

Q_SIGNALS:
    void stripRequested(const latentlab::ui::InterpolationRequest& request);
    void positionChanged(const latentlab::ui::InterpolationRequest& request, double t);

private:
    void requestStrip();
    void highlightNearestStep();

    qint64 selected_ = -1;
    RequestTag lastFrame_ = 0;
    QSpinBox* from_ = nullptr;
    QSpinBox* to_ = nullptr;
    QPushButton* fromSelected_ = nullptr;
    QPushButton* toSelected_ = nullptr;
    QSpinBox* steps_ = nullptr;
    QCheckBox* spherical_ = nullptr;
    QSlider* slider_ = nullptr;
    QLabel* where_ = nullptr;
    ImageGridView* frame_ = nullptr;
    ImageGridView* strip_ = nullptr;
    QPushButton* save_ = nullptr;
};

} // namespace latentlab::ui
