// latentlab-cli encode: the latent of every selected sample, in dataset order, as CSV or .npy: the
// dimensionality-reduction use (the file opens in pandas or numpy).
#include "app/cli/commands.h"
#include "app/cli/model_input.h"
#include "core/analysis/encode_all.h"
#include "core/data/table_writer.h"
#include "core/util/errors.h"
#include "core/util/text.h"

#include <iostream>

namespace latentlab::cli {

int runEncode(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "out", "threads", "batch"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json", "sample"}, options);
    if (!args.positional().empty())
        throw BadInputError("encode takes only options (see latentlab-cli encode --help)");
    const std::string out = args.value("out");
    const bool npy = endsWith(out, ".npy");
    if (out.empty() || !(npy || endsWith(out, ".csv")))
        throw BadInputError("--out must name a .csv or .npy file for the latents");
    ModelAndData in = openModelAndData(args, "test");
    const torch::Tensor z = encodeAll(*in.model.model, in.data.dataset, in.data.indices,
                                      args.has("sample") ? LatentChoice::Sample : LatentChoice::Mean,
                                      args.integer("batch", 1000, 1, 65536))
                                .contiguous();
    const FloatMatrix m{z.data_ptr<float>(), z.size(0), z.size(1)};
    if (npy) {
        writeNpy(out, m);
    } else {
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
    if (args.has("json"))
        std::cout << "{\"out\": \"" << out << "\", \"rows\": " << m.rows << ", \"dims\": " << m.cols << "}" << std::endl;
    else
        std::cout << "wrote " << m.rows << " latents of " << m.cols << " dimensions to " << out << std::endl;
    return 0;
}

} // namespace latentlab::cli
