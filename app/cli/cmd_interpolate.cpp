// latentlab-cli interpolate: a strip of decodes on the way from one sample's latent mean to another's,
// linear or spherical: how smoothly the latent space connects the two.
#include "app/cli/commands.h"
#include "app/cli/generate_io.h"
#include "app/cli/model_input.h"
#include "core/analysis/latent_walks.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace latentlab::cli {

int runInterpolate(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "out", "from", "to", "steps", "columns", "threads"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json", "slerp"}, options);
    if (!args.positional().empty())
        throw BadInputError("interpolate takes only options (see latentlab-cli interpolate --help)");
    const std::int64_t steps = args.integer("steps", 8, 2, 10000);
    const std::int64_t columns = args.integer("columns", steps, 1, 10000);
    for (const char* required : {"from", "to", "out"})
        if (!args.has(required))
            throw BadInputError(std::string("--") + required + " is required (see latentlab-cli interpolate --help)");

    // Any sample of the data by default: the indices are those `encode` and `project` write.
    ModelAndData in = openModelAndData(args, "all");
    LatentModel& model = *in.model.model;
    const std::string out = outputPath(args, model);
    const std::int64_t from = sampleIndex(args, "from", in.data);
    const std::int64_t to = sampleIndex(args, "to", in.data);
    const Interpolation how = args.has("slerp") ? Interpolation::Spherical : Interpolation::Linear;
    const DecodedLatents path = interpolateSamples(model, in.data.dataset, from, to, steps, how);

    std::vector<std::int64_t> step(static_cast<std::size_t>(steps));
    for (std::size_t i = 0; i < step.size(); ++i)
        step[i] = static_cast<std::int64_t>(i);
    const std::string note = writeDecoded(out, path.images, columns, in.model, {{"step", step}});

    const char* method = how == Interpolation::Spherical ? "slerp" : "linear";
    if (args.has("json")) {
        nlohmann::json j = {{"out", out},   {"kind", toString(model.kind())}, {"from", from}, {"to", to},
                            {"steps", steps}, {"method", method}, {"notes", nlohmann::json::array()}};
        if (!note.empty())
            j["notes"].push_back(note);
        std::cout << j.dump() << std::endl;
        return 0;
    }
    if (!note.empty())
        std::cout << "note: " << note << "\n";
    std::cout << "wrote " << steps << " steps (" << method << ") from sample " << from << " to sample " << to << " to "
              << out << std::endl;
    return 0;
}

} // namespace latentlab::cli
