#include "core/data/selection_export.h"

#include "core/analysis/analysis_control.h"
#include "core/util/atomic_file.h"
#include "core/util/csv_field.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <stb/stb_image_write.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <unordered_set>

namespace fs = std::filesystem;

namespace latentlab {
namespace {

void checkSelection(const Dataset& data, const std::vector<std::int64_t>& indices)
{
    if (indices.empty())
        throw BadInputError("the selection is empty: there is nothing to export");
    for (const std::int64_t i : indices)
        if (i < 0 || i >= data.size())
            throw BadInputError("sample " + std::to_string(i) + " is not in the data (it has "
                                + std::to_string(data.size()) + ")");
    if (data.isImage() && (data.channels() < 1 || data.channels() > 4))
        throw BadInputError("the images have " + std::to_string(data.channels())
                            + " channels, and a PNG holds 1 to 4: export them as a table instead");
}

bool hasSampleNames(const Dataset& data)
{
    // A partial list would pair names with the wrong samples.
    return !data.sampleNames.empty() && static_cast<std::int64_t>(data.sampleNames.size()) == data.size();
}

std::string paddedIndex(std::int64_t index, std::int64_t count)
{
    std::size_t width = 5;
    width = std::max(width, std::to_string(std::max<std::int64_t>(count - 1, 0)).size());
    std::string s = std::to_string(index);
    return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
}

// The stem of a sample's original file: "shoes/boot/001.jpg" -> "001". Empty when nothing usable is left.
std::string originalStem(const std::string& name)
{
    const std::size_t slash = name.find_last_of("/\\");
    std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
    const std::size_t dot = base.find_last_of('.');
    if (dot != std::string::npos && dot > 0)
        base.resize(dot);
    return base == "." || base == ".." ? std::string() : base;
}

std::string lowered(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Sample i as 8-bit pixels, channels interleaved, as PNG stores them.
void interleaved(const Dataset& data, std::int64_t i, std::vector<float>& scratch, std::vector<std::uint8_t>& out)
{
    const int c = data.channels(), h = data.height(), w = data.width();
    const std::size_t plane = static_cast<std::size_t>(h) * w;
    out.resize(plane * c);
    if (const std::uint8_t* bytes = data.uint8Data()) {
        const std::uint8_t* src = bytes + static_cast<std::size_t>(i) * plane * c;
        for (std::size_t p = 0; p < plane; ++p)
            for (int k = 0; k < c; ++k)
                out[p * c + k] = src[k * plane + p];
        return;
    }
    scratch.resize(plane * c);
    data.sampleTo01(i, scratch.data());
    for (std::size_t p = 0; p < plane; ++p)
        for (int k = 0; k < c; ++k)
            out[p * c + k] = static_cast<std::uint8_t>(std::lround(std::clamp(scratch[k * plane + p], 0.0f, 1.0f) * 255.0f));
}

} // namespace

std::string selectionCsv(const Dataset& data, const std::vector<std::int64_t>& indices)
{
    const bool named = hasSampleNames(data);
    std::string out = "index,label,file\n";
    for (const std::int64_t i : indices) {
        if (i < 0 || i >= data.size())
            throw BadInputError("sample " + std::to_string(i) + " is not in the data (it has "
                                + std::to_string(data.size()) + ")");
        const auto u = static_cast<std::size_t>(i);
        out += std::to_string(i);
        out += ',';
        if (data.hasLabels())
            appendCsvField(out, data.classNames()[static_cast<std::size_t>(data.labels()[u])]);
        out += ',';
        if (named)
            appendCsvField(out, data.sampleNames[u]);
        out += '\n';
    }
    return out;
}

std::vector<std::string> selectionImageNames(const Dataset& data, const std::vector<std::int64_t>& indices)
{
    std::vector<std::string> names;
    if (!data.isImage())
        return names;
    const bool named = hasSampleNames(data);
    // Lower-cased: on macOS and Windows "A.png" and "a.png" are one file.
    std::unordered_set<std::string> taken;
    names.reserve(indices.size());
    for (const std::int64_t i : indices) {
        const std::string number = paddedIndex(i, data.size());
        const std::string stem = named ? originalStem(data.sampleNames[static_cast<std::size_t>(i)]) : std::string();
        const std::string base = stem.empty() ? number : stem;
        std::string name = base + ".png";
        for (int n = 1; !taken.insert(lowered(name)).second; ++n)
            name = number + "_" + base + (n > 1 ? "_" + std::to_string(n) : std::string()) + ".png";
        names.push_back(std::move(name));
    }
    return names;
}

SelectionExport exportSelection(const Dataset& data, const std::vector<std::int64_t>& indices,
                                const std::string& folder, const AnalysisControl* control)
{
    checkSelection(data, indices);
    const std::vector<std::string> names = selectionImageNames(data, indices);
    const std::string csv = selectionCsv(data, indices);
    prepareNewFolder(folder);

    SelectionExport result;
    result.csvPath = (fs::path(folder) / "selection.csv").string();
    writeFileAtomically(result.csvPath, csv.data(), csv.size());
    result.rows = static_cast<std::int64_t>(indices.size());

    std::vector<float> scratch;
    std::vector<std::uint8_t> pixels;
    const int c = data.channels(), h = data.height(), w = data.width();
    for (std::size_t k = 0; k < names.size(); ++k) {
        if (control && control->cancelled())
            throw AnalysisCancelled {};
        interleaved(data, indices[k], scratch, pixels);
        const std::string path = (fs::path(folder) / names[k]).string();
        errno = 0;
        if (!stbi_write_png(path.c_str(), w, h, c, pixels.data(), w * c))
            throw IoError(displayName(path) + ": cannot write the PNG"
                          + (errno ? std::string(" (") + std::strerror(errno) + ")" : std::string()));
        ++result.images;
        if (control && (k % 256 == 255 || k + 1 == names.size()))
            control->report(double(k + 1) / names.size(), "Writing images");
    }
    return result;
}

} // namespace latentlab
