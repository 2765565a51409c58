#pragma once
// What `latentlab-cli info` prints and the GUI's dataset summary shows, built in one place.
#include "core/data/dataset.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace latentlab {

nlohmann::json datasetInfoJson(const Dataset& ds);
// A few human-readable lines.
std::string datasetInfoText(const Dataset& ds);
// "1x28x28" or "12 features".
std::string shapeText(const Dataset& ds);
// "1x28x28": a sample shape as messages write it.
std::string shapeText(const std::vector<std::int64_t>& shape);

} // namespace latentlab
