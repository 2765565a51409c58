#pragma once
#include <torch/types.h>

#include <string>

namespace latentlab {

// Writes images [N, C, H, W] (or [N, H*W] with the given height/width) with values in [0,1] as one PNG grid
// with a 2-pixel gutter. Throws IoError naming the file when it cannot be written.
void writeImageGrid(const std::string& path, const torch::Tensor& images, int columns, int channels, int height, int width);

} // namespace latentlab
