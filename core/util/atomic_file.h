#pragma once
#include <cstddef>
#include <string>

namespace latentlab {

// Writes the bytes to a temporary file beside path, flushes them to disk, then renames it over path. A process
// killed at any point, or a disk that fills up, leaves the previous file at path as it was. Throws IoError
// (naming the file and the system's reason) and removes the temporary file on failure.
void writeFileAtomically(const std::string& path, const char* data, std::size_t size);

} // namespace latentlab
