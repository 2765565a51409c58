#pragma once
// Writes a float matrix where other tools read it: CSV with a header (pandas) or .npy (numpy). Atomic, like
// every file LatentLab writes.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct FloatMatrix {
    const float* data = nullptr; // row-major rows x cols
    std::int64_t rows = 0;
    std::int64_t cols = 0;
};

// Columns: the given leading integer columns (e.g. index, label; each rows long), then `names` for the matrix.
void writeCsv(const std::string& path, const FloatMatrix& m, const std::vector<std::string>& names,
              const std::vector<std::pair<std::string, std::vector<std::int64_t>>>& leading = {});
// A version 1.0 .npy of dtype <f4 and shape (rows, cols).
void writeNpy(const std::string& path, const FloatMatrix& m);

} // namespace latentlab
