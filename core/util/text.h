#pragma once
// Small string tests shared by core and the CLI (file extensions, archive record names).
#include <string>

namespace latentlab {

inline bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace latentlab
