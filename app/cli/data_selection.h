#pragma once
// The dataset options every data-reading subcommand shares: the path, --split and --label-column.
#include "app/cli/args.h"
#include "core/data/dataset.h"
#include "core/training/dataset_fingerprint.h"

#include <string>
#include <vector>

namespace latentlab::cli {

struct DataSelection {
    Dataset dataset;
    std::string split;                 // train, test or all
    std::vector<std::int64_t> indices; // the chosen samples, in dataset order
};

// The option names that go with it, for Args.
const std::set<std::string>& dataOptions();

// Loads --data (or `fallbackPath`), applies --label-column, and selects --split. defaultSplit: "test" means
// the data's own test part where it comes with one, and all of it otherwise.
// Without --data, a model's training data opens as it was read then (its label column or labels file).
struct DataFallback {
    std::string path;
    std::string labelColumn;
    std::string labelsPath;
};
DataSelection selectData(const Args& args, const std::string& defaultSplit, const DataFallback& fallback = {});
DataFallback dataFallbackOf(const DatasetFingerprint& trainedOn);

// Indices of a split by name; "test" is the validation part.
std::vector<std::int64_t> splitIndices(const Dataset& ds, const std::string& split);

} // namespace latentlab::cli
