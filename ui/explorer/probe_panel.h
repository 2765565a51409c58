#pragma once
// The "Probe" side of the explorer: the image decoded at the probe (for a conditional VAE, that latent under
// every class), the nearest real samples, how the latent was found, and the selected sample as input,
// reconstruction and error map. A VQ-VAE adds the selected sample's codes and the codebook usage; a
// hierarchical VAE a button that redraws only the bottom layer of the selected sample.
#include "core/models/model_config.h"
#include "ui/explorer/explorer_reports.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace latentlab::ui {

class CodeUsageBars;
class ImageGridView;

class ProbePanel : public QWidget {
    Q_OBJECT
public:
    explicit ProbePanel(QWidget* parent = nullptr);

    void setModel(ModelKind kind, QStringList classNames);
    void clear();
    void showProbe(const ProbeImage& probe);
    void showSample(const SampleDetail& detail);
    void showBottomSamples(const ImageSet& images);
    void setCodeUsage(const QVector<double>& share);

    const ProbeImage& probe() const { return probe_; }
    const SampleDetail& sample() const { return sample_; }
    ImageGridView* decodedView() const { return decoded_; }
    ImageGridView* neighboursView() const { return neighbours_; }
    ImageGridView* perClassView() const { return perClass_; }
    QString note() const;

Q_SIGNALS:
    // A neighbour thumbnail was clicked: select that sample.
    void sampleChosen(qint64 index);
    void resampleBottomRequested();

private:
    ProbeImage probe_;
    SampleDetail sample_;
    QStringList classNames_;
    ImageGridView* decoded_ = nullptr;
    QLabel* note_ = nullptr;
    QLabel* perClassTitle_ = nullptr;
    ImageGridView* perClass_ = nullptr;
    ImageGridView* neighbours_ = nullptr;
    QLabel* sampleTitle_ = nullptr;
    ImageGridView* sampleViews_ = nullptr; // input, reconstruction, error
    QLabel* codes_ = nullptr;
    CodeUsageBars* usage_ = nullptr;
    QPushButton* resample_ = nullptr;
    ImageGridView* bottom_ = nullptr;
};

} // namespace latentlab::ui
