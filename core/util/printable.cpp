#include "core/util/printable.h"

namespace latentlab {

std::string printable(const std::string& text, std::size_t maxLength)
{
    std::string out = text;
    if (out.size() > maxLength) {
        std::size_t cut = maxLength;
        // Back off over continuation bytes (10xxxxxx) so the cut falls between characters.
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut;
        out = out.substr(0, cut) + "...";
    }
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0x7f)
            c = '?';
    return out;
}

} // namespace latentlab
