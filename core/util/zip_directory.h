#pragma once
// Reading a zip archive's central directory before LibTorch does. PyTorch's archives (checkpoints, TorchScript
// modules) are zips, and LibTorch allocates each record at the size the directory claims before it reads a byte
// of it: a forged size of 4 GB in a 40 KB file costs 4 GB. This reads only the directory (at the end of the file)
// and refuses a record that the file could not possibly hold; the caller can then read the records it wants to
// check itself (the pickles, see util/torch_archive_check.h).
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace latentlab {

// Reads up to n bytes at pos into buf and returns how many it read.
using ReadAt = std::function<std::size_t(std::uint64_t pos, void* buf, std::size_t n)>;

struct ZipRecord {
    std::string name;
    std::uint64_t method = 0;          // 0 stored, 8 deflated
    std::uint64_t packedSize = 0;      // bytes in the file
    std::uint64_t unpackedSize = 0;    // bytes once extracted
    std::uint64_t localHeader = 0;     // where the record's local header starts
};

// The records of the archive. Throws BadInputError when the directory is missing or damaged, or when a record
// claims more bytes than the file holds (stored records) or than deflate could expand the file to (1032:1).
// Messages are clauses ("its zip directory is damaged") for the caller to put after the file's name.
std::vector<ZipRecord> readZipDirectory(std::uint64_t fileSize, const ReadAt& read);

// The bytes of a record, stored or deflated (PyTorch deflates the debug_pkl of TorchScript's sources). Throws
// BadInputError, a clause about the record ("it has no local header where the zip directory says").
std::vector<std::uint8_t> readRecord(std::uint64_t fileSize, const ReadAt& read, const ZipRecord& record);

// A file on disk opened for ReadAt; throws BadInputError (a clause) when it cannot be opened or sized.
class ZipFileReader {
public:
    explicit ZipFileReader(const std::string& path);
    std::uint64_t size() const { return size_; }
    const ReadAt& readAt() const { return read_; }

private:
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
    std::uint64_t size_ = 0;
    ReadAt read_;
};

// A ReadAt over bytes in memory; a request past the end gets the bytes that exist.
ReadAt memoryReadAt(const std::vector<std::uint8_t>& bytes);

} // namespace latentlab
