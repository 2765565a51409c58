#include "ui/explorer/attribute_panel.h"

#include "ui/common/message_box.h"
#include "ui/explorer/image_grid_view.h"
#include "ui/explorer/separation_histogram.h"
#include "ui/explorer/set_choice_box.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace latentlab::ui {
namespace {

constexpr int kSliderScale = 100; // slider units per amount: steps of 0.01

} // namespace

AttributePanel::AttributePanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* sets = new QGridLayout;
    from_ = new SetChoiceBox(this);
    to_ = new SetChoiceBox(this);
    from_->setToolTip(tr("Set A: the vector starts at the mean latent of its samples"));
    to_->setToolTip(tr("Set B: the vector ends at the mean latent of its samples"));
    sets->addWidget(new QLabel(tr("From A"), this), 0, 0);
    sets->addWidget(from_, 0, 1);
    sets->addWidget(new QLabel(tr("to B"), this), 0, 2);
    sets->addWidget(to_, 0, 3);
    sets->setColumnStretch(1, 1);
    sets->setColumnStretch(3, 1);
    layout->addLayout(sets);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    layout->addWidget(title_);

    auto* live = new QHBoxLayout;
    frame_ = new ImageGridView(this);
    frame_->setCellSize(96);
    frame_->setToolTip(tr("The selected sample's latent plus the amount times the vector, decoded"));
    live->addWidget(frame_);
    auto* amount = new QVBoxLayout;
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setRange(static_cast<int>(-range * kSliderScale), static_cast<int>(range * kSliderScale));
    slider_->setSingleStep(5);
    slider_->setPageStep(50);
    slider_->setTickPosition(QSlider::TicksBelow);
    slider_->setTickInterval(kSliderScale);
    amountText_ = new QLabel(this);
    amount->addStretch(1);
    amount->addWidget(new QLabel(tr("Amount of the vector added"), this));
    amount->addWidget(slider_);
    amount->addWidget(amountText_);
    amount->addStretch(1);
    live->addLayout(amount, 1);
    layout->addLayout(live);

    auto* stripRow = new QHBoxLayout;
    steps_ = new QSpinBox(this);
    steps_->setRange(3, 15);
    steps_->setValue(9);
    steps_->setSuffix(tr(" steps"));
    export_ = new QPushButton(tr("Export PNG…"), this);
    export_->setEnabled(false);
    stripRow->addWidget(new QLabel(tr("Strip from −2 to +2"), this));
    stripRow->addWidget(steps_);
    stripRow->addStretch(1);
    stripRow->addWidget(export_);
    layout->addLayout(stripRow);
    strip_ = new ImageGridView(this);
    // Every step in one row across the panel, as large as the width allows.
    strip_->setCellSizeRange(20, 84);
    layout->addWidget(strip_);

    auto* along = new QLabel(tr("Where the samples of A and B lie along the vector (the line: the selected sample, "
                                "moved)"),
                             this);
    along->setWordWrap(true);
    layout->addWidget(along);
    histogram_ = new SeparationHistogram(this);
    layout->addWidget(histogram_, 1);
    auroc_ = new QLabel(this);
    auroc_->setWordWrap(true);
    auroc_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(auroc_);

    for (SetChoiceBox* box : {from_, to_})
        connect(box, &SetChoiceBox::choiceChanged, this, &AttributePanel::refresh);
    connect(steps_, &QSpinBox::valueChanged, this, [this] {
        if (selected_ >= 0)
            Q_EMIT stripRequested(request());
    });
    connect(slider_, &QSlider::valueChanged, this, [this] {
        showAmount();
        requestFrame();
    });
    connect(export_, &QPushButton::clicked, this, &AttributePanel::exportWithDialog);
    setSelected(-1);
    showAmount();
}

void AttributePanel::setSources(const QStringList& classNames, const SampleSets* sets)
{
    const bool first = from_->count() == 0;
    from_->setSources(classNames, sets);
    to_->setSources(classNames, sets);
    if (first || to_->choice().sameChoice(from_->choice())) {
        // A direction from the start: B is the entry after A.
        for (int i = from_->currentIndex() + 1; i < to_->count(); ++i)
            if (!to_->itemData(i).toString().isEmpty()) {
                to_->setCurrentIndex(i);
                break;
            }
    }
}

void AttributePanel::setSelected(qint64 index)
{
    selected_ = index;
    title_->setText(index < 0 ? tr("Select a sample on the scatter to move its latent along the vector from A to B.")
                              : tr("Sample %1: its latent plus the amount times (mean of B − mean of A).")
                                    .arg(index));
    slider_->setEnabled(index >= 0);
    if (index < 0) {
        strip_->clear();
        frame_->clear();
        export_->setEnabled(false);
        hasSamplePosition_ = false;
        histogram_->setMarker(std::nullopt);
    }
}

AttributeRequest AttributePanel::request() const
{
    AttributeRequest r;
    r.from = from_->choice();
    r.to = to_->choice();
    r.index = selected_;
    r.range = range;
    r.steps = steps_->value();
    return r;
}

double AttributePanel::amount() const
{
    return static_cast<double>(slider_->value()) / kSliderScale;
}

void AttributePanel::setAmount(double value)
{
    slider_->setValue(static_cast<int>(std::lround(value * kSliderScale)));
}

void AttributePanel::refresh()
{
    const AttributeRequest r = request();
    if (r.from.isEmpty() || r.to.isEmpty())
        return;
    Q_EMIT stripRequested(r);
    requestFrame();
}

void AttributePanel::requestFrame()
{
    const AttributeRequest r = request();
    if (selected_ >= 0 && !r.from.isEmpty() && !r.to.isEmpty())
        Q_EMIT amountChanged(r, amount());
}

void AttributePanel::showAmount()
{
    amountText_->setText(tr("%1 × v").arg(amount(), 0, 'f', 2));
    if (hasSamplePosition_)
        histogram_->setMarker(samplePosition_ + amount());
}

void AttributePanel::showReport(const AttributeReport& report)
{
    if (report.index == selected_ && report.index >= 0) {
        strip_->setImages(report.strip.images, report.strip.columns, {}, report.strip.columnLabels);
        samplePosition_ = report.samplePosition;
        hasSamplePosition_ = true;
    }
    export_->setEnabled(strip_->count() > 0);
    histogram_->setPositions(report.fromPositions, report.toPositions, from_->textOf(from_->choice()),
                             to_->textOf(to_->choice()));
    histogram_->setMarker(hasSamplePosition_ ? std::optional<double>(samplePosition_ + amount()) : std::nullopt);
    auroc_->setText(tr("AUROC %1: how often a sample of B lies further along the vector than one of A "
                       "(1: they separate completely, 0.5: no better than chance). |v| = %2.")
                        .arg(report.auroc, 0, 'f', 3)
                        .arg(report.length, 0, 'g', 3));
}

void AttributePanel::showFrame(const AttributeFrame& frame)
{
    if (frame.index != selected_)
        return;
    frame_->setImages({frame.image}, 1);
}

void AttributePanel::clear()
{
    strip_->clear();
    frame_->clear();
    histogram_->clear();
    auroc_->clear();
    export_->setEnabled(false);
    hasSamplePosition_ = false;
}

bool AttributePanel::exportStrip(const QString& path) const
{
    return strip_->count() > 0 && strip_->savePng(path);
}

void AttributePanel::exportWithDialog()
{
    // The dialog adds ".png" before it asks about replacing a file, so only a file the user named is replaced.
    QFileDialog dialog(this, tr("Export Attribute Strip"), QStringLiteral("attribute.png"), tr("PNG images (*.png)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("png"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    const QString path = dialog.selectedFiles().constFirst();
    if (!exportStrip(path))
        openMessage(this, QMessageBox::Warning, tr("Export Failed"), tr("Could not write the strip to %1.").arg(path));
}

} // namespace latentlab::ui
