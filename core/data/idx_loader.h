#pragma once
// IDX files: the MNIST / Fashion-MNIST / KMNIST / EMNIST layout, raw or gzipped.
#include "core/data/dataset.h"

#include <string>

namespace latentlab {

// Images from an idx3 file; labels from labelsPath, or from the file named like it beside it
// (train-images-idx3-ubyte(.gz) -> train-labels-idx1-ubyte(.gz)) when labelsPath is empty.
Dataset loadIdxImages(const std::string& imagesPath, const std::string& labelsPath = {});
// A folder holding train-* and/or t10k-* pairs; with both, the result is train followed by test, with
// that split kept.
Dataset loadIdxFolder(const std::string& folder);
// True when the folder holds an IDX images file by the usual naming.
bool folderHasIdx(const std::string& folder);
// True when the first bytes (after gunzip) look like an IDX header.
bool looksLikeIdx(const std::string& path);
// The labels file that goes with an images file, or "" when none is found.
std::string findIdxLabels(const std::string& imagesPath);

} // namespace latentlab
