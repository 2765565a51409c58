// One epoch (or more) of the reference model through the real Trainer: MLP VAE 784-512-512-32 on
// Fashion-MNIST's 60,000 training images, batch 128, Adam 1e-3. Prints samples/s and the process's peak
// memory. compare_training_speed.sh runs it side by side with the same model in PyTorch's Python API.
//   build/tests/bench/bench_training_epoch [--epochs 1] [--threads 2] [--data DIR] [--autograd 1]
// --autograd 1 trains through LibTorch's autograd instead of the fused step (core/models/fused) the Trainer uses.
#include "core/data/load_dataset.h"
#include "core/models/make_model.h"
#include "core/training/trainer.h"
#include "tests/bench/memory_probe.h"
#include "tests/bench/throughput_observer.h"

#include <torch/torch.h>

#include <cstdio>
#include <cstring>
#include <string>

using namespace latentlab;

int main(int argc, char** argv)
{
    std::string data = "/usr/share/datasets/fashion-mnist";
    bool autograd = false;
    TrainingConfig training;
    training.epochs = 1;
    training.threads = 2;
    training.batchSize = 128;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--epochs"))
            training.epochs = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            training.threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--data"))
            data = argv[i + 1];
        else if (!std::strcmp(argv[i], "--autograd"))
            autograd = std::atoi(argv[i + 1]) != 0;
    }
    const Dataset ds = loadDataset(data); // IDX train + t10k: trains on the 60,000, validates on the 10,000
    torch::manual_seed(0);
    Trainer trainer(makeModel(ModelConfig::defaultsFor(ds.sampleShape())), ds, training);
    bench::ThroughputObserver throughput;
    trainer.setObserver(&throughput);
    trainer.setFusedSteps(!autograd);
    const TrainingOutcome out = trainer.run();
    const double seconds = static_cast<double>(out.step * training.batchSize) / throughput.samplesPerSecond;
    std::printf("latentlab%s  %lld epoch(s)  %.2f s training  %.0f samples/s  peak RSS %ld MB  last loss %.2f\n",
                autograd ? " (autograd)" : "", static_cast<long long>(out.epoch), seconds, throughput.samplesPerSecond,
                bench::procStatusKb("VmHWM") / 1024, trainer.progress().history.steps().back().values[0]);
    return 0;
}
