// Every family x backbone exported and checked by other runtimes (check_export.py: PyTorch, torch.jit.script,
// onnx.checker, OpenCV's DNN), against LatentLab's own outputs on real Fashion-MNIST images; then the scripted
// module PyTorch saved opens in LatentLab again as TorchScript and gives the same encodings and decodings.
#include "core/analysis/anomaly_scores.h"
#include "core/data/load_dataset.h"
#include "core/export/model_export.h"
#include "core/export/onnx_export.h"
#include "core/export/pytorch_export.h"
#include "core/models/make_model.h"
#include "core/models/torchscript_model.h"
#include "core/util/errors.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace latentlab {
namespace {

using testing::TempDir;

constexpr std::int64_t kBatch = 16;
const char* const kFashion = "/usr/share/datasets/fashion-mnist";

struct Case {
    std::string name;
    ModelConfig config;
    bool table = false; // rows of a table in its own units rather than Fashion-MNIST's images
};

std::vector<Case> everyFamilyAndBackbone()
{
    std::vector<Case> out;
    for (const ModelKind kind : {ModelKind::Autoencoder, ModelKind::Vae, ModelKind::BetaVae, ModelKind::ConditionalVae,
                                 ModelKind::VqVae, ModelKind::HierarchicalVae})
        for (const Backbone backbone : {Backbone::Mlp, Backbone::Conv}) {
            ModelConfig c = ModelConfig::defaultsFor({1, 28, 28}, kind);
            c.backbone = backbone;
            c.hidden = {64, 48};
            c.latentDim = 8;
            c.bottomLatentDim = 6;
            c.codebookSize = 16;
            c.codeDim = 4;
            if (kind == ModelKind::BetaVae)
                c.beta = 4.0;
            if (kind == ModelKind::ConditionalVae) {
                c.numClasses = 10;
                c.classPrior = true;
            }
            out.push_back({toString(kind) + "_" + toString(backbone), c, false});
        }
    // A table: the Gaussian likelihood, and the scorer's per-feature scaling from the table's own units.
    ModelConfig t = ModelConfig::defaultsFor({12}, ModelKind::Vae);
    t.hidden = {32, 16};
    t.latentDim = 4;
    out.push_back({"vae_table", t, true});
    return out;
}

// Fashion-MNIST as Debian packages it: training steps take its first training images, checks its first test ones.
const Dataset& fashion()
{
    static const Dataset ds = loadDataset(kFashion);
    return ds;
}

// 320 rows of 12 features that move together (two hidden factors), each feature in units of its own.
const Dataset& table()
{
    static const Dataset ds = [] {
        const std::int64_t n = 320, d = 12;
        torch::manual_seed(3);
        const torch::Tensor factors = torch::rand({n, 2});
        const torch::Tensor mix = torch::rand({2, d});
        torch::Tensor v = (factors.matmul(mix) / 2 + 0.05 * torch::rand({n, d})).clamp(0, 1).contiguous();
        std::vector<ValueRange> ranges;
        std::vector<std::string> names;
        for (std::int64_t j = 0; j < d; ++j) {
            ranges.push_back({-5.0 * static_cast<double>(j), 10.0 + 3.0 * static_cast<double>(j)});
            names.push_back("f" + std::to_string(j));
        }
        return Dataset::fromTable(std::vector<float>(v.data_ptr<float>(), v.data_ptr<float>() + v.numel()), n, d, ranges, names);
    }();
    return ds;
}

std::vector<std::int64_t> firstRows(std::int64_t n)
{
    std::vector<std::int64_t> idx(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        idx[static_cast<std::size_t>(i)] = i;
    return idx;
}

// A few Adam steps, so the weights (and the VQ-VAE's codebook, the AE's code statistics, the class priors) are
// a trained model's rather than their initial values; then the VQ-VAE's code prior.
void trainBriefly(LatentModel& model, const Dataset& ds)
{
    torch::manual_seed(7);
    torch::optim::Adam adam(model.parameters(), torch::optim::AdamOptions(1e-3));
    model.train();
    const std::vector<std::int64_t> idx = firstRows(256);
    for (int step = 0; step < 4; ++step) {
        const std::vector<std::int64_t> rows(idx.begin() + step * 64, idx.begin() + (step + 1) * 64);
        adam.zero_grad();
        model.loss(ds.batch(rows), ds.hasLabels() ? ds.labelBatch(rows) : torch::Tensor(), step).total.backward();
        adam.step();
    }
    model.eval();
    if (model.codeGrid().positions() > 0) {
        torch::NoGradGuard noGrad;
        model.accumulateCodePrior(model.encode(ds.batch(idx)).codes);
    }
}

void saveNpy(const std::string& path, const torch::Tensor& t)
{
    const torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
    std::vector<std::uint64_t> shape;
    for (const auto d : c.sizes())
        shape.push_back(static_cast<std::uint64_t>(d));
    if (c.scalar_type() == torch::kInt64) {
        const std::vector<std::int64_t> v(c.data_ptr<std::int64_t>(), c.data_ptr<std::int64_t>() + c.numel());
        testing::writeNpy(path, "<i8", shape, testing::rawBytes(v));
    } else {
        const torch::Tensor f = c.to(torch::kFloat32);
        const std::vector<float> v(f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
        testing::writeNpy(path, "<f4", shape, testing::rawBytes(v));
    }
}

void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string runPython(const std::string& script, const std::string& argument, int* status)
{
    const std::string command = "/usr/bin/python3 " + script + " " + argument + " 2>&1";
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe))
        out += buffer;
    *status = pipe ? pclose(pipe) : -1;
    return out;
}

struct Prepared {
    Case c;
    std::shared_ptr<LatentModel> model;
    torch::Tensor x, y, firstOutput, recon;
    std::vector<std::string> outputs;
};

// Writes the case's inputs, LatentLab's outputs and both exports into dir; returns its manifest entry.
nlohmann::json prepare(Prepared& p, const std::string& dir)
{
    const Dataset& ds = p.c.table ? table() : fashion();
    std::filesystem::create_directories(dir);
    p.model = makeModel(p.c.config);
    trainBriefly(*p.model, ds);
    // Real images from the test part's start, which no step above trained on.
    std::vector<std::int64_t> rows;
    for (std::int64_t i = 0; i < kBatch; ++i)
        rows.push_back((p.c.table ? 256 : 60000) + i);
    p.x = ds.batch(rows);
    p.y = ds.hasLabels() ? ds.labelBatch(rows) : torch::zeros({kBatch}, torch::kInt64);
    LatentModel& m = *p.model;
    const ModelConfig& c = p.c.config;
    const bool conditional = c.kind == ModelKind::ConditionalVae;
    torch::NoGradGuard noGrad;
    const Encoding e = m.encode(p.x, p.y);
    saveNpy(dir + "/x.npy", p.x);
    // The data's own units, as the scorer takes them: v * (max - min) + min per feature (0-255 for pixels).
    std::vector<float> mins, spans;
    for (const ValueRange& r : ds.featureRanges()) {
        mins.push_back(static_cast<float>(r.min));
        spans.push_back(static_cast<float>(r.max - r.min));
    }
    const torch::Tensor raw = p.c.table ? p.x * torch::tensor(spans) + torch::tensor(mins) : p.x * 255.0;
    saveNpy(dir + "/x_raw.npy", raw);
    saveNpy(dir + "/y.npy", p.y);
    saveNpy(dir + "/y_onehot.npy", torch::one_hot(p.y, 10).to(torch::kFloat32));
    if (c.kind == ModelKind::Autoencoder) {
        p.outputs = {"z"};
        saveNpy(dir + "/expect_z.npy", e.z);
    } else if (c.kind == ModelKind::VqVae) {
        p.outputs = {"z", "codes"};
        saveNpy(dir + "/expect_z.npy", e.z);
        saveNpy(dir + "/expect_codes.npy", e.codes);
    } else {
        p.outputs = {"mu", "logvar"};
        saveNpy(dir + "/expect_mu.npy", e.mu);
        saveNpy(dir + "/expect_logvar.npy", e.logvar);
    }
    p.firstOutput = c.kind == ModelKind::Autoencoder || c.kind == ModelKind::VqVae ? e.z : e.mu;
    p.recon = m.decode(p.firstOutput, p.y).reconstruction;
    saveNpy(dir + "/expect_recon.npy", p.recon);

    ExportRequest request;
    request.format = ExportFormat::PyTorch;
    request.folder = dir + "/pytorch";
    request.producerVersion = "test";
    exportModel(m, request);

    std::filesystem::create_directories(dir + "/onnx");
    const OnnxExport onnx = exportOnnx(m, "test");
    writeBytes(dir + "/onnx/encoder.onnx", onnx.encoder);
    writeBytes(dir + "/onnx/decoder.onnx", onnx.decoder);
    std::vector<std::string> scores;
    for (const AnomalyScore s : {AnomalyScore::Mse, AnomalyScore::Bce, AnomalyScore::NegElbo}) {
        if (s == AnomalyScore::NegElbo && !m.hasKl())
            continue;
        const torch::Tensor expected = scoreBatch(m, p.x, p.y, s).to(torch::kFloat64);
        // Halfway between the middle two scores, so half the batch is flagged and none sits on the line.
        const torch::Tensor sorted = std::get<0>(expected.sort());
        OnnxScorerSpec spec;
        spec.score = s;
        spec.threshold = 0.5 * (sorted[kBatch / 2 - 1].item<double>() + sorted[kBatch / 2].item<double>());
        spec.thresholdRule = "the batch's median";
        spec.ranges = ds.featureRanges();
        writeBytes(dir + "/onnx/scorer_" + toString(s) + ".onnx", exportOnnx(m, "test", &spec).scorer);
        saveNpy(dir + "/expect_score_" + toString(s) + ".npy", expected);
        saveNpy(dir + "/expect_flag_" + toString(s) + ".npy", (expected > spec.threshold).to(torch::kFloat32));
        scores.push_back(toString(s));
    }
    return {{"name", p.c.name}, {"dir", dir}, {"outputs", p.outputs}, {"conditional", conditional}, {"scores", scores}};
}

TEST(ExportModels, EveryFamilyAndBackboneMatchesInPyTorchAndOpenCv)
{
    at::set_num_threads(1);
    TempDir tmp;
    std::vector<Prepared> cases;
    nlohmann::json manifest = {{"cases", nlohmann::json::array()}};
    for (const Case& c : everyFamilyAndBackbone()) {
        cases.push_back({c, nullptr, {}, {}, {}, {}, {}});
        manifest["cases"].push_back(prepare(cases.back(), tmp.file(c.name)));
    }
    std::ofstream(tmp.file("manifest.json")) << manifest.dump();
    int status = 0;
    const std::string out = runPython(LATENTLAB_EXPORT_CHECK, tmp.file("manifest.json"), &status);
    std::cout << out; // every difference measured, for the README's figures
    std::istringstream lines(out);
    std::string line;
    int reported = 0;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] != '{')
            continue;
        const nlohmann::json r = nlohmann::json::parse(line);
        ++reported;
        EXPECT_TRUE(r.at("failed").empty()) << line;
        // The encoder, the decoder and a scorer per score the model gives (-ELBO only with a KL).
        const bool kl = r.contains("onnx_score_elbo") || r.contains("pytorch_logvar");
        EXPECT_EQ(r.value("onnx_checker", 0), kl ? 5 : 4) << line;
    }
    EXPECT_EQ(reported, static_cast<int>(cases.size())) << out;
    EXPECT_EQ(status, 0) << out;

    // The module PyTorch scripted opens in LatentLab as TorchScript and gives LatentLab's own answers.
    for (const Prepared& p : cases) {
        SCOPED_TRACE(p.c.name);
        const std::string scripted = tmp.file(p.c.name) + "/scripted.pt";
        ASSERT_TRUE(std::filesystem::exists(scripted));
        const std::shared_ptr<LatentModel> back = loadTorchScriptModel(scripted);
        torch::NoGradGuard noGrad;
        const Encoding e = back->encode(p.x, p.y);
        EXPECT_LT((e.mu - p.firstOutput).abs().max().item<double>(), 1e-5);
        EXPECT_LT((back->decode(p.firstOutput, p.y).reconstruction - p.recon).abs().max().item<double>(), 1e-5);
    }
}

TEST(ExportModels, RefusesWhatItCannotWriteInOneSentence)
{
    TempDir tmp;
    ModelConfig c = ModelConfig::defaultsFor({1, 8, 8}, ModelKind::Autoencoder);
    c.hidden = {16};
    c.latentDim = 2;
    auto model = makeModel(c);
    ExportRequest request;
    request.folder = tmp.file("out");
    request.producerVersion = "test";
    request.format = ExportFormat::Onnx;
    request.scorer = OnnxScorerSpec{AnomalyScore::NegElbo, 0.0, "given", {ValueRange{0.0, 255.0}}};
    EXPECT_NE(testing::badInputMessage([&] { exportModel(*model, request); }).find("-ELBO needs a model with a KL term"),
              std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(tmp.file("out"))) << "a refused export leaves no folder behind";

    request.scorer.reset();
    request.format = ExportFormat::PyTorch;
    std::filesystem::create_directories(tmp.file("busy"));
    testing::writeText(tmp.file("busy/keep.txt"), "the user's");
    request.folder = tmp.file("busy");
    EXPECT_NE(testing::badInputMessage([&] { exportModel(*model, request); }).find("is not empty"), std::string::npos);
    EXPECT_NE(testing::badInputMessage([] { exportFormatFromString("tflite"); }).find("is not one of pytorch, onnx"),
              std::string::npos);

    request.folder = tmp.file("fresh");
    const std::vector<std::string> files = exportModel(*model, request);
    ASSERT_EQ(files.size(), 3u);
    EXPECT_TRUE(std::filesystem::exists(tmp.file("fresh/model.py")));
    EXPECT_NE(pytorchSource(*model, "test").find("latent_dim: int = 2"), std::string::npos);
}

} // namespace
} // namespace latentlab
