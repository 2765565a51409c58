#pragma once
// Decoded tensors as QImages that own their pixels, so they can travel in queued signals to the GUI thread
// without sharing storage with the tensor (or the thread) that made them. Only .cpp files that already run
// core include torch; this header forward-declares the tensor.
#include <QImage>
#include <QVector>

namespace at {
class Tensor;
}

namespace latentlab::ui {

// One sample in [0, 1]: [C, H, W] (grayscale for 1 channel, RGB for 3, RGBA for 4; other counts show the
// first channel) or a table row [D] (a 1-pixel-high grayscale strip, one pixel per feature).
QImage tensorToImage(const at::Tensor& sample);
// Every sample of a batch [N, ...]: one image each.
QVector<QImage> tensorToImages(const at::Tensor& batch);

} // namespace latentlab::ui

namespace latentlab::ui {

// A non-negative map [H, W] (per-pixel error, say) as a heat image: 0 black, through red and yellow, to white
// at maxValue (and above). maxValue <= 0 uses the map's own maximum.
QImage heatmapImage(const at::Tensor& values, double maxValue = 0.0);

} // namespace latentlab::ui
