#pragma once
// A check of a zip archive's central directory before LibTorch reads it. PyTorch's archives (checkpoints,
// TorchScript modules) are zips, and LibTorch allocates each record at the size the directory claims before it
// reads a byte of it: a forged size of 4 GB in a 40 KB file costs 4 GB. This reads only the directory (at the
// end of the file) and refuses a record that the file could not possibly hold.
#include <cstdint>
#include <functional>
#include <string>

namespace latentlab {

// Reads up to n bytes at pos into buf and returns how many it read.
using ReadAt = std::function<std::size_t(std::uint64_t pos, void* buf, std::size_t n)>;

// Throws BadInputError when the directory is missing or damaged, or when a record claims more bytes than the
// file holds (stored records) or than deflate could expand the file to (1032:1). The message is a clause
// ("its zip directory is damaged") for the caller to put after the file's name.
void checkZipRecordSizes(std::uint64_t fileSize, const ReadAt& read);

// The same for a file on disk (reads its end only).
void checkZipFileRecordSizes(const std::string& path);

} // namespace latentlab
