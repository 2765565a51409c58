#include "core/data/dataset.h"

#include "core/util/errors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace latentlab {

void Dataset::initShape(std::int64_t n, std::vector<std::int64_t> shape)
{
    n_ = n;
    shape_ = std::move(shape);
    numel_ = 1;
    for (auto s : shape_)
        numel_ *= s;
    // Every dataset starts with the default split; loaders that ship their own replace it.
    splitBySeed(0.1, 0);
}

Dataset Dataset::fromImages(std::vector<std::uint8_t> pixels, std::int64_t n, int c, int h, int w)
{
    Dataset d;
    d.initShape(n, {c, h, w});
    if (static_cast<std::int64_t>(pixels.size()) != n * d.numel_)
        throw BadInputError("image data holds " + std::to_string(pixels.size()) + " bytes but " + std::to_string(n)
                            + " images of " + std::to_string(c) + "x" + std::to_string(h) + "x" + std::to_string(w)
                            + " need " + std::to_string(n * d.numel_));
    d.bytes_ = std::move(pixels);
    d.ranges_ = {ValueRange{0.0, 255.0}};
    return d;
}

Dataset Dataset::fromFloatImages(std::vector<float> values01, std::int64_t n, int c, int h, int w, ValueRange original)
{
    Dataset d;
    d.initShape(n, {c, h, w});
    if (static_cast<std::int64_t>(values01.size()) != n * d.numel_)
        throw BadInputError("image data holds " + std::to_string(values01.size()) + " values but the shape needs "
                            + std::to_string(n * d.numel_));
    d.floats_ = std::move(values01);
    d.ranges_ = {original};
    return d;
}

Dataset Dataset::fromTable(std::vector<float> values01, std::int64_t n, std::int64_t dim, std::vector<ValueRange> ranges,
                           std::vector<std::string> featureNames)
{
    Dataset d;
    d.initShape(n, {dim});
    if (static_cast<std::int64_t>(values01.size()) != n * dim || static_cast<std::int64_t>(ranges.size()) != dim)
        throw BadInputError("table data does not match its shape of " + std::to_string(n) + "x" + std::to_string(dim));
    d.floats_ = std::move(values01);
    d.ranges_ = std::move(ranges);
    if (featureNames.empty())
        for (std::int64_t j = 0; j < dim; ++j)
            featureNames.push_back("x" + std::to_string(j));
    d.featureNames_ = std::move(featureNames);
    return d;
}

void Dataset::rescaleTo(const std::vector<ValueRange>& ranges)
{
    if (isImage() || ranges.size() != static_cast<std::size_t>(numel_))
        throw BadInputError("rescaling needs one range per feature of a table");
    for (std::int64_t j = 0; j < numel_; ++j) {
        const ValueRange& from = ranges_[static_cast<std::size_t>(j)];
        const ValueRange& to = ranges[static_cast<std::size_t>(j)];
        const double toSpan = to.max - to.min;
        // A feature that was constant in training keeps its offset from that constant, unscaled.
        const double scale = (from.max - from.min) / (toSpan > 0.0 ? toSpan : 1.0);
        const double shift = (from.min - to.min) / (toSpan > 0.0 ? toSpan : 1.0);
        for (std::int64_t i = 0; i < n_; ++i) {
            float& v = floats_[static_cast<std::size_t>(i * numel_ + j)];
            v = static_cast<float>(v * scale + shift);
        }
    }
    ranges_ = ranges;
}

void Dataset::sampleTo01(std::int64_t i, float* out) const
{
    if (!bytes_.empty()) {
        const std::uint8_t* src = bytes_.data() + i * numel_;
        constexpr float scale = 1.0f / 255.0f;
        for (std::int64_t k = 0; k < numel_; ++k)
            out[k] = static_cast<float>(src[k]) * scale;
    } else {
        std::copy_n(floats_.data() + i * numel_, numel_, out);
    }
}

std::vector<std::int64_t> Dataset::classCounts() const
{
    std::vector<std::int64_t> counts(classNames_.size(), 0);
    for (auto l : labels_)
        ++counts[static_cast<std::size_t>(l)];
    return counts;
}

void Dataset::setLabels(std::vector<std::int32_t> labels, std::vector<std::string> classNames)
{
    if (static_cast<std::int64_t>(labels.size()) != n_)
        throw BadInputError("there are " + std::to_string(labels.size()) + " labels for " + std::to_string(n_)
                            + " samples");
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] < 0 || labels[i] >= static_cast<std::int32_t>(classNames.size()))
            throw BadInputError("label " + std::to_string(labels[i]) + " of sample " + std::to_string(i)
                                + " is outside the " + std::to_string(classNames.size()) + " classes");
    labels_ = std::move(labels);
    classNames_ = std::move(classNames);
}

void Dataset::setClassNames(std::vector<std::string> classNames)
{
    if (classNames.size() != classNames_.size())
        throw BadInputError("got " + std::to_string(classNames.size()) + " class names for "
                            + std::to_string(classNames_.size()) + " classes");
    classNames_ = std::move(classNames);
}

ValueRange Dataset::valueRange() const
{
    if (n_ == 0)
        return {0.0, 0.0};
    if (!bytes_.empty()) {
        const auto [lo, hi] = std::minmax_element(bytes_.begin(), bytes_.end());
        return {static_cast<double>(*lo), static_cast<double>(*hi)};
    }
    // Stored values are in [0,1] per feature: map each feature's extremes back to original units.
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    const bool perFeature = ranges_.size() > 1;
    std::vector<float> fmin(perFeature ? numel_ : 1, std::numeric_limits<float>::infinity());
    std::vector<float> fmax(fmin.size(), -std::numeric_limits<float>::infinity());
    for (std::int64_t i = 0; i < n_; ++i)
        for (std::int64_t k = 0; k < numel_; ++k) {
            const float v = floats_[i * numel_ + k];
            const std::size_t f = perFeature ? static_cast<std::size_t>(k) : 0;
            fmin[f] = std::min(fmin[f], v);
            fmax[f] = std::max(fmax[f], v);
        }
    for (std::size_t f = 0; f < fmin.size(); ++f) {
        const ValueRange& r = ranges_[f];
        lo = std::min(lo, r.min + fmin[f] * (r.max - r.min));
        hi = std::max(hi, r.min + fmax[f] * (r.max - r.min));
    }
    return {lo, hi};
}

Split seededSplit(std::int64_t n, double validationFraction, std::uint64_t seed)
{
    if (!(validationFraction >= 0.0 && validationFraction < 1.0))
        throw BadInputError("the validation fraction must be at least 0 and below 1, not "
                            + std::to_string(validationFraction));
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        order[static_cast<std::size_t>(i)] = i;
    std::mt19937_64 rng(seed);
    for (std::int64_t i = n - 1; i > 0; --i) {
        const auto j = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(i + 1));
        std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
    }
    auto nval = static_cast<std::int64_t>(std::llround(validationFraction * static_cast<double>(n)));
    if (validationFraction > 0.0 && nval == 0 && n > 1)
        nval = 1;
    Split split;
    split.validationFraction = validationFraction;
    split.seed = seed;
    split.validation.assign(order.begin(), order.begin() + nval);
    split.train.assign(order.begin() + nval, order.end());
    std::sort(split.validation.begin(), split.validation.end());
    std::sort(split.train.begin(), split.train.end());
    return split;
}

void Dataset::splitBySeed(double validationFraction, std::uint64_t seed)
{
    split_ = seededSplit(n_, validationFraction, seed);
}

void Dataset::setPredefinedSplit(std::int64_t trainCount, std::string trainSource, std::string validationSource)
{
    split_ = Split{};
    split_.predefined = true;
    split_.trainSource = std::move(trainSource);
    split_.validationSource = std::move(validationSource);
    split_.validationFraction = n_ > 0 ? static_cast<double>(n_ - trainCount) / static_cast<double>(n_) : 0.0;
    for (std::int64_t i = 0; i < n_; ++i)
        (i < trainCount ? split_.train : split_.validation).push_back(i);
}

void Dataset::setSplit(Split split)
{
    for (const auto* part : {&split.train, &split.validation})
        for (const std::int64_t i : *part)
            if (i < 0 || i >= n_)
                throw BadInputError("split index " + std::to_string(i) + " is outside the dataset of " + std::to_string(n_));
    split_ = std::move(split);
}

} // namespace latentlab
