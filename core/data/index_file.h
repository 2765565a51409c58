#pragma once
// Lists of dataset indices kept in a file, so a set of samples chosen once (a lasso in the explorer, a column
// of `latentlab-cli anomalies` or `encode`) can name one end of an attribute vector or a custom axis.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

// Either one index per line (blank lines and lines starting with '#' skipped), or CSV whose header has an
// `index` column (what encode, project and anomalies write): that column is read, the others ignored.
// Indices are returned in file order, repeats kept. BadInputError naming the file and line for a field that is
// not a non-negative integer, a header without `index`, or a file that lists nothing; IoError when it cannot
// be read.
std::vector<std::int64_t> readIndexFile(const std::string& path);

// The same rules on text already in memory; `name` is what messages call it.
std::vector<std::int64_t> parseIndexText(const std::string& text, const std::string& name);

} // namespace latentlab
