#include "ui/explorer/sampling_panel.h"

#include "ui/explorer/image_grid_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace latentlab::ui {

SamplingPanel::SamplingPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    side_ = new QSpinBox(this);
    side_->setRange(2, 16);
    side_->setValue(8);
    side_->setSuffix(tr(" × side"));
    form->addRow(tr("Grid"), side_);
    temperature_ = new QDoubleSpinBox(this);
    temperature_->setRange(0.0, 3.0);
    temperature_->setSingleStep(0.1);
    temperature_->setValue(1.0);
    temperature_->setToolTip(tr("Scales the prior's spread: 0 decodes its centre, above 1 draws unusual latents"));
    form->addRow(tr("Temperature"), temperature_);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, 1'000'000'000);
    form->addRow(tr("Seed"), seed_);
    label_ = new QComboBox(this);
    form->addRow(tr("Class"), label_);
    manifold_ = new QCheckBox(tr("Regular grid over the scatter's plane"), this);
    manifold_->setToolTip(tr("Decodes evenly spaced quantiles of the prior across the two axes shown, "
                             "as in Kingma and Welling's manifold figure"));
    form->addRow(QString(), manifold_);
    layout->addLayout(form);

    auto* buttons = new QHBoxLayout;
    draw_ = new QPushButton(tr("Draw"), this);
    next_ = new QPushButton(tr("Resample"), this);
    next_->setToolTip(tr("The next seed"));
    save_ = new QPushButton(tr("Save PNG…"), this);
    buttons->addWidget(draw_);
    buttons->addWidget(next_);
    buttons->addStretch(1);
    buttons->addWidget(save_);
    layout->addLayout(buttons);
    notes_ = new QLabel(this);
    notes_->setWordWrap(true);
    layout->addWidget(notes_);

    grid_ = new ImageGridView(this);
    // The grid fits the panel's width down to the images' own size; narrower, the scroll area scrolls.
    grid_->setCellSizeRange(28, 112);
    grid_->setToolTip(tr("Click a sample to put the probe at its latent"));
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(grid_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);

    connect(draw_, &QPushButton::clicked, this, [this] { Q_EMIT requested(request()); });
    connect(next_, &QPushButton::clicked, this, [this] {
        seed_->setValue(seed_->value() + 1);
        Q_EMIT requested(request());
    });
    connect(save_, &QPushButton::clicked, this,
            [this] { grid_->saveWithDialog(tr("Save Samples"), QStringLiteral("samples.png")); });
    connect(grid_, &ImageGridView::cellClicked, this, [this](int cell) {
        if (cell >= 0 && cell < shown_.positions.size())
            Q_EMIT positionChosen(shown_.positions[cell]);
    });
    setModel(ModelKind::Vae, {});
}

void SamplingPanel::setModel(ModelKind kind, QStringList classNames)
{
    label_->clear();
    const bool conditional = kind == ModelKind::ConditionalVae;
    if (conditional) {
        label_->addItem(tr("Every class, one row each"), -1);
        for (int k = 0; k < classNames.size(); ++k)
            label_->addItem(classNames[k], k);
    }
    label_->setEnabled(conditional);
    label_->setToolTip(conditional ? QString() : tr("Only a conditional VAE draws by class"));
    clear();
}

void SamplingPanel::setPlaneAvailable(bool available)
{
    manifold_->setEnabled(available);
    if (!available)
        manifold_->setChecked(false);
}

void SamplingPanel::clear()
{
    shown_ = {};
    grid_->clear();
    notes_->clear();
}

GridRequest SamplingPanel::request() const
{
    GridRequest r;
    r.side = side_->value();
    r.temperature = temperature_->value();
    r.seed = static_cast<quint64>(seed_->value());
    r.label = label_->count() > 0 ? label_->currentData().toInt() : -1;
    r.manifold = manifold_->isChecked();
    return r;
}

void SamplingPanel::showImages(const ImageSet& images)
{
    shown_ = images;
    grid_->setImages(images.images, images.columns, images.rowLabels);
    notes_->setText(images.notes.join(QLatin1Char(' ')));
}

} // namespace latentlab::ui
