#include "core/training/training_config.h"

#include "core/data/class_subset.h"
#include "core/data/dataset.h"
#include "core/util/errors.h"
#include "core/util/json_read.h"
#include "core/util/printable.h"
#include "core/util/torch_threads.h"

#include <algorithm>
#include <thread>

#include <nlohmann/json.hpp>

#include <cmath>

namespace latentlab {
namespace {

void require(bool ok, const std::string& field, const std::string& why)
{
    if (!ok)
        throw BadInputError("training: " + field + " " + why);
}

} // namespace

void TrainingConfig::validate() const
{
    require(std::isfinite(learningRate) && learningRate > 0.0 && learningRate <= 100.0, "learning rate",
            "must be a number in (0, 100]");
    require(batchSize >= 1 && batchSize <= 65536, "batch size", "must be between 1 and 65536");
    require(epochs >= 1 && epochs <= 100000, "epochs", "must be between 1 and 100000");
    require(std::isfinite(weightDecay) && weightDecay >= 0.0 && weightDecay < 1.0, "weight decay",
            "must be in [0, 1)");
    require(std::isfinite(gradClip) && gradClip >= 0.0, "gradient clipping", "must be 0 (off) or a positive norm");
    require(threads >= 0 && threads <= 1024, "threads", "must be between 0 (all cores) and 1024");
    require(std::isfinite(validationFraction) && validationFraction < 1.0, "validation fraction",
            "must be below 1 (negative: the data's own test split)");
    for (const int c : normalClasses)
        require(c >= 0, "normal classes", "must be class indices (0 or more)");
    require(device == "cpu" || device == "cuda", "device", "'" + printable(device) + "' is not one of cpu, cuda");
}

int TrainingConfig::resolvedThreads() const
{
    // More threads than the machine runs at once only queue behind each other (a typed 1024 started 1024
    // OpenMP threads on two cores and stalled the window for seconds).
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return threads > 0 ? std::min(threads, std::max(cores, allCores())) : allCores();
}

nlohmann::json TrainingConfig::toJson() const
{
    return {{"learning_rate", learningRate}, {"batch_size", batchSize}, {"epochs", epochs},
            {"weight_decay", weightDecay},   {"grad_clip", gradClip},   {"seed", seed},
            {"threads", threads},            {"device", device},
            {"validation_fraction", validationFraction}, {"normal_classes", normalClasses}};
}

TrainingConfig TrainingConfig::fromJson(const nlohmann::json& j)
{
    if (!j.is_object())
        throw BadInputError("training settings: expected a JSON object");
    TrainingConfig c;
    try {
        readJsonField(j, "learning_rate", c.learningRate, "training settings: learning_rate");
        readJsonField(j, "batch_size", c.batchSize, "training settings: batch_size");
        readJsonField(j, "epochs", c.epochs, "training settings: epochs");
        readJsonField(j, "weight_decay", c.weightDecay, "training settings: weight_decay");
        readJsonField(j, "grad_clip", c.gradClip, "training settings: grad_clip");
        readJsonField(j, "seed", c.seed, "training settings: seed");
        readJsonField(j, "threads", c.threads, "training settings: threads");
        readJsonField(j, "device", c.device, "training settings: device");
        readJsonField(j, "validation_fraction", c.validationFraction, "training settings: validation_fraction");
        readJsonField(j, "normal_classes", c.normalClasses, "training settings: normal_classes");
    } catch (const nlohmann::json::exception& e) {
        throw BadInputError(std::string("training settings: a field has the wrong type (") + e.what() + ")");
    }
    c.validate();
    return c;
}

Split trainingSplit(const Dataset& ds, const TrainingConfig& config)
{
    Split split = ds.split();
    if (config.validationFraction >= 0.0 || !split.predefined)
        split = seededSplit(ds.size(), config.validationFraction < 0.0 ? 0.1 : config.validationFraction, config.seed);
    if (!config.normalClasses.empty())
        split = splitRestrictedToClasses(ds, std::move(split), config.normalClasses);
    return split;
}

void applyTrainingSplit(Dataset& ds, const TrainingConfig& config)
{
    ds.setSplit(trainingSplit(ds, config));
}

} // namespace latentlab
