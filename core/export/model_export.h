#pragma once
// Exporting a model into a new folder, for the CLI's `export` and the window's File > Export Model alike:
//   pytorch: model.py, weights.pt, USAGE.txt
//   onnx:    encoder.onnx, decoder.onnx (scorer.onnx with a scorer), USAGE.txt
// The folder must be new or empty; every file is written new (nothing is ever replaced).
#include "core/export/onnx_export.h"
#include "core/models/latent_model.h"

#include <optional>
#include <string>
#include <vector>

namespace latentlab {

enum class ExportFormat { PyTorch, Onnx };

std::string toString(ExportFormat format); // "pytorch", "onnx"
// BadInputError naming the choices for anything else.
ExportFormat exportFormatFromString(const std::string& name);

struct ExportRequest {
    ExportFormat format = ExportFormat::PyTorch;
    std::string folder;
    std::string producerVersion;
    std::optional<OnnxScorerSpec> scorer; // ONNX only: also write scorer.onnx
};

// BadInputError for a model that has no LatentLab weights of its own (a TorchScript module), in one sentence.
void checkExportable(const LatentModel& model);

// Checks everything that can be refused before a file is written (a TorchScript model, a scorer asked of the
// PyTorch format, a score the model cannot give, a folder that is not new or empty): BadInputError, one
// sentence each.
void checkExportRequest(const LatentModel& model, const ExportRequest& request);

// Writes the files; returns their paths. Throws as checkExportRequest does, and IoError when a write fails.
std::vector<std::string> exportModel(LatentModel& model, const ExportRequest& request);

} // namespace latentlab
