#pragma once
// NumPy .npy arrays (format versions 1-3; uint8, float32 or float64; C order), with optional labels.
//
// Shapes: (N, D) is a table; (N, H, W) are grayscale images; (N, C, H, W) with C in {1, 3} or (N, H, W, C)
// with C in {1, 3} are images. uint8 data keeps its 0..255 scale; float images already in [0,1] stay as they
// are, otherwise they are scaled by their global min/max; float tables are scaled per column like a CSV.
#include "core/data/dataset.h"

#include <string>
#include <vector>

namespace latentlab {

Dataset loadNpy(const std::string& path, const std::string& labelsPath = {});
// Candidate labels file found beside data.npy (data_labels.npy, data-labels.npy, or with "images" -> "labels").
std::string findNpyLabels(const std::string& path);

struct NpyHeader {
    std::string descr; // e.g. "<f4", "|u1"
    bool fortranOrder = false;
    std::vector<std::uint64_t> shape;
    std::uint64_t dataOffset = 0;
};
// Parses and validates the header of a .npy file; throws BadInputError naming the file.
NpyHeader readNpyHeader(const std::string& path);

} // namespace latentlab
