#include "core/demo/headless_demo.h"

#include "core/analysis/image_grid.h"
#include "core/models/make_model.h"
#include "core/util/errors.h"
#include "core/util/torch_threads.h"

#include <torch/torch.h>

#include <chrono>
#include <random>

namespace latentlab {

DemoResult runHeadlessDemo(const Dataset& dataset, const DemoOptions& options,
                           const std::function<void(const DemoProgress&)>& progress)
{
    if (!dataset.isImage())
        throw BadInputError("the demo writes a grid of images; " + dataset.source + " is a table");
    const auto& train = dataset.split().train.empty() ? dataset.split().validation : dataset.split().train;
    if (train.empty())
        throw BadInputError("the dataset has no samples to train on");
    // LibTorch's thread count and grad mode are per thread: set them here, on the thread that trains.
    useTorchThreads(options.threads);
    torch::manual_seed(options.seed);
    setTorchGradEnabled(true);

    ModelConfig config = ModelConfig::defaultsFor(dataset.sampleShape());
    config.hidden = {256, 256};
    config.latentDim = options.latentDim;
    const std::shared_ptr<LatentModel> model = makeModel(config);
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-3));
    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<std::size_t> pick(0, train.size() - 1);
    std::vector<std::int64_t> indices(static_cast<std::size_t>(std::min<std::int64_t>(options.batchSize, static_cast<std::int64_t>(train.size()))));

    DemoResult result;
    const auto start = std::chrono::steady_clock::now();
    for (std::int64_t step = 1; step <= options.steps; ++step) {
        for (auto& i : indices)
            i = train[pick(rng)];
        const torch::Tensor x = dataset.batch(indices);
        optimizer.zero_grad();
        const LossTerms loss = model->loss(x, {}, step);
        loss.total.backward();
        optimizer.step();
        const double total = loss.total.item<double>();
        if (!std::isfinite(total))
            throw Error("the loss became " + std::to_string(total) + " at step " + std::to_string(step));
        if (step == 1)
            result.firstLoss = total;
        result.lastLoss = total;
        if (progress && (step % 25 == 0 || step == options.steps)) {
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            progress({step, total, loss.term("recon").item<double>(), loss.term("kl").item<double>(),
                      static_cast<double>(step * static_cast<std::int64_t>(indices.size())) / std::max(secs, 1e-9)});
        }
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    torch::NoGradGuard noGrad;
    model->eval();
    const torch::Tensor samples = model->sample(options.samples);
    writeImageGrid(options.outPath, samples, options.columns, dataset.channels(), dataset.height(), dataset.width());
    return result;
}

} // namespace latentlab
