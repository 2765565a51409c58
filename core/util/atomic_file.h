#pragma once
#include <cstddef>
#include <string>

namespace latentlab {

// Writes the bytes to a temporary file beside path, flushes them to disk, then renames it over path. A process
// killed at any point, or a disk that fills up, leaves the previous file at path as it was. Throws IoError
// (naming the file and the system's reason) and removes the temporary file on failure.
void writeFileAtomically(const std::string& path, const char* data, std::size_t size);

// The same, for a file that must be new: the finished temporary file is linked to path, which fails if any
// file is there by then (even one that appeared after the caller looked), so nothing is ever replaced.
// Throws BadInputError when path exists, IoError for anything else.
void writeNewFileAtomically(const std::string& path, const char* data, std::size_t size);

} // namespace latentlab
