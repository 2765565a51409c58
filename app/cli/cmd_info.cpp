#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/data/dataset_info.h"
#include "core/data/load_dataset.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace latentlab::cli {

int runInfo(const std::vector<std::string>& argv)
{
    const Args args(argv, {"json"}, {"labels", "label-column"});
    if (args.positional().size() != 1)
        throw BadInputError("info takes one dataset path (usage: latentlab-cli info PATH [--json] [--labels FILE] [--label-column NAME])");
    LoadOptions options;
    options.labelsPath = args.value("labels");
    options.labelColumn = args.value("label-column");
    const Dataset ds = loadDataset(args.positional().front(), options);
    if (args.has("json"))
        std::cout << datasetInfoJson(ds).dump(2) << "\n";
    else
        std::cout << datasetInfoText(ds);
    return 0;
}

} // namespace latentlab::cli
