#include "ui/explorer/traversal_panel.h"

#include "ui/explorer/image_grid_view.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace latentlab::ui {

TraversalPanel::TraversalPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    layout->addWidget(title_);
    auto* row = new QHBoxLayout;
    range_ = new QDoubleSpinBox(this);
    range_->setRange(0.5, 10.0);
    range_->setSingleStep(0.5);
    range_->setValue(3.0);
    range_->setPrefix(QStringLiteral("± "));
    range_->setToolTip(tr("The values each dimension takes, in the prior's standard deviations"));
    steps_ = new QSpinBox(this);
    steps_->setRange(3, 15);
    steps_->setValue(9);
    steps_->setSuffix(tr(" steps"));
    update_ = new QPushButton(tr("Show"), this);
    save_ = new QPushButton(tr("Save PNG…"), this);
    row->addWidget(new QLabel(tr("Range"), this));
    row->addWidget(range_);
    row->addWidget(steps_);
    row->addWidget(update_);
    row->addStretch(1);
    row->addWidget(save_);
    layout->addLayout(row);
    notes_ = new QLabel(this);
    notes_->setWordWrap(true);
    layout->addWidget(notes_);
    grid_ = new ImageGridView(this);
    // As wide as the panel allows (28-pixel images at 56 or 84 when there is room), scrolling down the dimensions.
    grid_->setCellSizeRange(36, 112);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(grid_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);

    connect(update_, &QPushButton::clicked, this, &TraversalPanel::request);
    connect(save_, &QPushButton::clicked, this,
            [this] { grid_->saveWithDialog(tr("Save Traversal"), QStringLiteral("traversal.png")); });
    setSelected(-1);
}

void TraversalPanel::setSelected(qint64 index)
{
    selected_ = index;
    update_->setEnabled(index >= 0);
    title_->setText(index < 0 ? tr("Select a sample on the scatter to vary its latent one dimension at a time.")
                              : tr("Sample %1: each row varies one dimension, the most informative first.").arg(index));
}

void TraversalPanel::request()
{
    if (selected_ >= 0)
        Q_EMIT requested(selected_, -range_->value(), range_->value(), steps_->value());
}

void TraversalPanel::showImages(const ImageSet& images)
{
    grid_->setImages(images.images, images.columns, images.rowLabels, images.columnLabels);
    notes_->setText(images.notes.join(QLatin1Char(' ')));
}

void TraversalPanel::clear()
{
    grid_->clear();
    notes_->clear();
}

} // namespace latentlab::ui
