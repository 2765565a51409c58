#pragma once
#include <string>
#include <vector>

namespace latentlab {

// Names for `count` integer classes of data found in `folder`: the lines of a classes.txt beside the data
// when it has exactly `count` lines, Fashion-MNIST's names for a folder named like it, else "0".."count-1".
std::vector<std::string> classNamesFor(const std::string& folder, int count);

} // namespace latentlab
