#pragma once
// The "Interpolation" side of the explorer: two samples (typed, or taken from the selection), a slider from 0
// to 1 whose image follows it live, the strip of N steps underneath (as large as the panel's width allows),
// linear or spherical, saved as PNG. The explorer draws the path on the scatter. The two ends are never the
// same sample: one set to the other's moves the other, to the first sample of another class.
#include "ui/explorer/explorer_reports.h"

#include <QWidget>

#include <cstdint>
#include <vector>

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
    // The samples' classes (empty without labels), so the ends start in two different classes.
    void setLabels(std::vector<std::int32_t> labels);
    // The scatter's selection, which the "selected" buttons take.
    void setSelected(qint64 index);
    // Equal ends: `to` moves.
    void setEnds(qint64 from, qint64 to);
    // One end; the other moves if it was this sample.
    void setFrom(qint64 index);
    void setTo(qint64 index);
    // Draws the strip, first moving the ends apart if they are the same sample (the selection, or the first
    // sample, to the first sample of another class).
    void start();
    // Another sample to pair with `index`: the first of another class, or a neighbouring index.
    qint64 partnerOf(qint64 index) const;
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
    // Sets `end` to `index`, moves the other end if they would meet, and asks for the strip.
    void moveEnd(QSpinBox* end, qint64 index);
    void highlightNearestStep();

    qint64 selected_ = -1;
    std::vector<std::int32_t> labels_;
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
