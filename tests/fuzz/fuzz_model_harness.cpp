// Harnesses for the model files: checkpoints, TorchScript files and the model-config JSON that checkpoints,
// sessions and the settings store.
#include "tests/fuzz/fuzz_harness.h"

#include "core/models/make_model.h"
#include "core/models/model_config.h"
#include "core/models/torchscript_model.h"
#include "core/training/checkpoint.h"
#include "core/training/model_file.h"
#include "core/training/training_config.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

namespace latentlab::fuzz {
namespace {

// Runs what every view does first with an opened model: encode one sample, decode its latent.
void touch(LatentModel& model)
{
    torch::NoGradGuard noGrad;
    std::vector<std::int64_t> shape = model.config().inputShape;
    if (shape.empty())
        finding("model", "an opened model has no input shape");
    shape.insert(shape.begin(), 1);
    const torch::Tensor x = torch::full(shape, 0.5f);
    torch::Tensor y;
    if (model.config().kind == ModelKind::ConditionalVae)
        y = torch::zeros({1}, torch::kLong);
    const Encoding e = model.encode(x, y);
    (void)model.decode(e.z.defined() ? e.z : e.mu, y);
}

// Models small enough to build on every run of a fuzzer; bigger valid configs are only checked as JSON.
bool smallEnoughToBuild(const ModelConfig& c)
{
    std::int64_t widest = 0;
    for (auto h : c.hidden)
        widest = std::max(widest, h);
    return c.inputNumel() <= 4096 && widest <= 256 && c.latentDim <= 256 && c.bottomLatentDim <= 256
           && c.codebookSize <= 1024 && c.codeDim <= 64 && c.numClasses <= 64;
}

} // namespace

bool checkpointHarness(const std::uint8_t* data, std::size_t size)
{
    const std::string path = writeScratch("model.ckpt", data, size);
    return expectCleanRefusal("checkpoint", [&] {
        const LoadedCheckpoint ckpt = loadCheckpoint(path);
        touch(*ckpt.model);
    });
}

bool torchScriptHarness(const std::uint8_t* data, std::size_t size)
{
    // openModelFile is what File > Open Model and every CLI --model run: it tells a checkpoint from TorchScript.
    const Variant v = splitVariant(data, size);
    const std::string path = writeScratch("model.pt", v.data, v.size);
    const std::vector<std::int64_t> shape = v.choice % 2 == 0 ? std::vector<std::int64_t>{} : std::vector<std::int64_t>{1, 4, 4};
    return expectCleanRefusal("TorchScript", [&] {
        const OpenedModel opened = openModelFile(path, shape);
        touch(*opened.model);
    });
}

bool modelConfigHarness(const std::uint8_t* data, std::size_t size)
{
    const nlohmann::json j = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
        return false; // not JSON: every caller refuses that before a config is read
    const bool model = expectCleanRefusal("model config", [&] {
        const ModelConfig c = ModelConfig::fromJson(j.contains("model") ? j["model"] : j);
        c.validate();
        // What is written back reads back the same (checkpoints and sessions store configs this way).
        if (!(ModelConfig::fromJson(c.toJson()) == c))
            finding("model config", "a config does not survive toJson/fromJson: " + c.toJson().dump());
        if (smallEnoughToBuild(c))
            touch(*makeModel(c));
    });
    const bool training = !j.contains("training") || expectCleanRefusal("training config", [&] {
        const TrainingConfig t = TrainingConfig::fromJson(j["training"]);
        t.validate();
    });
    return model && training;
}

} // namespace latentlab::fuzz
