#pragma once
// What sample, interpolate and traverse share: opening a model with or without data, and writing what a
// model decodes where a user can look at it (a PNG grid for images, a CSV in original units for tables).
#include "app/cli/args.h"
#include "app/cli/data_selection.h"
#include "core/training/model_file.h"

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace latentlab::cli {

// --model alone; a TorchScript module that does not declare its sample shape takes it from --data. Sets
// the thread count from --threads.
OpenedModel openModelOnly(const Args& args);
// --data (or what the checkpoint was trained on), selected by --split and put in the model's units.
DataSelection dataForModel(const Args& args, const OpenedModel& model, const std::string& defaultSplit);

// The --out path, checked before any work: .png for image models, .csv for table models.
std::string outputPath(const Args& args, const LatentModel& model);

using IntColumns = std::vector<std::pair<std::string, std::vector<std::int64_t>>>;
// Writes decoded samples [N, ...input shape] to `out` (already checked by outputPath): a PNG grid of
// `columns` images per row, or CSV rows in the training data's units with `leading` columns first.
// Returns a note to show when the units could not be recovered, else an empty string.
std::string writeDecoded(const std::string& out, const torch::Tensor& decoded, std::int64_t columns,
                         const OpenedModel& model, const IntColumns& leading = {});

// "3,0,5" -> {3, 0, 5}; anything else is a BadInputError naming the option.
std::vector<std::int64_t> parseIndexList(const std::string& text, const std::string& option);
// --name as a sample index that must lie in the selected split; required.
std::int64_t sampleIndex(const Args& args, const std::string& name, const DataSelection& data);

} // namespace latentlab::cli
