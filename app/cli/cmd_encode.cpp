// latentlab-cli encode: the latent of every selected sample, in dataset order, as CSV or .npy: the
// dimensionality-reduction use (the file opens in pandas or numpy); with --projector, also (or instead) the
// files TensorBoard's Embedding Projector opens, written by the same core function as the window's export.
#include "app/cli/commands.h"
#include "app/cli/model_input.h"
#include "core/analysis/encode_all.h"
#include "core/analysis/projector_export.h"
#include "core/data/table_writer.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/text.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace latentlab::cli {

int runEncode(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "out", "projector", "threads", "batch"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json", "sample"}, options);
    if (!args.positional().empty())
        throw BadInputError("encode takes only options (see latentlab-cli encode --help)");
    const std::string out = args.value("out");
    const std::string projector = args.value("projector");
    if (args.has("projector") && projector.empty())
        throw BadInputError("--projector must name a folder for the Embedding Projector's files");
    const bool npy = endsWith(out, ".npy");
    if (out.empty() && projector.empty())
        throw BadInputError("--out must name a .csv or .npy file for the latents (or --projector a folder)");
    if (!out.empty() && !(npy || endsWith(out, ".csv")))
        throw BadInputError("--out must name a .csv or .npy file for the latents");
    if (!projector.empty())
        checkProjectorFolder(projector); // before the encoding, which may take a while
    ModelAndData in = openModelAndData(args, "test");
    const torch::Tensor z = encodeAll(*in.model.model, in.data.dataset, in.data.indices,
                                      args.has("sample") ? LatentChoice::Sample : LatentChoice::Mean,
                                      args.integer("batch", 1000, 1, 65536))
                                .contiguous();
    const FloatMatrix m{z.data_ptr<float>(), z.size(0), z.size(1)};
    // Before --out: a folder that holds its files by now is refused with nothing written.
    ProjectorExport exported;
    if (!projector.empty())
        exported = writeProjectorExport(projector, z, in.data.dataset, in.data.indices, {},
                                        displayName(args.value("model")) + " latents");
    if (npy) {
        writeNpy(out, m);
    } else if (!out.empty()) {
        std::vector<std::string> names;
        for (std::int64_t d = 0; d < m.cols; ++d)
            names.push_back("z" + std::to_string(d));
        std::vector<std::pair<std::string, std::vector<std::int64_t>>> leading{{"index", in.data.indices}};
        if (in.data.dataset.hasLabels()) {
            std::vector<std::int64_t> labels;
            for (const auto i : in.data.indices)
                labels.push_back(in.data.dataset.labels()[static_cast<std::size_t>(i)]);
            leading.emplace_back("label", std::move(labels));
        }
        writeCsv(out, m, names, leading);
    }
    std::string files;
    for (const auto& f : exported.files)
        files += (files.empty() ? "" : ", ") + f;
    if (args.has("json")) {
        // ordered_json: the keys in the order they always came, and paths escaped whatever they hold.
        nlohmann::ordered_json j{{"out", out}, {"rows", m.rows}, {"dims", m.cols}};
        if (!projector.empty()) {
            j["projector"] = projector;
            j["files"] = exported.files;
        }
        std::cout << j.dump() << std::endl;
    } else {
        if (!out.empty())
            std::cout << "wrote " << m.rows << " latents of " << m.cols << " dimensions to " << out << std::endl;
        if (!projector.empty())
            std::cout << "wrote " << m.rows << " latents of " << m.cols << " dimensions for the Embedding Projector to "
                      << projector << " (" << files << ")" << std::endl;
    }
    return 0;
}

} // namespace latentlab::cli
