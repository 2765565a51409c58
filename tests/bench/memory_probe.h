#pragma once
// Peak resident memory of this process, read from /proc, with a way to reset the peak so one operation's
// high-water mark can be measured on its own.
#include <fstream>
#include <string>

namespace latentlab::bench {

inline long procStatusKb(const std::string& key)
{
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key + ":", 0) == 0)
            return std::stol(line.substr(key.size() + 1));
    return -1;
}

// Writing 5 to clear_refs resets VmHWM to the current RSS (Linux >= 4.0).
inline bool resetPeakRss()
{
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    return static_cast<bool>(out);
}

} // namespace latentlab::bench
