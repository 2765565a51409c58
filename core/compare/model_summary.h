#pragma once
// One row of the models table (issue 24): what a model is, how long it trained and how well it explains the
// data, worked out once here for the window's table and `latentlab-cli compare`. Synchronous, on the calling
// thread; the window runs it on a worker and caches it per model and dataset.
#include "core/analysis/analysis_control.h"
#include "core/compare/model_summary_row.h"
#include "core/data/dataset.h"
#include "core/training/model_file.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct SummaryOptions {
    std::int64_t batchSize = 500;
    // At most this many samples of each part are evaluated (0: all), taken evenly through the part, so a
    // table over a large dataset stays quick.
    std::int64_t maxSamples = 0;
};

// name, path: as the table shows them. data: the dataset the models are compared on, with its split as
// loaded. The model's validation part is its own (its training config's split, of its normal classes); the
// test part is the data's predefined one, where it has one. Figures under a fixed seed (a VAE's
// reconstruction term uses a posterior draw), so the same model gives the same row. Throws what evaluation
// throws for a model that does not fit the data; AnalysisCancelled through control.
ModelSummary summarizeModel(const OpenedModel& opened, const std::string& name, const std::string& path,
                            const Dataset& data, const SummaryOptions& options = {},
                            const AnalysisControl* control = nullptr);

// The indices a part evaluates: every one, or maxSamples of them evenly through the part.
std::vector<std::int64_t> evenlyThinned(const std::vector<std::int64_t>& indices, std::int64_t maxSamples);

} // namespace latentlab
