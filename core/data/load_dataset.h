#pragma once
// Opening a dataset from a path: the format is chosen from the path itself (a folder, the extension, the
// file's magic number), so users never have to say what they are pointing at.
#include "core/data/dataset.h"

#include <string>

namespace latentlab {

struct LoadOptions {
    // Labels file for IDX or .npy data; empty: look beside the data by the usual naming.
    std::string labelsPath;
    // CSV/TSV column holding the class label; empty: every column is a feature.
    std::string labelColumn;
};

// Throws BadInputError with a one-line message naming the file and what is wrong.
Dataset loadDataset(const std::string& path, const LoadOptions& options = {});

} // namespace latentlab
