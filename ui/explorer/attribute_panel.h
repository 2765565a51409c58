#pragma once
// The "Attribute" side of the explorer: the attribute vector v = mean(B) - mean(A) between two sets of
// samples (White 2016, "Sampling Generative Networks": adding the difference of the mean latents of images
// with and without an attribute adds it to other images). A slider from -2 to +2 decodes the selected
// sample's latent + amount * v live; a strip shows the whole range and exports as PNG; a histogram of both
// sets' positions along v, with its AUROC, says how cleanly v separates them (0.5: not at all).
#include "ui/explorer/attribute_reports.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace latentlab::ui {

class ImageGridView;
class SampleSets;
class SeparationHistogram;
class SetChoiceBox;

class AttributePanel : public QWidget {
    Q_OBJECT
public:
    static constexpr double range = 2.0;
    explicit AttributePanel(QWidget* parent = nullptr);

    // The classes and named sets A and B can be. With nothing chosen yet, A is the first entry, B the second.
    void setSources(const QStringList& classNames, const SampleSets* sets);
    void setSelected(qint64 index);
    qint64 selected() const { return selected_; }
    // What the panel shows, with A and B unresolved (the explorer fills in their samples).
    AttributeRequest request() const;
    double amount() const;
    // Moves the slider (to the nearest hundredth), which decodes as a drag does.
    void setAmount(double amount);
    // Asks for the strip and the separation again (the sets or the model changed).
    void refresh();

    void showReport(const AttributeReport& report);
    void showFrame(const AttributeFrame& frame);
    void clear();
    // Writes the strip shown as a PNG; false (and nothing written) without one or when the file cannot be written.
    bool exportStrip(const QString& path) const;

    SetChoiceBox* fromBox() const { return from_; }
    SetChoiceBox* toBox() const { return to_; }
    QSlider* slider() const { return slider_; }
    QSpinBox* stepsBox() const { return steps_; }
    ImageGridView* frameView() const { return frame_; }
    ImageGridView* stripView() const { return strip_; }
    SeparationHistogram* histogram() const { return histogram_; }
    QLabel* aurocLabel() const { return auroc_; }
    QPushButton* exportButton() const { return export_; }

Q_SIGNALS:
    // The strip and separation for these sets and this sample are wanted.
    void stripRequested(const latentlab::ui::AttributeRequest& request);
    // The slider moved: decode the sample's latent + amount * v.
    void amountChanged(const latentlab::ui::AttributeRequest& request, double amount);

private:
    void exportWithDialog();
    void showAmount();
    void requestFrame();

    qint64 selected_ = -1;
    SetChoiceBox* from_ = nullptr;
    SetChoiceBox* to_ = nullptr;
    QLabel* title_ = nullptr;
    QSlider* slider_ = nullptr;
    QLabel* amountText_ = nullptr;
    ImageGridView* frame_ = nullptr;
    ImageGridView* strip_ = nullptr;
    QSpinBox* steps_ = nullptr;
    QPushButton* export_ = nullptr;
    SeparationHistogram* histogram_ = nullptr;
    QLabel* auroc_ = nullptr;
    double samplePosition_ = 0.0;
    bool hasSamplePosition_ = false;
};

} // namespace latentlab::ui
