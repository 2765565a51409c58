#include "core/analysis/layout_import.h"

#include "core/data/csv_text.h"
#include "core/data/npy_loader.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/text.h"

#include <torch/torch.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace latentlab {
namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string samplesText(std::int64_t n)
{
    return std::to_string(n) + (n == 1 ? " sample" : " samples");
}

std::string rowsText(std::int64_t n)
{
    return std::to_string(n) + (n == 1 ? " row" : " rows");
}

torch::Tensor readCsvLayout(const std::string& path, std::int64_t samples)
{
    const std::string name = displayName(path);
    const std::vector<CsvLine> lines = readCsvLines(path);
    const char delim = chooseCsvDelimiter(path, lines.front().text);
    std::vector<std::string> header = splitCsvFields(lines.front().text, delim);
    int column[3] = {-1, -1, -1}; // index, x, y
    const char* wanted[3] = {"index", "x", "y"};
    for (std::size_t c = 0; c < header.size(); ++c)
        for (int k = 0; k < 3; ++k)
            if (column[k] < 0 && lower(trimCsvCell(header[c])) == wanted[k])
                column[k] = static_cast<int>(c);
    for (int k = 0; k < 3; ++k)
        if (column[k] < 0)
            throw BadInputError(name + " has no column named " + wanted[k] + " (a layout's header names index, x and y; this one reads "
                                + quoteCsvCell(lines.front().text) + ")");
    const auto rows = static_cast<std::int64_t>(lines.size()) - 1;
    // Counted first: a file of another dataset is the likeliest mistake, and this names it best.
    if (rows != samples)
        throw BadInputError(name + " has " + rowsText(rows) + " but the dataset has " + samplesText(samples));

    torch::Tensor xy = torch::empty({samples, 2}, torch::kFloat32);
    float* out = xy.data_ptr<float>();
    std::vector<std::size_t> lineOf(static_cast<std::size_t>(samples), 0); // where each index was given
    const std::size_t needed = static_cast<std::size_t>(*std::max_element(column, column + 3)) + 1;
    for (std::size_t r = 1; r < lines.size(); ++r) {
        const CsvLine& line = lines[r];
        const std::string where = name + " line " + std::to_string(line.number);
        const std::vector<std::string> fields = splitCsvFields(line.text, delim);
        if (fields.size() < needed)
            throw BadInputError(where + " has " + std::to_string(fields.size()) + " fields but the header has "
                                + std::to_string(header.size()));
        const std::string indexCell = trimCsvCell(fields[static_cast<std::size_t>(column[0])]);
        long long index = -1;
        const char* end = indexCell.data() + indexCell.size();
        const auto [p, ec] = std::from_chars(indexCell.data(), end, index);
        if (indexCell.empty() || ec != std::errc() || p != end)
            throw BadInputError(where + ": index " + quoteCsvCell(indexCell) + " is not a whole number");
        if (index < 0 || index >= samples)
            throw BadInputError(where + ": index " + std::to_string(index) + " is out of range (the dataset's samples are 0.."
                                + std::to_string(samples - 1) + ")");
        std::size_t& seen = lineOf[static_cast<std::size_t>(index)];
        if (seen != 0)
            throw BadInputError(where + ": index " + std::to_string(index) + " is given twice (also on line "
                                + std::to_string(seen) + ")");
        seen = line.number;
        for (int k = 1; k < 3; ++k) {
            const std::string cell = trimCsvCell(fields[static_cast<std::size_t>(column[k])]);
            double v = 0.0;
            switch (parseCsvNumber(cell, &v)) {
            case CsvNumber::Ok: break;
            case CsvNumber::NotFinite:
                throw BadInputError(where + ", column " + wanted[k] + ": " + quoteCsvCell(cell) + " is not a finite number");
            case CsvNumber::NotANumber:
                throw BadInputError(where + ", column " + wanted[k] + ": " + quoteCsvCell(cell) + " is not a number");
            }
            // A double beyond float's range would turn infinite on the plot.
            if (std::abs(v) > 3.0e38)
                throw BadInputError(where + ", column " + wanted[k] + ": " + quoteCsvCell(cell) + " is too large for a layout");
            out[2 * index + (k - 1)] = static_cast<float>(v);
        }
    }
    // As many rows as samples, none out of range and none twice: every index is there.
    return xy;
}

torch::Tensor readNpyLayout(const std::string& path, std::int64_t samples)
{
    const std::string name = displayName(path);
    const NpyHeader h = readNpyHeader(path);
    if (h.descr != "<f4" && h.descr != "<f8" && h.descr != "=f4" && h.descr != "=f8")
        throw BadInputError(name + ": dtype '" + h.descr + "' is not a layout's (save it as float32 or float64)");
    if (h.shape.size() != 2 || h.shape[1] != 2) {
        std::string shape = "(";
        for (std::size_t i = 0; i < h.shape.size(); ++i)
            shape += (i ? ", " : "") + std::to_string(h.shape[i]);
        shape += h.shape.size() == 1 ? ",)" : ")";
        throw BadInputError(name + " has shape " + shape + " but a layout is (N, 2): one x, y row per sample");
    }
    const auto rows = static_cast<std::int64_t>(h.shape[0]);
    if (rows != samples)
        throw BadInputError(name + " has " + rowsText(rows) + " but the dataset has " + samplesText(samples));
    const std::vector<std::uint8_t> bytes = readAllBytes(path);
    const std::size_t size = h.descr[2] == '4' ? 4 : 8;
    const std::size_t count = static_cast<std::size_t>(rows) * 2;
    // readNpyHeader checked that the data fills the file exactly.
    if (bytes.size() < h.dataOffset + count * size)
        throw BadInputError(name + ": the file ends before the data its header describes");
    torch::Tensor xy = torch::empty({samples, 2}, torch::kFloat32);
    float* out = xy.data_ptr<float>();
    const std::uint8_t* in = bytes.data() + h.dataOffset;
    for (std::size_t i = 0; i < count; ++i) {
        double v = 0.0;
        if (size == 4) {
            float f = 0.0f;
            std::memcpy(&f, in + i * 4, 4);
            v = f;
        } else {
            std::memcpy(&v, in + i * 8, 8);
        }
        if (!std::isfinite(v) || std::abs(v) > 3.0e38)
            throw BadInputError(name + " row " + std::to_string(i / 2) + ": " + (i % 2 ? "y" : "x")
                                + " is not a finite number");
        out[i] = static_cast<float>(v);
    }
    return xy;
}

} // namespace

torch::Tensor readLayout(const std::string& path, std::int64_t samples)
{
    if (samples < 1)
        throw BadInputError(displayName(path) + ": there are no samples to lay out");
    return endsWith(lower(path), ".npy") ? readNpyLayout(path, samples) : readCsvLayout(path, samples);
}

} // namespace latentlab
