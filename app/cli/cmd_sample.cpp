// latentlab-cli sample: new samples from a model's prior as a PNG grid (CSV rows for table models), the
// quickest look at what a generative model learned; also the class grid, the bottom-layer grid and the 2-D
// manifold figure.
#include "app/cli/commands.h"
#include "app/cli/generate_io.h"
#include "core/analysis/generation.h"
#include "core/analysis/latent_walks.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>

namespace latentlab::cli {
namespace {

// A checkpoint may carry no code prior for its VQ-VAE: fit one on the training split of --data, or of the
// data it was trained on where that is still at hand. Without either, samplePrior says it drew uniformly.
std::string fitCodePriorIfNeeded(const Args& args, const OpenedModel& opened)
{
    if (!needsCodePrior(*opened.model))
        return {};
    const std::string trained = opened.checkpoint ? opened.checkpoint->dataset.path : std::string();
    if (!args.has("data") && (trained.empty() || !std::filesystem::exists(trained)))
        return {};
    const DataSelection sel = dataForModel(args, opened, "train");
    const std::int64_t n = fitCodePrior(*opened.model, sel.dataset, sel.indices);
    return "fitted the code prior on " + std::to_string(n) + " samples (" + sel.split + " split of "
           + sel.dataset.source + ")";
}

torch::Tensor classLabel(const LatentModel& model, std::int64_t label)
{
    if (model.kind() != ModelKind::ConditionalVae)
        return {};
    if (label < 0)
        throw BadInputError("a conditional VAE decodes under a class: give --class C (0.."
                            + std::to_string(model.config().numClasses - 1) + ")");
    return torch::full({1}, label, torch::kInt64);
}

GeneratedImages manifold(const Args& args, LatentModel& model, std::int64_t side, std::int64_t label)
{
    if (model.kind() == ModelKind::VqVae)
        throw ModelMismatchError("--manifold spans a Gaussian prior's quantiles, and a VQ-VAE's latent is discrete");
    const std::vector<std::int64_t> dims = args.has("dims") ? parseIndexList(args.value("dims"), "dims")
                                                            : std::vector<std::int64_t>{0, 1};
    if (dims.size() != 2)
        throw BadInputError("--dims: the manifold grid spans exactly two dimensions, like --dims 0,1");
    const DecodedLatents d = gaussianManifold(model, side, dims[0], dims[1], classLabel(model, label));
    GeneratedImages g;
    g.images = d.images;
    g.latents = d.latents;
    g.columns = side;
    return g;
}

} // namespace

int runSample(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "out", "n", "class", "temperature", "seed", "columns", "threads", "dims"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json", "resample-bottom", "manifold"}, options);
    if (!args.positional().empty())
        throw BadInputError("sample takes only options (see latentlab-cli sample --help)");
    if (args.has("resample-bottom") && args.has("manifold"))
        throw BadInputError("--resample-bottom and --manifold draw different grids: give one of them");
    if (args.has("dims") && !args.has("manifold"))
        throw BadInputError("--dims chooses the plane of --manifold");
    // Every number is checked before the model is opened: a typo costs no loading time.
    const std::int64_t n = args.integer("n", 64, 1, 100000);
    const double temperature = args.real("temperature", 1.0, 0.0, 100.0);
    const auto seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, std::numeric_limits<long long>::max()));
    const std::int64_t columns = args.integer("columns", 0, 1, 1000);
    const std::int64_t label = args.integer("class", -1, 0, 1000000);
    if (!args.has("out"))
        throw BadInputError("--out GRID.png is required");

    const OpenedModel opened = openModelOnly(args);
    LatentModel& model = *opened.model;
    const std::string out = outputPath(args, model);
    if (args.has("class") && model.kind() != ModelKind::ConditionalVae)
        throw BadInputError("--class needs a conditional VAE, and this is a " + toString(model.kind()));

    GeneratedImages g;
    std::vector<std::string> notes;
    std::string grid = "samples";
    if (args.has("manifold")) {
        grid = "manifold";
        g = manifold(args, model, columns > 0 ? columns : 15, label);
    } else if (args.has("resample-bottom")) {
        grid = "bottom";
        const std::int64_t perTop = columns > 0 ? columns : 8;
        g = sampleTopsResampleBottom(model, (n + perTop - 1) / perTop, perTop, temperature, seed);
    } else if (model.kind() == ModelKind::ConditionalVae && label < 0) {
        grid = "classes";
        g = classGrid(model, n, temperature, seed);
    } else {
        if (std::string fitted = fitCodePriorIfNeeded(args, opened); !fitted.empty())
            notes.push_back(std::move(fitted));
        g = samplePrior(model, {n, temperature, seed, label});
        g.columns = columns > 0 ? columns : static_cast<std::int64_t>(std::ceil(std::sqrt(static_cast<double>(n))));
    }
    notes.insert(notes.end(), g.notes.begin(), g.notes.end());

    const std::int64_t count = g.images.size(0);
    std::vector<std::int64_t> order(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::int64_t>(i);
    IntColumns leading{{"sample", order}};
    if (!g.labels.empty())
        leading.emplace_back("label", g.labels);
    if (std::string units = writeDecoded(out, g.images, g.columns, opened, leading); !units.empty())
        notes.push_back(std::move(units));

    const std::int64_t rows = (count + g.columns - 1) / g.columns;
    if (args.has("json")) {
        nlohmann::json j = {{"out", out},         {"kind", toString(model.kind())}, {"grid", grid}, {"images", count},
                            {"columns", g.columns}, {"rows", rows},                {"temperature", temperature},
                            {"seed", seed},       {"notes", notes}};
        if (label >= 0)
            j["class"] = label;
        std::cout << j.dump() << std::endl;
        return 0;
    }
    for (const auto& note : notes)
        std::cout << "note: " << note << "\n";
    std::cout << "wrote " << count << " samples (" << rows << " x " << g.columns << ") to " << out << std::endl;
    return 0;
}

} // namespace latentlab::cli
