#include "app/cli/data_selection.h"

#include "core/data/load_dataset.h"
#include "core/util/errors.h"

#include <algorithm>

namespace latentlab::cli {

const std::set<std::string>& dataOptions()
{
    static const std::set<std::string> options{"data", "split", "label-column", "labels"};
    return options;
}

std::vector<std::int64_t> splitIndices(const Dataset& ds, const std::string& split)
{
    if (split == "all") {
        std::vector<std::int64_t> all(static_cast<std::size_t>(ds.size()));
        for (std::size_t i = 0; i < all.size(); ++i)
            all[i] = static_cast<std::int64_t>(i);
        return all;
    }
    std::vector<std::int64_t> part = split == "train" ? ds.split().train : ds.split().validation;
    std::sort(part.begin(), part.end());
    return part;
}

DataFallback dataFallbackOf(const DatasetFingerprint& trainedOn)
{
    return {trainedOn.path, trainedOn.labelColumn, trainedOn.labelsPath};
}

DataSelection selectData(const Args& args, const std::string& defaultSplit, const DataFallback& fallback)
{
    const std::string path = args.value("data", fallback.path);
    if (path.empty())
        throw BadInputError("--data PATH is required");
    // The training data's label settings also apply when the same file is named again with --data.
    const bool sameData = !args.has("data") || args.value("data") == fallback.path;
    LoadOptions options;
    options.labelColumn = args.value("label-column", sameData ? fallback.labelColumn : std::string());
    options.labelsPath = args.value("labels", sameData ? fallback.labelsPath : std::string());
    DataSelection sel;
    sel.dataset = loadDataset(path, options);
    sel.split = args.value("split");
    if (sel.split.empty())
        sel.split = defaultSplit == "test" && !sel.dataset.split().predefined ? "all" : defaultSplit;
    if (sel.split != "train" && sel.split != "test" && sel.split != "all")
        throw BadInputError("--split: '" + sel.split + "' is not one of train, test, all");
    sel.indices = splitIndices(sel.dataset, sel.split);
    if (sel.indices.empty())
        throw BadInputError("the " + sel.split + " split of " + sel.dataset.source + " is empty");
    return sel;
}

} // namespace latentlab::cli
