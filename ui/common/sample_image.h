#pragma once
// One dataset sample as a QImage, at its own resolution: grayscale for one channel, RGB for three (RGBA for
// four), from the CHW storage whether uint8 or float. Scaling is left to whoever draws it, so small images
// can be enlarged with nearest-neighbour and stay crisp.
#include "core/data/dataset.h"

#include <QImage>
#include <QSize>

#include <cstdint>

namespace latentlab::ui {

// A null QImage for table datasets or an index out of range.
QImage sampleImage(const Dataset& dataset, std::int64_t index);

// The size a w x h image is drawn at for a box of `box` pixels. Smaller images are enlarged by the whole
// factor nearest to filling the box (every source pixel becomes an equal square, so the result may overshoot
// the box by up to half a factor: 32 px in a 56 px box is drawn at 64 rather than left at 32). Larger images
// are shrunk to fit, keeping their aspect ratio.
QSize thumbnailSize(QSize image, int box);

} // namespace latentlab::ui
