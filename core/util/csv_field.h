#pragma once
// One field of a CSV row, as every CSV LatentLab writes spells it (RFC 4180): a field holding a comma, a quote
// or a line break is quoted, its quotes doubled; any other is written as it is.
#include <string>

namespace latentlab {

inline void appendCsvField(std::string& out, const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

} // namespace latentlab
