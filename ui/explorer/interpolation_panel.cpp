#include "ui/explorer/interpolation_panel.h"

#include "ui/explorer/image_grid_view.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {
namespace {
constexpr int sliderSteps = 1000;
}

InterpolationPanel::InterpolationPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* ends = new QGridLayout;
    from_ = new QSpinBox(this);
    to_ = new QSpinBox(this);
    fromSelected_ = new QPushButton(tr("Use selected"), this);
    toSelected_ = new QPushButton(tr("Use selected"), this);
    ends->addWidget(new QLabel(tr("From sample"), this), 0, 0);
    ends->addWidget(from_, 0, 1);
    ends->addWidget(fromSelected_, 0, 2);
    ends->addWidget(new QLabel(tr("To sample"), this), 1, 0);
    ends->addWidget(to_, 1, 1);
    ends->addWidget(toSelected_, 1, 2);
    steps_ = new QSpinBox(this);
    steps_->setRange(3, 32);
    steps_->setValue(10);
    ends->addWidget(new QLabel(tr("Steps"), this), 2, 0);
    ends->addWidget(steps_, 2, 1);
    spherical_ = new QCheckBox(tr("Spherical"), this);
    spherical_->setToolTip(tr("Along the great circle (slerp): under a Gaussian prior the straight line's middle "
                              "passes where the decoder saw few latents"));
    ends->addWidget(spherical_, 2, 2);
    layout->addLayout(ends);

    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setRange(0, sliderSteps);
    where_ = new QLabel(this);
    auto* sliderRow = new QHBoxLayout;
    sliderRow->addWidget(slider_, 1);
    sliderRow->addWidget(where_);
    layout->addLayout(sliderRow);
    frame_ = new ImageGridView(this);
    frame_->setCellSize(168);
    layout->addWidget(frame_, 0, Qt::AlignHCenter);
    strip_ = new ImageGridView(this);
    // At least three times a 28-pixel image, wrapping onto more rows when the steps do not fit one.
    strip_->setCellSizeRange(84, 168);
    layout->addWidget(strip_);
    save_ = new QPushButton(tr("Save strip as PNG…"), this);
    layout->addWidget(save_, 0, Qt::AlignRight);
    layout->addStretch(1);

    connect(fromSelected_, &QPushButton::clicked, this, [this] { setFrom(selected_); });
    connect(toSelected_, &QPushButton::clicked, this, [this] { setTo(selected_); });
    connect(from_, &QSpinBox::valueChanged, this, [this](int v) { moveEnd(from_, v); });
    connect(to_, &QSpinBox::valueChanged, this, [this](int v) { moveEnd(to_, v); });
    connect(steps_, &QSpinBox::valueChanged, this, &InterpolationPanel::requestStrip);
    connect(spherical_, &QCheckBox::toggled, this, &InterpolationPanel::requestStrip);
    connect(slider_, &QSlider::valueChanged, this, [this] {
        where_->setText(QStringLiteral("t = %1").arg(position(), 0, 'f', 3));
        highlightNearestStep();
        Q_EMIT positionChanged(request(), position());
    });
    connect(strip_, &ImageGridView::cellClicked, this, [this](int cell) {
        const int n = std::max(2, strip_->count());
        setPosition(static_cast<double>(cell) / (n - 1));
    });
    connect(save_, &QPushButton::clicked, this,
            [this] { strip_->saveWithDialog(tr("Save Interpolation"), QStringLiteral("interpolation.png")); });
    setSampleCount(0);
    setSelected(-1);
    where_->setText(QStringLiteral("t = %1").arg(0.0, 0, 'f', 3));
}

void InterpolationPanel::setSampleCount(qint64 count)
{
    const int top = static_cast<int>(std::max<qint64>(0, count - 1));
    const QSignalBlocker a(from_), b(to_);
    from_->setRange(0, top);
    to_->setRange(0, top);
    setEnabled(count > 0);
}

void InterpolationPanel::setLabels(std::vector<std::int32_t> labels)
{
    labels_ = std::move(labels);
}

void InterpolationPanel::setSelected(qint64 index)
{
    selected_ = index;
    fromSelected_->setEnabled(index >= 0);
    toSelected_->setEnabled(index >= 0);
}

void InterpolationPanel::setEnds(qint64 from, qint64 to)
{
    {
        const QSignalBlocker a(from_), b(to_);
        from_->setValue(static_cast<int>(from));
        to_->setValue(static_cast<int>(to));
    }
    moveEnd(from_, from_->value());
}

void InterpolationPanel::setFrom(qint64 index)
{
    moveEnd(from_, index);
}

void InterpolationPanel::setTo(qint64 index)
{
    moveEnd(to_, index);
}

void InterpolationPanel::moveEnd(QSpinBox* end, qint64 index)
{
    {
        const QSignalBlocker a(from_), b(to_);
        end->setValue(static_cast<int>(index));
        QSpinBox* other = end == from_ ? to_ : from_;
        if (other->value() == end->value())
            other->setValue(static_cast<int>(partnerOf(end->value())));
    }
    requestStrip();
}

void InterpolationPanel::start()
{
    if (from_->value() == to_->value()) {
        const qint64 from = selected_ >= 0 ? selected_ : from_->value();
        setEnds(from, partnerOf(from));
    } else
        requestStrip();
}

qint64 InterpolationPanel::partnerOf(qint64 index) const
{
    const qint64 count = static_cast<qint64>(to_->maximum()) + 1;
    if (count < 2)
        return index;
    const auto n = std::min<qint64>(count, static_cast<qint64>(labels_.size()));
    if (index >= 0 && index < n) {
        const std::int32_t own = labels_[static_cast<std::size_t>(index)];
        for (qint64 i = 0; i < n; ++i)
            if (labels_[static_cast<std::size_t>(i)] != own)
                return i;
    }
    return index + 1 < count ? index + 1 : index - 1;
}

InterpolationRequest InterpolationPanel::request() const
{
    InterpolationRequest r;
    r.from = from_->value();
    r.to = to_->value();
    r.steps = steps_->value();
    r.spherical = spherical_->isChecked();
    return r;
}

double InterpolationPanel::position() const
{
    return static_cast<double>(slider_->value()) / sliderSteps;
}

void InterpolationPanel::setPosition(double t)
{
    slider_->setValue(static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * sliderSteps)));
}

void InterpolationPanel::requestStrip()
{
    Q_EMIT stripRequested(request());
    Q_EMIT positionChanged(request(), position());
}

void InterpolationPanel::highlightNearestStep()
{
    const int n = strip_->count();
    const double step = n > 1 ? position() * (n - 1) : 0.0;
    // Only when the slider sits on a step: between steps no strip image is what the frame shows.
    strip_->setHighlighted(n > 1 && std::abs(step - std::round(step)) < 1e-6 ? static_cast<int>(std::round(step)) : -1);
}

void InterpolationPanel::showStrip(const ImageSet& strip)
{
    strip_->setImages(strip.images, 0); // rows as the width needs, not one row of thumbnails
    highlightNearestStep();
}

void InterpolationPanel::showFrame(const ProbeImage& frame)
{
    if (frame.tag < lastFrame_)
        return;
    lastFrame_ = frame.tag;
    frame_->setImages({frame.image}, 1);
}

void InterpolationPanel::clear()
{
    strip_->clear();
    frame_->clear();
}

} // namespace latentlab::ui
