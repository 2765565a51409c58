#include "util/printable.h"

namespace latentlab {

std::string printable(const std::string& text, std::size_t maxLength)
{
    std::string out = text.size() > maxLength ? text.substr(0, maxLength) + "..." : text;
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            c = '?';
    return out;
}

} // namespace latentlab
