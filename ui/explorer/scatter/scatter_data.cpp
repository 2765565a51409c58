#include "ui/explorer/scatter/scatter_data.h"

#include "ui/explorer/scatter/scatter_raster.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace latentlab::ui {
namespace {

std::uint32_t pointWord(QColor c)
{
    c.setAlpha(scatter::kPointAlpha);
    return scatter::premultiplied(c);
}

// Half way to grey and mostly transparent: a selected region stands out at 70,000 points, while the rest
// still shows where the clusters lie.
constexpr int kFadedAlpha = 60;

std::uint32_t fadedWord(std::uint32_t word)
{
    const QColor c = QColor::fromRgba(qUnpremultiply(word));
    const int grey = qGray(c.rgb());
    return scatter::premultiplied(QColor((c.red() + grey) / 2, (c.green() + grey) / 2, (c.blue() + grey) / 2, kFadedAlpha));
}

} // namespace

void ScatterData::setPoints(std::vector<float> xy, std::vector<int> classes)
{
    const std::size_t n = xy.size() / 2;
    xy.resize(2 * n);
    classes.resize(n, -1);
    xy_ = std::move(xy);
    classes_ = std::move(classes);
    maxClass_ = classes_.empty() ? -1 : *std::max_element(classes_.begin(), classes_.end());
    values_.clear();
    isolated_.clear();
    isolating_ = false;
    positionsChanged();
    recolor();
    refreshVisibility();
}

bool ScatterData::updatePositions(std::vector<float> xy)
{
    if (xy.size() / 2 != classes_.size())
        return false;
    xy.resize(xy_.size());
    xy_ = std::move(xy);
    positionsChanged();
    return true;
}

void ScatterData::positionsChanged()
{
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
    for (std::size_t i = 0; i + 1 < xy_.size(); i += 2) {
        if (!std::isfinite(xy_[i]) || !std::isfinite(xy_[i + 1]))
            continue;
        x0 = std::min<double>(x0, xy_[i]);
        x1 = std::max<double>(x1, xy_[i]);
        y0 = std::min<double>(y0, xy_[i + 1]);
        y1 = std::max<double>(y1, xy_[i + 1]);
    }
    hasBounds_ = x0 <= x1;
    bounds_ = hasBounds_ ? QRectF(QPointF(x0, y0), QPointF(x1, y1)) : QRectF();
    indexStale_ = true;
}

bool ScatterData::setValues(std::vector<float> values)
{
    if (!values.empty() && values.size() != classes_.size())
        return false;
    values_ = std::move(values);
    valueLow_ = HUGE_VALF;
    valueHigh_ = -HUGE_VALF;
    for (float v : values_) {
        if (std::isfinite(v)) {
            valueLow_ = std::min(valueLow_, v);
            valueHigh_ = std::max(valueHigh_, v);
        }
    }
    if (valueLow_ > valueHigh_)
        valueLow_ = valueHigh_ = 0;
    recolor();
    return true;
}

void ScatterData::recolor()
{
    const std::size_t n = classes_.size();
    colors_.resize(n);
    if (!values_.empty()) {
        std::array<std::uint32_t, 256> ramp;
        for (std::size_t k = 0; k < ramp.size(); ++k)
            ramp[k] = pointWord(scatter::colormap(k / 255.0));
        const std::uint32_t missing = pointWord(scatter::unlabelledColor());
        const double span = double(valueHigh_) - valueLow_;
        for (std::size_t i = 0; i < n; ++i) {
            const float v = values_[i];
            const double t = span > 0 ? (v - valueLow_) / span : 0.5;
            colors_[i] = std::isfinite(v) ? ramp[static_cast<std::size_t>(std::lround(t * 255))] : missing;
        }
        refade();
        return;
    }
    std::vector<std::uint32_t> perClass(static_cast<std::size_t>(maxClass_ + 1));
    for (int k = 0; k <= maxClass_; ++k)
        perClass[k] = pointWord(scatter::classColor(k));
    const std::uint32_t none = pointWord(scatter::unlabelledColor());
    for (std::size_t i = 0; i < n; ++i)
        colors_[i] = classes_[i] < 0 ? none : perClass[classes_[i]];
    refade();
}

void ScatterData::refade()
{
    // Few distinct colours (classes, a 256-step ramp): each is faded once.
    faded_.resize(colors_.size());
    std::uint32_t lastIn = 0, lastOut = fadedWord(0);
    for (std::size_t i = 0; i < colors_.size(); ++i) {
        if (colors_[i] != lastIn) {
            lastIn = colors_[i];
            lastOut = fadedWord(lastIn);
        }
        faded_[i] = lastOut;
    }
}

void ScatterData::setClassVisible(int cls, bool visible)
{
    if (visible)
        hidden_.remove(cls);
    else
        hidden_.insert(cls);
    refreshVisibility();
}

void ScatterData::setIsolated(const std::vector<int>& indices)
{
    isolated_.assign(classes_.size(), 0);
    for (int i : indices)
        if (i >= 0 && i < count())
            isolated_[static_cast<std::size_t>(i)] = 1;
    isolating_ = true;
    refreshVisibility();
}

void ScatterData::clearIsolated()
{
    isolated_.clear();
    isolating_ = false;
    refreshVisibility();
}

void ScatterData::refreshVisibility()
{
    std::vector<std::uint8_t> shown(static_cast<std::size_t>(maxClass_ + 1), 1);
    for (int cls : hidden_)
        if (cls >= 0 && cls <= maxClass_)
            shown[cls] = 0;
    visible_.resize(classes_.size());
    for (std::size_t i = 0; i < classes_.size(); ++i)
        visible_[i] = (classes_[i] < 0 || shown[classes_[i]]) && (!isolating_ || isolated_[i]);
}

QPointF ScatterData::position(int index) const
{
    if (index < 0 || index >= count())
        return {};
    return {xy_[2 * static_cast<std::size_t>(index)], xy_[2 * static_cast<std::size_t>(index) + 1]};
}

int ScatterData::classOf(int index) const
{
    return index >= 0 && index < count() ? classes_[static_cast<std::size_t>(index)] : -1;
}

float ScatterData::value(int index) const
{
    return index >= 0 && index < count() && coloredByValue() ? values_[static_cast<std::size_t>(index)] : NAN;
}

QColor ScatterData::colorOf(int index) const
{
    if (index < 0 || index >= count())
        return {};
    return QColor::fromRgba(qUnpremultiply(colors_[static_cast<std::size_t>(index)]));
}

const ScatterIndex& ScatterData::index() const
{
    if (indexStale_) {
        index_.build(xy_);
        indexStale_ = false;
    }
    return index_;
}

} // namespace latentlab::ui
