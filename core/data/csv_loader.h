#pragma once
// CSV/TSV tables with a header row: every column is a numeric feature except an optional label column
// chosen by name. Features are scaled to [0,1] per column; each column's min/max is kept so values can be
// shown in original units. Empty, non-numeric, NaN or infinite cells are refused with the line and column.
#include "core/data/dataset.h"

#include <string>

namespace latentlab {

Dataset loadCsv(const std::string& path, const std::string& labelColumn = {});

} // namespace latentlab
