#include "core/data/class_subset.h"

#include "core/util/errors.h"

#include <algorithm>
#include <sstream>

namespace latentlab {
namespace {

bool contains(const std::vector<int>& sorted, int c)
{
    return std::binary_search(sorted.begin(), sorted.end(), c);
}

std::vector<int> sortedUnique(std::vector<int> classes)
{
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    return classes;
}

} // namespace

void checkClasses(const Dataset& ds, const std::vector<int>& classes, const std::string& what)
{
    if (!ds.hasLabels())
        throw BadInputError(what + " needs labelled data, and " + ds.source + " has no labels");
    for (const int c : classes)
        if (c < 0 || c >= ds.numClasses())
            throw BadInputError(what + ": class " + std::to_string(c) + " is not one of the "
                                + std::to_string(ds.numClasses()) + " classes of " + ds.source);
}

std::vector<int> parseClassList(const Dataset& ds, const std::string& text, const std::string& what)
{
    if (!ds.hasLabels())
        throw BadInputError(what + " needs labelled data, and " + ds.source + " has no labels");
    std::vector<int> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        const auto& names = ds.classNames();
        const auto named = std::find(names.begin(), names.end(), item);
        if (named != names.end()) {
            out.push_back(static_cast<int>(named - names.begin()));
            continue;
        }
        std::size_t used = 0;
        long long v = -1;
        try {
            v = std::stoll(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (item.empty() || used != item.size())
            throw BadInputError(what + ": '" + item + "' is neither a class index nor one of the class names of "
                                + ds.source);
        if (v < 0 || v >= ds.numClasses())
            throw BadInputError(what + ": class " + item + " is not one of the " + std::to_string(ds.numClasses())
                                + " classes of " + ds.source);
        out.push_back(static_cast<int>(v));
    }
    if (out.empty())
        throw BadInputError(what + ": give at least one class, like 0,2,3");
    return sortedUnique(std::move(out));
}

std::vector<int> otherClasses(int numClasses, const std::vector<int>& classes)
{
    const std::vector<int> sorted = sortedUnique(classes);
    std::vector<int> out;
    for (int c = 0; c < numClasses; ++c)
        if (!contains(sorted, c))
            out.push_back(c);
    return out;
}

std::vector<std::int64_t> samplesOfClasses(const Dataset& ds, const std::vector<std::int64_t>& indices,
                                           const std::vector<int>& classes)
{
    const std::vector<std::uint8_t> member = classMembership(ds, indices, classes);
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < indices.size(); ++i)
        if (member[i])
            out.push_back(indices[i]);
    return out;
}

std::vector<std::uint8_t> classMembership(const Dataset& ds, const std::vector<std::int64_t>& indices,
                                          const std::vector<int>& classes)
{
    checkClasses(ds, classes, "selecting classes");
    const std::vector<int> sorted = sortedUnique(classes);
    const auto& labels = ds.labels();
    std::vector<std::uint8_t> out(indices.size());
    for (std::size_t i = 0; i < indices.size(); ++i) {
        const std::int64_t s = indices[i];
        if (s < 0 || s >= ds.size())
            throw BadInputError("sample index " + std::to_string(s) + " is outside " + ds.source);
        out[i] = contains(sorted, labels[static_cast<std::size_t>(s)]) ? 1 : 0;
    }
    return out;
}

void restrictSplitToClasses(Dataset& ds, const std::vector<int>& classes)
{
    ds.setSplit(splitRestrictedToClasses(ds, ds.split(), classes));
}

Split splitRestrictedToClasses(const Dataset& ds, Split split, const std::vector<int>& classes)
{
    checkClasses(ds, classes, "the normal classes");
    split.train = samplesOfClasses(ds, split.train, classes);
    split.validation = samplesOfClasses(ds, split.validation, classes);
    if (split.train.empty())
        throw BadInputError("no training sample of " + ds.source + " is in the classes " + classListText(classes));
    return split;
}

std::string classListText(const std::vector<int>& classes)
{
    std::string out;
    for (const int c : classes)
        out += (out.empty() ? "" : ",") + std::to_string(c);
    return out;
}

} // namespace latentlab
