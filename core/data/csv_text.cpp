#include "core/data/csv_text.h"

#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/printable.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>

namespace latentlab {

std::vector<CsvLine> readCsvLines(const std::string& path)
{
    const std::string name = displayName(path);
    const std::vector<std::uint8_t> bytes = readAllBytes(path);
    if (bytes.empty())
        throw BadInputError(name + ": the file is empty");
    std::string text(bytes.begin(), bytes.end());
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        text.erase(0, 3);
    if (text.find('\0') != std::string::npos)
        throw BadInputError(name + ": not a text file (it holds binary data)");

    std::vector<CsvLine> lines;
    std::size_t start = 0, number = 1;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!trimCsvCell(line).empty())
            lines.push_back({number, std::move(line)});
        start = end + 1;
        ++number;
    }
    if (lines.empty())
        throw BadInputError(name + ": the file holds only blank lines");
    return lines;
}

char chooseCsvDelimiter(const std::string& path, const std::string& header)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".tsv")
        return '\t';
    std::size_t tabs = 0, commas = 0;
    bool quoted = false;
    for (const char c : header) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == '\t')
            ++tabs;
        else if (!quoted && c == ',')
            ++commas;
    }
    return tabs > commas ? '\t' : ',';
}

std::vector<std::string> splitCsvFields(const std::string& line, char delim)
{
    std::vector<std::string> fields;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == delim) {
            fields.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    fields.push_back(std::move(cur));
    return fields;
}

std::vector<CsvSpan> splitCsvFieldSpans(const std::string& line, char delim)
{
    // The same walk as splitCsvFields, so both agree on where a quoted delimiter belongs.
    std::vector<CsvSpan> spans;
    std::size_t begin = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
                ++i;
            else if (c == '"')
                quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == delim) {
            spans.push_back({begin, i});
            begin = i + 1;
        }
    }
    spans.push_back({begin, line.size()});
    return spans;
}

std::string trimCsvCell(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::string quoteCsvCell(const std::string& s)
{
    return "'" + printable(s, 40) + "'";
}

CsvNumber parseCsvNumber(const std::string& cell, double* out)
{
    if (cell.empty())
        return CsvNumber::NotANumber;
    const char* begin = cell.data() + (cell[0] == '+' ? 1 : 0);
    const char* end = cell.data() + cell.size();
    const auto [p, ec] = std::from_chars(begin, end, *out);
    // from_chars reads "nan" and "inf" as numbers: a cell that starts as one is called what it is.
    if (ec == std::errc() && !std::isfinite(*out))
        return CsvNumber::NotFinite;
    return ec == std::errc() && p == end ? CsvNumber::Ok : CsvNumber::NotANumber;
}

} // namespace latentlab
