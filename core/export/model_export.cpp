#include "core/export/model_export.h"

#include "core/export/pytorch_export.h"
#include "core/models/torchscript_model.h"
#include "core/util/atomic_file.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <filesystem>
#include <sstream>

namespace latentlab {
namespace {

std::string usageNote(const LatentModel& model, const ExportRequest& request)
{
    const ModelConfig& c = model.config();
    const bool conditional = c.kind == ModelKind::ConditionalVae;
    std::ostringstream s;
    s << "A " << toString(c.kind) << " (" << toString(c.backbone) << "), exported by LatentLab "
      << request.producerVersion << ".\n\n";
    if (request.format == ExportFormat::PyTorch) {
        s << "model.py needs only PyTorch; weights.pt is the module's state_dict.\n\n"
          << "    import torch\n    from model import Model\n\n"
          << "    model = Model()\n    model.load_state_dict(torch.load(\"weights.pt\"))\n    model.eval()\n"
          << (conditional ? "    mu, logvar = model.encode(x, y)  # y: int64 class indices\n"
                          : "    code = model.encode(x)\n")
          << "\nx holds samples in the model's units: 8-bit pixels divided by 255, table features scaled to [0, 1]\n"
          << "by the training data's min and max. torch.jit.script(model) gives a file LatentLab opens again.\n";
        return s.str();
    }
    s << "ONNX (opset 13), a dynamic batch N. Check with onnx.checker; run with any ONNX runtime.\n\n"
      << "encoder.onnx: x [N, ...] in the model's units (pixels / 255, table features scaled to [0, 1])";
    if (conditional)
        s << " and label_onehot [N, " << c.numClasses << "]";
    s << " -> "
      << (c.kind == ModelKind::Autoencoder ? "z" : c.kind == ModelKind::VqVae ? "z, codes" : "mu, logvar") << "\n"
      << "decoder.onnx: z" << (conditional ? ", label_onehot" : "") << " -> reconstruction\n";
    if (request.scorer)
        s << "scorer.onnx:  x in the data's own units (0-255 pixels, a table's values) -> score [N, 1] by "
          << toString(request.scorer->score) << ", flagged [N, 1] (1 above the threshold "
          << request.scorer->threshold << ": " << request.scorer->thresholdRule << ")\n";
    return s.str();
}

void writeNew(const std::string& path, const std::string& bytes, std::vector<std::string>& written)
{
    writeNewFileAtomically(path, bytes.data(), bytes.size());
    written.push_back(path);
}

} // namespace

std::string toString(ExportFormat format)
{
    return format == ExportFormat::Onnx ? "onnx" : "pytorch";
}

ExportFormat exportFormatFromString(const std::string& name)
{
    if (name == "pytorch" || name == "torch")
        return ExportFormat::PyTorch;
    if (name == "onnx")
        return ExportFormat::Onnx;
    throw BadInputError("export format '" + name + "' is not one of pytorch, onnx");
}

void checkExportable(const LatentModel& model)
{
    if (dynamic_cast<const TorchScriptModelImpl*>(&model))
        throw BadInputError("a TorchScript model has no LatentLab weights to export; export it from PyTorch instead");
}

void checkExportRequest(const LatentModel& model, const ExportRequest& request)
{
    checkExportable(model);
    if (request.scorer && request.format != ExportFormat::Onnx)
        throw BadInputError("an anomaly scorer is written as ONNX only: ask for --format onnx with --scores");
    if (request.scorer)
        checkAnomalyScore(model, request.scorer->score);
    if (request.folder.empty())
        throw BadInputError("the export needs a folder to write into");
    checkNewFolder(request.folder);
}

std::vector<std::string> exportModel(LatentModel& model, const ExportRequest& request)
{
    checkExportRequest(model, request);
    // Everything is built in memory first, so a model that cannot be exported leaves no half-written folder.
    std::vector<std::pair<std::string, std::string>> files;
    if (request.format == ExportFormat::PyTorch) {
        files.emplace_back("model.py", pytorchSource(model, request.producerVersion));
        const std::vector<char> weights = pytorchWeights(model);
        files.emplace_back("weights.pt", std::string(weights.begin(), weights.end()));
    } else {
        OnnxExport onnx = exportOnnx(model, request.producerVersion, request.scorer ? &*request.scorer : nullptr);
        files.emplace_back("encoder.onnx", std::move(onnx.encoder));
        files.emplace_back("decoder.onnx", std::move(onnx.decoder));
        if (request.scorer)
            files.emplace_back("scorer.onnx", std::move(onnx.scorer));
    }
    files.emplace_back("USAGE.txt", usageNote(model, request));
    prepareNewFolder(request.folder);
    std::vector<std::string> written;
    for (const auto& [name, bytes] : files)
        writeNew((std::filesystem::path(request.folder) / name).string(), bytes, written);
    return written;
}

} // namespace latentlab
