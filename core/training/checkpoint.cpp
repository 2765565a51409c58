#include "core/training/checkpoint.h"

#include "core/data/dataset_info.h"
#include "core/models/make_model.h"
#include "core/training/pickle_archive.h"
#include "core/util/atomic_file.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/json_read.h"
#include "core/util/printable.h"

#include <nlohmann/json.hpp>
#include <torch/serialize.h>

#include <algorithm>


namespace latentlab {
namespace {

constexpr const char* kFormat = "latentlab-checkpoint";

c10::Dict<std::string, at::Tensor> tensorDict(const NamedTensors& tensors)
{
    c10::Dict<std::string, at::Tensor> d;
    for (const auto& [name, t] : tensors)
        d.insert(name, t.detach().to(torch::kCPU).contiguous());
    return d;
}

} // namespace

NamedTensors modelTensors(const torch::nn::Module& model)
{
    NamedTensors out;
    for (const auto& p : model.named_parameters())
        out.emplace_back(p.key(), p.value());
    for (const auto& b : model.named_buffers())
        out.emplace_back(b.key(), b.value());
    return out;
}

namespace {

nlohmann::json progressJson(const TrainingProgress& p)
{
    return {{"epoch", p.epoch}, {"batch_in_epoch", p.batchInEpoch}, {"step", p.step}, {"history", p.history.toJson()}};
}

TrainingProgress progressFromJson(const nlohmann::json& j)
{
    TrainingProgress p;
    p.epoch = jsonInteger<std::int64_t>(j.at("epoch"), "progress: epoch");
    p.batchInEpoch = jsonInteger<std::int64_t>(j.at("batch_in_epoch"), "progress: batch_in_epoch");
    p.step = jsonInteger<std::int64_t>(j.at("step"), "progress: step");
    p.history = LossHistory::fromJson(j.at("history"));
    if (p.epoch < 0 || p.batchInEpoch < 0 || p.step < 0)
        throw BadInputError("negative progress counters");
    return p;
}

// Entries of the dict, each checked for its type, with the file's name in every complaint.
class Entries {
public:
    Entries(c10::impl::GenericDict dict, std::string file) : dict_(std::move(dict)), file_(std::move(file)) {}

    c10::IValue get(const std::string& key) const
    {
        const auto it = dict_.find(c10::IValue(key));
        if (it == dict_.end())
            throw BadInputError(file_ + " is not a complete LatentLab checkpoint: '" + key + "' is missing");
        return it->value();
    }
    bool has(const std::string& key) const { return dict_.find(c10::IValue(key)) != dict_.end(); }
    std::string string(const std::string& key) const
    {
        const c10::IValue v = get(key);
        if (!v.isString())
            throw BadInputError(file_ + ": the checkpoint entry '" + key + "' is not text");
        return v.toStringRef();
    }
    nlohmann::json json(const std::string& key) const
    {
        try {
            return nlohmann::json::parse(string(key));
        } catch (const nlohmann::json::exception&) {
            throw BadInputError(file_ + ": the checkpoint entry '" + key + "' is not valid JSON");
        }
    }
    NamedTensors tensors(const std::string& key) const
    {
        const c10::IValue v = get(key);
        if (!v.isGenericDict())
            throw BadInputError(file_ + ": the checkpoint entry '" + key + "' is not a table of tensors");
        NamedTensors out;
        for (const auto& e : v.toGenericDict()) {
            if (!e.key().isString() || !e.value().isTensor())
                throw BadInputError(file_ + ": the checkpoint entry '" + key + "' holds something other than tensors");
            out.emplace_back(e.key().toStringRef(), e.value().toTensor());
        }
        return out;
    }

private:
    c10::impl::GenericDict dict_;
    std::string file_;
};

std::string shapeOf(at::IntArrayRef shape)
{
    return shape.empty() ? "a scalar" : shapeText(shape.vec());
}

void loadWeights(LatentModel& model, const NamedTensors& stored, const std::string& file)
{
    torch::NoGradGuard noGrad;
    NamedTensors expected = modelTensors(model);
    if (stored.size() != expected.size()) {
        for (const auto& [name, t] : stored) {
            bool known = false;
            for (const auto& e : expected)
                known = known || e.first == name;
            if (!known)
                throw ModelMismatchError(file + ": the weights hold '" + printable(name) + "', which a "
                                         + toString(model.kind()) + " of this config does not have");
        }
    }
    for (auto& [name, target] : expected) {
        const at::Tensor* found = nullptr;
        for (const auto& s : stored)
            if (s.first == name)
                found = &s.second;
        if (!found)
            throw ModelMismatchError(file + ": the weights lack '" + name + "', which the config's "
                                     + toString(model.kind()) + " needs");
        if (found->sizes() != target.sizes())
            throw ModelMismatchError(file + ": the weight '" + name + "' has shape " + shapeOf(found->sizes())
                                     + " but the config needs " + shapeOf(target.sizes()));
        if (found->scalar_type() != target.scalar_type())
            throw ModelMismatchError(file + ": the weight '" + name + "' has the wrong number type");
        target.copy_(*found);
    }
}

} // namespace

void saveCheckpoint(const std::string& path, LatentModel& model, const AdamOptimizer* optimizer,
                    const CheckpointMeta& meta)
{
    c10::impl::GenericDict dict(c10::StringType::get(), c10::AnyType::get());
    dict.insert(std::string("format"), std::string(kFormat));
    dict.insert(std::string("version"), kCheckpointVersion);
    dict.insert(std::string("kind"), toString(model.kind()));
    dict.insert(std::string("config"), model.config().toJson().dump());
    dict.insert(std::string("training"), meta.training.toJson().dump());
    dict.insert(std::string("progress"), progressJson(meta.progress).dump());
    dict.insert(std::string("dataset"), meta.dataset.toJson().dump());
    dict.insert(std::string("model"), tensorDict(modelTensors(model)));
    dict.insert(std::string("optimizer"), tensorDict(optimizer ? optimizer->state() : NamedTensors{}));
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
    writeFileAtomically(path, bytes.data(), bytes.size());
}

LoadedCheckpoint loadCheckpoint(const std::string& path)
{
    const std::string file = displayName(path);
    const std::vector<std::uint8_t> raw = readAllBytes(path);
    if (raw.size() < 4 || std::string(raw.begin(), raw.begin() + 4) != std::string("PK\x03\x04", 4))
        throw BadInputError(file + " is not a LatentLab checkpoint (it is not a PyTorch archive)");
    c10::IValue root;
    try {
        root = readPickleArchive(raw);
    } catch (const BadInputError& e) {
        throw BadInputError(file + " is not a readable LatentLab checkpoint: " + e.what());
    } catch (const std::exception&) {
        throw BadInputError(file + " is not a readable LatentLab checkpoint: the archive is truncated or corrupted");
    }
    if (!root.isGenericDict())
        throw BadInputError(file + " is a PyTorch file but not a LatentLab checkpoint");
    const Entries entries(root.toGenericDict(), file);
    if (!entries.has("format") || !entries.get("format").isString() || entries.string("format") != kFormat)
        throw BadInputError(file + " is a PyTorch file but not a LatentLab checkpoint");
    const c10::IValue version = entries.get("version");
    if (!version.isInt() || version.toInt() < 1)
        throw BadInputError(file + ": the checkpoint's format version is not valid");
    if (version.toInt() > kCheckpointVersion)
        throw BadInputError(file + " was written by a newer LatentLab (checkpoint format "
                            + std::to_string(version.toInt()) + "; this version reads up to "
                            + std::to_string(kCheckpointVersion) + ")");

    LoadedCheckpoint out;
    ModelConfig config;
    try {
        config = ModelConfig::fromJson(entries.json("config"));
        if (toString(config.kind) != entries.string("kind"))
            throw ModelMismatchError(file + ": the checkpoint says it holds a " + entries.string("kind")
                                     + " but its config describes a " + toString(config.kind));
        out.meta.training = TrainingConfig::fromJson(entries.json("training"));
        out.meta.progress = progressFromJson(entries.json("progress"));
        out.meta.dataset = DatasetFingerprint::fromJson(entries.json("dataset"));
        out.model = makeModel(config);
    } catch (const ModelMismatchError&) {
        throw;
    } catch (const BadInputError& e) {
        throw BadInputError(file + ": " + e.what());
    } catch (const nlohmann::json::exception& e) {
        throw BadInputError(file + ": the checkpoint's progress record is damaged (" + e.what() + ")");
    }
    loadWeights(*out.model, entries.tensors("model"), file);
    out.model->eval();
    out.optimizerState = entries.tensors("optimizer");
    return out;
}

} // namespace latentlab
