#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/data/dataset_info.h"
#include "core/data/load_dataset.h"
#include "core/demo/headless_demo.h"

#include <cstdio>
#include <limits>
#include <iostream>

namespace latentlab::cli {

int runDemo(const std::vector<std::string>& argv)
{
    const Args args(argv, {}, {"data", "out", "steps", "threads", "seed"});
    DemoOptions options;
    const std::string data = args.value("data", "/usr/share/datasets/fashion-mnist");
    options.outPath = args.value("out", options.outPath);
    options.steps = args.integer("steps", options.steps, 1, 10'000'000);
    options.threads = static_cast<int>(args.integer("threads", 0, 0, 1024));
    options.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, std::numeric_limits<long long>::max()));

    const Dataset ds = loadDataset(data);
    std::cout << "dataset: " << ds.source << ", " << ds.size() << " samples of " << shapeText(ds) << "\n"
              << "training a small VAE for " << options.steps << " steps...\n";
    const DemoResult r = runHeadlessDemo(ds, options, [](const DemoProgress& p) {
        std::printf("  step %6lld  loss %9.2f  (recon %9.2f, kl %7.2f)  %8.0f samples/s\n", static_cast<long long>(p.step),
                    p.loss, p.recon, p.kl, p.samplesPerSecond);
        std::fflush(stdout);
    });
    std::printf("loss %.2f -> %.2f in %.1f s; wrote %d samples to %s\n", r.firstLoss, r.lastLoss, r.seconds,
                options.samples, options.outPath.c_str());
    return 0;
}

} // namespace latentlab::cli
