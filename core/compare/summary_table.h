#pragma once
// The models table's columns, named and formatted once for the CSV export, the report and the window (which
// translates the headers and sorts by value()).
#include "core/compare/model_summary_row.h"

#include <string>
#include <vector>

namespace latentlab {

struct SummaryColumn {
    std::string key;    // CSV header and stable id: "name", "val_neg_elbo", ...
    std::string header; // English heading for the report
    // The cell as text ("" where the figure does not apply) and as a number for sorting (NaN where none).
    std::string (*text)(const ModelSummary&);
    double (*value)(const ModelSummary&);
};

const std::vector<SummaryColumn>& summaryColumns();

// One row per summary, a header first; NaN cells empty. Written atomically; IoError naming the file.
std::string summaryCsv(const std::vector<ModelSummary>& rows);
void writeSummaryCsv(const std::string& path, const std::vector<ModelSummary>& rows);

} // namespace latentlab
