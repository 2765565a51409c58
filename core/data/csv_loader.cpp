#include "core/data/csv_loader.h"

#include "core/data/csv_text.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/printable.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>

namespace latentlab {
namespace {

bool parseInt(const std::string& s, long long* out)
{
    const char* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, *out);
    return ec == std::errc() && p == end;
}

} // namespace

Dataset loadCsv(const std::string& path, const std::string& labelColumn)
{
    const std::string name = displayName(path);
    const std::vector<CsvLine> lines = readCsvLines(path); // (line number, text), blank lines dropped

    const std::string& headerLine = lines.front().text;
    const char delim = chooseCsvDelimiter(path, headerLine);
    std::vector<std::string> header = splitCsvFields(headerLine, delim);
    for (auto& h : header)
        h = trimCsvCell(h);
    const std::size_t columns = header.size();

    int labelIndex = -1;
    if (!labelColumn.empty()) {
        const auto it = std::find(header.begin(), header.end(), labelColumn);
        if (it == header.end()) {
            std::string list;
            for (std::size_t i = 0; i < header.size() && i < 8; ++i)
                list += (i ? ", " : "") + header[i];
            if (header.size() > 8)
                list += ", ...";
            throw BadInputError(name + ": no column named " + quoteCsvCell(labelColumn) + " (columns: " + printable(list, 200) + ")");
        }
        labelIndex = static_cast<int>(it - header.begin());
    }
    const std::size_t features = columns - (labelIndex >= 0 ? 1 : 0);
    if (features == 0)
        throw BadInputError(name + ": there is no feature column besides the label column");
    if (lines.size() < 2)
        throw BadInputError(name + ": the file has a header but no data rows");

    const std::size_t rows = lines.size() - 1;
    std::vector<float> values;
    values.reserve(rows * features);
    std::vector<std::string> labelText;
    std::vector<double> lo(features, std::numeric_limits<double>::infinity());
    std::vector<double> hi(features, -std::numeric_limits<double>::infinity());
    std::vector<double> all;
    all.reserve(rows * features);

    for (std::size_t r = 1; r < lines.size(); ++r) {
        const auto& [number, line] = lines[r];
        const std::vector<std::string> fields = splitCsvFields(line, delim);
        const std::string where = name + ": line " + std::to_string(number);
        if (fields.size() != columns)
            throw BadInputError(where + " has " + std::to_string(fields.size()) + " fields but the header has "
                                + std::to_string(columns));
        std::size_t f = 0;
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string cell = trimCsvCell(fields[c]);
            if (static_cast<int>(c) == labelIndex) {
                if (cell.empty())
                    throw BadInputError(where + ", column " + quoteCsvCell(header[c]) + ": the label is empty");
                labelText.push_back(cell);
                continue;
            }
            // Built only for a message: this loop runs once per cell.
            const auto col = [&] { return where + ", column " + quoteCsvCell(header[c]); };
            if (cell.empty())
                throw BadInputError(col() + ": the cell is empty (missing values are not supported)");
            double v = 0.0;
            switch (parseCsvNumber(cell, &v)) {
            case CsvNumber::Ok: break;
            case CsvNumber::NotFinite: throw BadInputError(col() + ": " + quoteCsvCell(cell) + " is not a finite number");
            case CsvNumber::NotANumber: throw BadInputError(col() + ": " + quoteCsvCell(cell) + " is not a number");
            }
            lo[f] = std::min(lo[f], v);
            hi[f] = std::max(hi[f], v);
            all.push_back(v);
            ++f;
        }
    }

    std::vector<ValueRange> ranges(features);
    std::vector<std::string> featureNames;
    for (std::size_t c = 0; c < columns; ++c)
        if (static_cast<int>(c) != labelIndex)
            featureNames.push_back(header[c].empty() ? "column " + std::to_string(c + 1) : header[c]);
    for (std::size_t f = 0; f < features; ++f)
        ranges[f] = {lo[f], hi[f]};
    for (std::size_t i = 0; i < all.size(); ++i) {
        const ValueRange& r = ranges[i % features];
        const double span = r.max - r.min;
        values.push_back(span > 0 ? static_cast<float>((all[i] - r.min) / span) : 0.0f);
    }
    all = {};

    Dataset ds = Dataset::fromTable(std::move(values), static_cast<std::int64_t>(rows), static_cast<std::int64_t>(features),
                                    std::move(ranges), std::move(featureNames));
    ds.source = path;
    ds.format = delim == '\t' ? "tsv" : "csv";
    if (labelIndex >= 0) {
        // Classes in a stable order: numerically when every label is an integer, else alphabetically.
        std::vector<std::string> names(labelText.begin(), labelText.end());
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        const bool numeric = std::all_of(names.begin(), names.end(), [](const std::string& s) {
            long long v = 0;
            return parseInt(s, &v);
        });
        if (numeric)
            std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
                long long x = 0, y = 0;
                parseInt(a, &x);
                parseInt(b, &y);
                return x < y;
            });
        std::map<std::string, std::int32_t> index;
        for (std::size_t i = 0; i < names.size(); ++i)
            index[names[i]] = static_cast<std::int32_t>(i);
        std::vector<std::int32_t> labels;
        labels.reserve(labelText.size());
        for (const auto& t : labelText)
            labels.push_back(index[t]);
        ds.setLabels(std::move(labels), std::move(names));
        ds.labelColumn = header[static_cast<std::size_t>(labelIndex)];
    }
    return ds;
}

} // namespace latentlab
