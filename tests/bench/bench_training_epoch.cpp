// One epoch (or more, or a number of steps) of a model family through the real Trainer on Fashion-MNIST's
// 60,000 training images, batch 128, Adam 1e-3: the model is ModelConfig::defaultsFor({1, 28, 28}, kind) with
// the chosen backbone, as `latentlab-cli train --model KIND --arch BACKBONE` builds it (the default: the MLP
// VAE 784-512-512-32). Prints samples/s, the parameter count (so a reader sees that pytorch_train_epoch.py
// built the same network), the process's peak memory and the loss. compare_training_speed.sh runs it side by
// side with the same model in PyTorch's Python API.
//   build/tests/bench/bench_training_epoch [--kind vae|beta-vae|ae|cvae|hvae|vq-vae] [--backbone mlp|conv]
//                                          [--epochs 1] [--steps N] [--threads 2] [--data DIR] [--autograd 1]
// --autograd 1 trains through LibTorch's autograd instead of the fused step (core/models/fused) the Trainer uses
// for every family on either backbone.
// --steps N stops after N steps (a quick figure; the validation pass after an epoch is never timed anyway).
#include "core/data/load_dataset.h"
#include "core/models/make_model.h"
#include "core/training/trainer.h"
#include "core/training/training_control.h"
#include "tests/bench/memory_probe.h"
#include "tests/bench/throughput_observer.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

using namespace latentlab;

namespace {

// Asks for a stop after maxSteps through the Trainer's own control, as the GUI's Stop button does: the run
// ends at the next batch boundary, so exactly maxSteps steps are trained and timed.
struct StepLimit : bench::ThroughputObserver {
    TrainingControl* control = nullptr;
    std::int64_t maxSteps = 0;
    void onBatch(const BatchReport& r) override
    {
        ThroughputObserver::onBatch(r);
        if (maxSteps > 0 && r.step >= maxSteps)
            control->requestStop();
    }
};

// The last steps' mean total: one batch's loss is too noisy to tell two implementations apart by.
double recentLoss(const LossHistory& history, std::size_t count)
{
    const auto& steps = history.steps();
    const std::size_t n = std::min(count, steps.size());
    double sum = 0.0;
    for (std::size_t i = steps.size() - n; i < steps.size(); ++i)
        sum += steps[i].values[0];
    return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

} // namespace

int main(int argc, char** argv)
{
    std::string data = "/usr/share/datasets/fashion-mnist";
    std::string kindName = "vae", backboneName = "mlp";
    bool autograd = false;
    std::int64_t maxSteps = 0;
    TrainingConfig training;
    training.epochs = 1;
    training.threads = 2;
    training.batchSize = 128;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--epochs"))
            training.epochs = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--steps"))
            maxSteps = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            training.threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--data"))
            data = argv[i + 1];
        else if (!std::strcmp(argv[i], "--autograd"))
            autograd = std::atoi(argv[i + 1]) != 0;
        else if (!std::strcmp(argv[i], "--kind"))
            kindName = argv[i + 1];
        else if (!std::strcmp(argv[i], "--backbone"))
            backboneName = argv[i + 1];
    }
    // The CLI's spellings too, so a model line can be pasted from `latentlab-cli train --model`.
    if (kindName == "vqvae")
        kindName = "vq-vae";
    if (kindName == "betavae")
        kindName = "beta-vae";
    const Dataset ds = loadDataset(data); // IDX train + t10k: trains on the 60,000, validates on the 10,000
    ModelConfig config = ModelConfig::defaultsFor(ds.sampleShape(), modelKindFromString(kindName));
    config.backbone = backboneFromString(backboneName);
    if (config.kind == ModelKind::ConditionalVae)
        config.numClasses = ds.numClasses();
    if (maxSteps > 0) {
        // Enough epochs to reach the step count; the observer stops the run there.
        const auto train = ds.split().train.empty() ? ds.size() : static_cast<std::int64_t>(ds.split().train.size());
        const std::int64_t perEpoch = (train + training.batchSize - 1) / training.batchSize;
        training.epochs = std::max<std::int64_t>(training.epochs, (maxSteps + perEpoch - 1) / perEpoch);
    }
    torch::manual_seed(0);
    const std::shared_ptr<LatentModel> model = makeModel(config);
    std::int64_t parameters = 0;
    for (const auto& p : model->parameters())
        parameters += p.numel();
    Trainer trainer(model, ds, training);
    TrainingControl control;
    StepLimit throughput;
    throughput.control = &control;
    throughput.maxSteps = maxSteps;
    trainer.setObserver(&throughput);
    trainer.setControl(&control);
    trainer.setFusedSteps(!autograd);
    const TrainingOutcome out = trainer.run();
    const double seconds = static_cast<double>(out.step * training.batchSize) / throughput.samplesPerSecond;
    std::printf("latentlab%s %s %s  %lld params  %lld steps  %.2f s training  %.0f samples/s  peak RSS %ld MB  "
                "loss (last 50 steps) %.2f\n",
                autograd ? "(autograd)" : "", toString(config.kind).c_str(), toString(config.backbone).c_str(),
                static_cast<long long>(parameters), static_cast<long long>(out.step), seconds,
                throughput.samplesPerSecond, bench::procStatusKb("VmHWM") / 1024,
                recentLoss(trainer.progress().history, 50));
    return 0;
}
