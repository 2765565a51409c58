#include "core/data/table_writer.h"

#include "core/util/atomic_file.h"
#include "core/util/errors.h"

#include <cstdio>
#include <cstring>

namespace latentlab {

void writeCsv(const std::string& path, const FloatMatrix& m, const std::vector<std::string>& names,
              const std::vector<std::pair<std::string, std::vector<std::int64_t>>>& leading)
{
    std::string out;
    out.reserve(static_cast<std::size_t>(m.rows * (m.cols + 2) * 12));
    std::string header;
    for (const auto& col : leading)
        header += (header.empty() ? "" : ",") + col.first;
    for (const auto& n : names)
        header += (header.empty() ? "" : ",") + n;
    out += header + "\n";
    char buf[32];
    for (std::int64_t r = 0; r < m.rows; ++r) {
        bool first = true;
        for (const auto& col : leading) {
            out += first ? "" : ",";
            out += std::to_string(col.second[static_cast<std::size_t>(r)]);
            first = false;
        }
        for (std::int64_t c = 0; c < m.cols; ++c) {
            // %.9g round-trips every float exactly.
            const int n = std::snprintf(buf, sizeof buf, "%s%.9g", first ? "" : ",", m.data[r * m.cols + c]);
            out.append(buf, static_cast<std::size_t>(n));
            first = false;
        }
        out += '\n';
    }
    writeFileAtomically(path, out.data(), out.size());
}

void writeNpy(const std::string& path, const FloatMatrix& m)
{
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(m.rows) + ", "
                         + std::to_string(m.cols) + "), }";
    // Magic (6) + version (2) + length (2) + header + '\n' padded to a multiple of 64.
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(header.size() & 0xff);
    out += static_cast<char>((header.size() >> 8) & 0xff);
    out += header;
    const std::size_t bytes = static_cast<std::size_t>(m.rows * m.cols) * sizeof(float);
    const std::size_t at = out.size();
    out.resize(at + bytes);
    if (bytes)
        std::memcpy(&out[at], m.data, bytes); // x86 and ARM Linux are little-endian, as '<f4' says
    writeFileAtomically(path, out.data(), out.size());
}

} // namespace latentlab
