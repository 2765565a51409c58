// latentlab-cli eval: how well a model explains a dataset, as per-sample means (nats per sample for -ELBO).
#include "app/cli/commands.h"
#include "app/cli/model_input.h"
#include "core/analysis/evaluation.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace latentlab::cli {

int runEval(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "threads", "batch"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json"}, options);
    if (!args.positional().empty())
        throw BadInputError("eval takes only options (see latentlab-cli eval --help)");
    ModelAndData in = openModelAndData(args, "test");
    LatentModel& model = *in.model.model;
    const std::int64_t step = in.model.checkpoint ? in.model.checkpoint->progress.step : 0;
    // A VAE's terms use a posterior draw per sample: a fixed seed makes the same model give the same figures.
    torch::manual_seed(0);
    const ModelEvaluation ev = evaluateModel(model, in.data.dataset, in.data.indices, step,
                                             args.integer("batch", 500, 1, 65536));

    nlohmann::json j = {{"model", args.value("model")},    {"kind", toString(model.kind())},
                        {"data", in.data.dataset.source}, {"split", in.data.split},
                        {"samples", ev.samples}};
    for (const auto& [name, v] : ev.terms)
        j[name] = v;
    if (ev.hasKl)
        j["neg_elbo"] = ev.negElbo;
    j["mse"] = ev.mse;
    for (const auto& [name, v] : ev.metrics)
        if (name != "kl_weight" && name != "capacity")
            j[name] = v;
    if (args.has("json")) {
        std::cout << j.dump() << std::endl;
        return 0;
    }
    std::cout << displayName(args.value("model")) << " (" << toString(model.kind()) << ") on " << ev.samples
              << " samples of " << in.data.dataset.source << " (" << in.data.split << " split):\n";
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it->is_number_float()) {
            std::printf("  %-12s %.6g\n", it.key().c_str(), it->get<double>());
        }
    return 0;
}

} // namespace latentlab::cli
