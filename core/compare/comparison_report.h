#pragma once
// The comparison as one self-contained HTML page (issue 24): the models table, the overlaid loss curves,
// reconstructions, prior samples, interpolations, aligned latent scatters and per-class figures, with each
// model's configuration. Images are embedded as PNG data: URLs and charts as inline SVG, so the page opens
// offline in any browser and can be mailed as one file. Written by `latentlab-cli compare` and by the window's
// File > Export Comparison from the same code.
#include "core/compare/comparison.h"
#include "core/compare/model_summary.h"
#include "core/training/loss_history.h"

#include <optional>
#include <string>
#include <vector>

namespace latentlab {

struct ReportModel {
    ModelSummary summary;
    std::string configJson;             // the model's and its training's configuration, pretty-printed
    std::optional<LossHistory> history; // absent for a TorchScript model
};

struct ReportInput {
    std::string title = "LatentLab model comparison";
    std::string dataSource;             // what the models were compared on
    std::string created;                // when, as the caller writes it
    std::string term = "recon";         // the loss term the curves show
    std::vector<std::string> classNames;
    std::vector<std::int64_t> sampleShape; // {C, H, W} for images; tables get no image panels
    std::vector<ReportModel> models;
    Comparison comparison;              // panels in the order of models
};

std::string comparisonReportHtml(const ReportInput& input);
// Written atomically (the path is the one the user named). IoError naming the file.
void writeComparisonReport(const std::string& path, const ReportInput& input);

} // namespace latentlab
