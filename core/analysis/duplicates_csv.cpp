#include "core/analysis/duplicates_csv.h"

#include "core/util/atomic_file.h"
#include "core/util/csv_field.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <cstdio>
#include <filesystem>

namespace latentlab {

std::string splitPartName(SplitPart part)
{
    switch (part) {
    case SplitPart::Train:
        return "train";
    case SplitPart::Validation:
        return "test";
    case SplitPart::Neither:
        return "none";
    }
    return "none";
}

std::string duplicateGroupsCsv(const Dataset& data, const DuplicateReport& report)
{
    // Image folders name every sample; a partial list would pair names with the wrong samples.
    const bool named = static_cast<std::int64_t>(data.sampleNames.size()) == data.size();
    std::vector<SplitPart> parts(static_cast<std::size_t>(data.size()), SplitPart::Neither);
    for (const std::int64_t i : data.split().train)
        parts[static_cast<std::size_t>(i)] = SplitPart::Train;
    for (const std::int64_t i : data.split().validation)
        parts[static_cast<std::size_t>(i)] = SplitPart::Validation;

    std::string out = "group,index,split,file,distance,exact\n";
    char number[64];
    std::size_t group = 0;
    for (const DuplicateGroup& g : report.groups) {
        ++group;
        for (const DuplicateMember& m : g.members) {
            if (m.index < 0 || m.index >= data.size())
                throw BadInputError("sample index " + std::to_string(m.index) + " of a duplicate group is outside "
                                    + data.source);
            const auto u = static_cast<std::size_t>(m.index);
            out += std::to_string(group);
            out += ',';
            out += std::to_string(m.index);
            out += ',';
            out += splitPartName(parts[u]);
            out += ',';
            if (named)
                appendCsvField(out, data.sampleNames[u]);
            const int n = std::snprintf(number, sizeof number, ",%.9g,%d\n", m.distance, m.exact ? 1 : 0);
            out.append(number, static_cast<std::size_t>(n));
        }
    }
    return out;
}

bool isDatasetFile(const Dataset& data, const std::string& path)
{
    namespace fs = std::filesystem;
    if (data.source.empty() || path.empty())
        return false;
    std::error_code ec;
    if (fs::equivalent(path, data.source, ec))
        return true;
    if (!fs::is_directory(data.source, ec) || !fs::exists(path, ec))
        return false;
    // An existing file anywhere under the dataset's folder may be one it reads (an IDX part, an image).
    const fs::path folder = fs::canonical(data.source, ec);
    const fs::path target = fs::canonical(path, ec);
    if (ec)
        return false;
    const fs::path inside = target.lexically_relative(folder);
    return !inside.empty() && *inside.begin() != "..";
}

void writeDuplicateGroupsCsv(const std::string& path, const Dataset& data, const DuplicateReport& report)
{
    if (isDatasetFile(data, path))
        throw BadInputError(displayName(path) + " is a file of the dataset " + displayName(data.source)
                            + "; write the groups to a new file");
    const std::string text = duplicateGroupsCsv(data, report);
    writeFileAtomically(path, text.data(), text.size());
}

} // namespace latentlab
