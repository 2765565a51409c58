#include "core/data/index_file.h"

#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/printable.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

namespace latentlab {
namespace {

std::string trimmed(std::string s)
{
    const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), space));
    s.erase(std::find_if_not(s.rbegin(), s.rend(), space).base(), s.end());
    return s;
}

// CSV fields of one line, quotes removed ("a,b" stays one field; "" inside quotes is a quote).
std::vector<std::string> csvFields(const std::string& line)
{
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    for (auto& f : fields)
        f = trimmed(f);
    return fields;
}

bool parseIndex(const std::string& field, std::int64_t& out)
{
    const char* first = field.data();
    const char* last = first + field.size();
    const auto [p, ec] = std::from_chars(first, last, out);
    return first != last && ec == std::errc() && p == last && out >= 0;
}

} // namespace

std::vector<std::int64_t> parseIndexText(const std::string& text, const std::string& name)
{
    std::vector<std::int64_t> out;
    std::size_t column = 0; // of `index`, once a header names it
    bool header = false, first = true;
    std::size_t lineNo = 0, start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = trimmed(text.substr(start, end - start));
        start = end + 1;
        ++lineNo;
        if (line.empty() || line[0] == '#')
            continue;
        const std::vector<std::string> fields = csvFields(line);
        std::int64_t value = 0;
        if (first) {
            first = false;
            if (fields.size() == 1 && parseIndex(fields[0], value)) {
                out.push_back(value);
                continue;
            }
            const auto it = std::find(fields.begin(), fields.end(), "index");
            if (it == fields.end())
                throw BadInputError(name + ": line " + std::to_string(lineNo)
                                    + " is neither an index nor a CSV header with an \"index\" column");
            header = true;
            column = static_cast<std::size_t>(it - fields.begin());
            continue;
        }
        const std::string field = header ? (column < fields.size() ? fields[column] : std::string()) : line;
        if (!parseIndex(field, value))
            throw BadInputError(name + ": line " + std::to_string(lineNo) + ": \"" + printable(field)
                                + "\" is not a sample index (a whole number from 0)");
        out.push_back(value);
    }
    if (out.empty())
        throw BadInputError(name + " lists no sample indices");
    return out;
}

std::vector<std::int64_t> readIndexFile(const std::string& path)
{
    // A million indices take under 10 MB; a file far larger is not a list of them.
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > (std::uintmax_t{1} << 28))
        throw BadInputError(displayName(path) + " is too large to be a list of sample indices");
    const std::vector<std::uint8_t> bytes = readAllBytes(path);
    return parseIndexText(std::string(bytes.begin(), bytes.end()), displayName(path));
}

} // namespace latentlab
