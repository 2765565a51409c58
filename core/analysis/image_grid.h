#pragma once
#include <torch/types.h>

#include <cstdint>
#include <string>

namespace latentlab {

// Writes images [N, C, H, W] (or [N, H*W] with the given height/width) with values in [0,1] as one PNG grid
// with a 2-pixel gutter. Throws IoError naming the file when it cannot be written.
void writeImageGrid(const std::string& path, const torch::Tensor& images, int columns, int channels, int height, int width);
// The same grid as PNG bytes, for a page that embeds it.
std::string imageGridPng(const torch::Tensor& images, int columns, int channels, int height, int width);
// pixels: height rows of width * channels bytes (1 grey, 3 RGB, 4 RGBA). IoError when it cannot be encoded.
std::string encodePng(const std::uint8_t* pixels, int width, int height, int channels);

} // namespace latentlab
