// latentlab-cli traverse: one row per latent dimension, that dimension swept over a range while the others
// stay at a base point (a sample's latent mean, or the prior's centre): what each dimension controls, the
// beta-VAE's disentanglement picture. --dims kl puts the dimensions the model uses most first.
#include "app/cli/commands.h"
#include "app/cli/generate_io.h"
#include "app/cli/model_input.h"
#include "core/analysis/evaluation.h"
#include "core/analysis/latent_walks.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace latentlab::cli {

int runTraverse(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "out", "index", "class", "dims", "range", "steps", "threads"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json"}, options);
    if (!args.positional().empty())
        throw BadInputError("traverse takes only options (see latentlab-cli traverse --help)");
    const std::int64_t steps = args.integer("steps", 9, 2, 1000);
    const double range = args.real("range", 3.0, 1e-6, 1e6);
    const std::int64_t label = args.integer("class", -1, 0, 1000000);
    const std::string dimsText = args.value("dims", "all");
    std::vector<std::int64_t> dims;
    if (dimsText != "all" && dimsText != "kl")
        dims = parseIndexList(dimsText, "dims");
    if (!args.has("out"))
        throw BadInputError("--out GRID.png is required (see latentlab-cli traverse --help)");

    // The data is read only where it is used: for the base sample, or to rank dimensions by KL.
    OpenedModel opened;
    DataSelection data;
    if (args.has("index") || dimsText == "kl") {
        ModelAndData in = openModelAndData(args, "all");
        opened = std::move(in.model);
        data = std::move(in.data);
    } else {
        opened = openModelOnly(args);
    }
    LatentModel& model = *opened.model;
    const std::string out = outputPath(args, model);
    if (args.has("class") && model.kind() != ModelKind::ConditionalVae)
        throw BadInputError("--class needs a conditional VAE, and this is a " + toString(model.kind()));

    torch::Tensor base = torch::zeros({model.latentDim()});
    torch::Tensor y;
    std::string baseText = "zeros";
    if (args.has("index")) {
        const std::int64_t i = sampleIndex(args, "index", data);
        y = modelLabels(model, data.dataset, {i});
        base = encodeMean(model, data.dataset.batch({i}), y)[0];
        baseText = "sample " + std::to_string(i);
    }
    if (label >= 0)
        y = torch::full({1}, label, torch::kInt64);
    if (model.kind() == ModelKind::ConditionalVae && !y.defined())
        throw BadInputError("a conditional VAE decodes under a class: give --class C or --index I");

    TraversalOptions o;
    o.lo = -range;
    o.hi = range;
    o.steps = steps;
    o.dims = dims;
    std::vector<DimensionKl> kl;
    if (dimsText == "kl") {
        kl = dimensionsByKl(model, data.dataset, data.indices);
        if (kl.empty())
            throw BadInputError("--dims kl ranks dimensions by their KL, and a " + toString(model.kind()) + " has none");
        for (const auto& k : kl)
            o.dims.push_back(k.dim);
    }
    const Traversal t = traverse(model, base, o, y);

    std::vector<std::int64_t> dimColumn, stepColumn;
    for (const std::int64_t d : t.dims)
        for (std::int64_t s = 0; s < steps; ++s) {
            dimColumn.push_back(d);
            stepColumn.push_back(s);
        }
    const std::string note = writeDecoded(out, t.decoded.images, steps, opened, {{"dim", dimColumn}, {"step", stepColumn}});

    if (args.has("json")) {
        nlohmann::json j = {{"out", out},       {"kind", toString(model.kind())}, {"base", baseText},
                            {"dims", t.dims},   {"values", t.values},             {"rows", t.dims.size()},
                            {"columns", steps}, {"notes", nlohmann::json::array()}};
        if (!kl.empty()) {
            j["kl"] = nlohmann::json::array();
            for (const auto& k : kl)
                j["kl"].push_back(k.kl);
        }
        if (!note.empty())
            j["notes"].push_back(note);
        std::cout << j.dump() << std::endl;
        return 0;
    }
    if (!kl.empty()) {
        std::cout << "dimensions by KL (nats):";
        for (const auto& k : kl)
            std::printf(" %lld (%.3g)", static_cast<long long>(k.dim), k.kl);
        std::cout << "\n";
    }
    if (!note.empty())
        std::cout << "note: " << note << "\n";
    std::cout << "wrote " << t.dims.size() << " dimensions x " << steps << " steps (" << -range << ".." << range
              << " around " << baseText << ") to " << out << std::endl;
    return 0;
}

} // namespace latentlab::cli
