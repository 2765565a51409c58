// latentlab-cli attribute: the attribute vector from one set of samples to another (White 2016, "Sampling
// Generative Networks": the difference of the two sets' mean latents), added in steps to one sample's latent
// and decoded as a strip, with how well the vector separates the two sets (the AUROC of their positions
// along it) so a reader knows whether the direction means anything.
#include "app/cli/commands.h"
#include "app/cli/generate_io.h"
#include "app/cli/model_input.h"
#include "core/analysis/encode_all.h"
#include "core/analysis/evaluation.h"
#include "core/analysis/generation.h"
#include "core/analysis/latent_directions.h"
#include "core/analysis/latent_geometry.h"
#include "core/data/class_subset.h"
#include "core/data/index_file.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace latentlab::cli {
namespace {

// One end of the vector: --NAME CLASS[,CLASS...] (names or numbers; the samples of those classes in the
// split) or --NAME-indices FILE (dataset indices, whatever the split).
LatentSet chosenSet(const Args& args, const std::string& name, const DataSelection& data)
{
    const std::string fileOption = name + "-indices";
    if (args.has(name) == args.has(fileOption))
        throw BadInputError("give one of --" + name + " CLASS and --" + fileOption + " FILE");
    const Dataset& ds = data.dataset;
    LatentSet set;
    if (args.has(fileOption)) {
        const std::string path = args.value(fileOption);
        set.name = displayName(path);
        set.rows = readIndexFile(path);
        for (const std::int64_t i : set.rows)
            if (i >= ds.size())
                throw BadInputError("--" + fileOption + " " + set.name + ": sample " + std::to_string(i)
                                    + " is outside "
                                    + ds.source + " (" + std::to_string(ds.size()) + " samples)");
        return set;
    }
    const std::string text = args.value(name);
    const auto& names = ds.classNames();
    // A whole class name first: one may contain a comma.
    const auto whole = std::find(names.begin(), names.end(), text);
    const std::vector<int> classes = ds.hasLabels() && whole != names.end()
                                         ? std::vector<int>{static_cast<int>(whole - names.begin())}
                                         : parseClassList(ds, text, "--" + name);
    set.name = "class";
    for (std::size_t k = 0; k < classes.size(); ++k)
        set.name += (k ? ", " : " ") + names[static_cast<std::size_t>(classes[k])];
    set.rows = samplesOfClasses(ds, data.indices, classes);
    if (set.rows.empty())
        throw BadInputError("--" + name + ": " + set.name + " has no samples in the " + data.split + " split of "
                            + ds.source);
    return set;
}

} // namespace

int runAttribute(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "out", "from", "to", "from-indices", "to-indices", "index", "steps", "range",
                                  "threads"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json"}, options);
    if (!args.positional().empty())
        throw BadInputError("attribute takes only options (see latentlab-cli attribute --help)");
    const std::int64_t steps = args.integer("steps", 9, 1, 1000);
    const double range = args.real("range", 2.0, 0.0, 1e6);
    for (const char* required : {"index", "out"})
        if (!args.has(required))
            throw BadInputError(std::string("--") + required + " is required (see latentlab-cli attribute --help)");

    ModelAndData in = openModelAndData(args, "all");
    LatentModel& model = *in.model.model;
    const Dataset& ds = in.data.dataset;
    const std::string out = outputPath(args, model);
    const LatentSet from = chosenSet(args, "from", in.data);
    const LatentSet to = chosenSet(args, "to", in.data);
    const std::int64_t index = sampleIndex(args, "index", in.data);

    // Only the samples the vector and the strip need are encoded: A, then B, then the sample itself.
    std::vector<std::int64_t> rows = from.rows;
    rows.insert(rows.end(), to.rows.begin(), to.rows.end());
    rows.push_back(index);
    const torch::Tensor latents = encodeAll(model, ds, rows);
    const auto count = [](const LatentSet& s) { return static_cast<std::int64_t>(s.rows.size()); };
    LatentSet a{from.name, {}}, b{to.name, {}};
    for (std::int64_t r = 0; r < count(from); ++r)
        a.rows.push_back(r);
    for (std::int64_t r = 0; r < count(to); ++r)
        b.rows.push_back(count(from) + r);
    const Separation s = separation(latents, a, b);

    const torch::Tensor strip = attributeStrip(latents[count(from) + count(to)], s.vector, range, steps);
    const torch::Tensor y = modelLabels(model, ds, {index});
    const torch::Tensor decoded = decodeLatents(model, strip, y); // one label for the whole strip
    const std::vector<double> amounts = evenlySpaced(-range, range, steps);
    std::vector<std::int64_t> stepColumn;
    for (std::int64_t k = 0; k < steps; ++k)
        stepColumn.push_back(k);
    const std::string note = writeDecoded(out, decoded, steps, in.model, {{"step", stepColumn}});

    if (args.has("json")) {
        nlohmann::json j = {{"out", out},
                            {"kind", toString(model.kind())},
                            {"index", index},
                            {"from", {{"name", from.name}, {"samples", count(from)}}},
                            {"to", {{"name", to.name}, {"samples", count(to)}}},
                            {"auroc", s.auroc},
                            {"vector_norm", s.vector.vector.norm().item<double>()},
                            {"amounts", amounts},
                            {"steps", steps},
                            {"notes", nlohmann::json::array()}};
        if (!note.empty())
            j["notes"].push_back(note);
        std::cout << j.dump() << std::endl;
        return 0;
    }
    std::printf("attribute vector from %s (%lld samples) to %s (%lld samples): length %.4g, AUROC %.4f\n",
                from.name.c_str(), static_cast<long long>(count(from)), to.name.c_str(),
                static_cast<long long>(count(to)), s.vector.vector.norm().item<double>(), s.auroc);
    if (!note.empty())
        std::cout << "note: " << note << "\n";
    std::cout << "wrote " << steps << " steps (sample " << index << " + t x the vector, t from " << -range << " to "
              << range << ") to " << out << std::endl;
    return 0;
}

} // namespace latentlab::cli
