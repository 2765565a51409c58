#include "ui/explorer/probe_panel.h"

#include "ui/explorer/code_usage_bars.h"
#include "ui/explorer/image_grid_view.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace latentlab::ui {
namespace {

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

} // namespace

ProbePanel::ProbePanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(tr("At the probe"), this));
    decoded_ = new ImageGridView(this);
    decoded_->setCellSize(168);
    decoded_->setToolTip(tr("The decoder's image at the probe: drag the probe on the scatter to move it"));
    layout->addWidget(decoded_);
    note_ = new QLabel(this);
    note_->setWordWrap(true);
    layout->addWidget(note_);

    perClassTitle_ = heading(tr("The same latent under every class"), this);
    layout->addWidget(perClassTitle_);
    perClass_ = new ImageGridView(this);
    // Thumbnails across the panel's width, at least three times a 28-pixel image.
    perClass_->setCellSizeRange(84, 168);
    layout->addWidget(perClass_);

    layout->addWidget(heading(tr("Nearest samples"), this));
    neighbours_ = new ImageGridView(this);
    neighbours_->setCellSizeRange(84, 168);
    layout->addWidget(neighbours_);
    connect(neighbours_, &ImageGridView::cellClicked, this, [this](int cell) {
        if (cell >= 0 && cell < probe_.neighbours.size())
            Q_EMIT sampleChosen(probe_.neighbours[cell]);
    });

    sampleTitle_ = heading(tr("Selected sample"), this);
    layout->addWidget(sampleTitle_);
    sampleViews_ = new ImageGridView(this);
    sampleViews_->setCellSize(84);
    layout->addWidget(sampleViews_);
    codes_ = new QLabel(this);
    codes_->setTextFormat(Qt::PlainText);
    codes_->setFont(QFont(QStringLiteral("monospace")));
    codes_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(codes_);
    usage_ = new CodeUsageBars(this);
    layout->addWidget(usage_);
    resample_ = new QPushButton(tr("Redraw the bottom layer"), this);
    resample_->setToolTip(tr("Keeps the selected sample's top latent and draws the bottom one afresh, eight times"));
    layout->addWidget(resample_);
    connect(resample_, &QPushButton::clicked, this, &ProbePanel::resampleBottomRequested);
    bottom_ = new ImageGridView(this);
    bottom_->setCellSizeRange(84, 168);
    layout->addWidget(bottom_);
    layout->addStretch(1);
    setModel(ModelKind::Vae, {});
}

void ProbePanel::setModel(ModelKind kind, QStringList classNames)
{
    classNames_ = std::move(classNames);
    const bool conditional = kind == ModelKind::ConditionalVae;
    perClassTitle_->setVisible(conditional);
    perClass_->setVisible(conditional);
    codes_->setVisible(kind == ModelKind::VqVae);
    usage_->setVisible(kind == ModelKind::VqVae);
    resample_->setVisible(kind == ModelKind::HierarchicalVae);
    bottom_->setVisible(kind == ModelKind::HierarchicalVae);
    clear();
}

void ProbePanel::clear()
{
    probe_ = {};
    sample_ = {};
    // Until the probe decodes something its 168-pixel cell would be an empty box: the note says what to do.
    decoded_->clear();
    decoded_->hide();
    note_->setText(tr("Switch on Probe and drag on the scatter to decode any point."));
    perClass_->clear();
    neighbours_->clear();
    sampleViews_->clear();
    bottom_->clear();
    codes_->clear();
    resample_->setEnabled(false);
    sampleTitle_->setText(tr("Selected sample: click a point"));
}

QString ProbePanel::note() const
{
    return note_->text();
}

void ProbePanel::showProbe(const ProbeImage& probe)
{
    if (probe.tag < probe_.tag)
        return; // an answer overtaken by a newer one already shown
    probe_ = probe;
    decoded_->setImages({probe.image}, 1);
    decoded_->show();
    note_->setText(probe.note.isEmpty() ? tr("Decoded exactly at (%1, %2).")
                                              .arg(probe.position.x(), 0, 'g', 3)
                                              .arg(probe.position.y(), 0, 'g', 3)
                                        : probe.note);
    perClass_->setImages(probe.perClass, 0);
    neighbours_->setImages(probe.neighbourImages, 0);
}

void ProbePanel::showSample(const SampleDetail& detail)
{
    sample_ = detail;
    sampleViews_->setImages({detail.input, detail.reconstruction, detail.error}, 3, {},
                            {tr("input"), tr("reconstruction"), tr("error")});
    QString title = tr("Sample %1").arg(detail.index);
    if (!detail.label.isEmpty())
        title += QStringLiteral(" · ") + detail.label;
    sampleTitle_->setText(title + QStringLiteral(" · ") + tr("MSE %1").arg(detail.meanSquaredError, 0, 'g', 3));
    QString codes;
    for (int r = 0; r < detail.codeRows; ++r) {
        for (int c = 0; c < detail.codeColumns; ++c)
            codes += QStringLiteral("%1 ").arg(detail.codes.value(r * detail.codeColumns + c), 3);
        codes += QLatin1Char('\n');
    }
    codes_->setText(codes.isEmpty() ? QString() : tr("Codes:\n") + codes.trimmed());
    resample_->setEnabled(detail.index >= 0);
}

void ProbePanel::showBottomSamples(const ImageSet& images)
{
    bottom_->setImages(images.images, 0);
}

void ProbePanel::setCodeUsage(const QVector<double>& share)
{
    usage_->setUsage(share);
}

} // namespace latentlab::ui
