#pragma once
// What a model was trained on, stored in its checkpoint: enough to recognise the same data again and to put
// new table data in the same units (the per-feature min/max the model's inputs were scaled by).
#include "core/data/dataset.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct DatasetFingerprint {
    std::string path;
    std::string format;
    std::int64_t samples = 0;
    std::vector<std::int64_t> shape;
    std::vector<ValueRange> ranges; // per feature for tables; the scaling the model saw
    std::vector<std::string> featureNames;
    std::vector<std::string> classNames;
    // How the labels were read (a CSV's label column, a labels file), so the data opens the same way again.
    std::string labelColumn;
    std::string labelsPath;

    static DatasetFingerprint of(const Dataset& ds);
    nlohmann::json toJson() const;
    static DatasetFingerprint fromJson(const nlohmann::json& j);
};

// Makes a dataset ready for a model trained on `trained`: refuses a different sample shape (naming both), and
// rescales a table into the training data's units so the model sees what it saw when it learned.
void conformToTraining(Dataset& ds, const DatasetFingerprint& trained);

} // namespace latentlab
