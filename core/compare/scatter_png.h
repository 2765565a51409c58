#pragma once
// Latent scatters drawn as PNG for the comparison report: thousands of points are small as pixels and heavy
// as SVG. Every scatter of one comparison shares its bounds, so aligned layouts are drawn on the same axes.
#include <torch/types.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct ScatterBounds {
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
};

// Covers the 0.5th to 99.5th percentile of every layout's x and y together, with a margin, so a few far
// points do not shrink the picture. Layouts: [N, 2]; undefined ones are skipped.
ScatterBounds sharedBounds(const std::vector<torch::Tensor>& layouts);

// The colour a class is drawn in (Tableau's ten, then darker turns of them); grey for -1 (no label).
std::array<std::uint8_t, 3> classColour(int label);
std::string classColourCss(int label);

// xy [N, 2], labels: N entries (or empty: all grey). Square, `size` pixels a side, white ground, points as
// 3-pixel dots blended at 60% so dense regions read darker.
std::string scatterPng(const torch::Tensor& xy, const std::vector<int>& labels, const ScatterBounds& bounds,
                       int size = 360);

} // namespace latentlab
