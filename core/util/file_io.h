#pragma once
// Reading files whole or in part, transparently gunzipping, with every size checked before it is allocated.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

// The name shown in messages: the file name alone, so a message stays one readable line.
std::string displayName(const std::string& path);

bool isGzipFile(const std::string& path);

// A byte source over a raw or gzipped file. read() fills exactly n bytes or reports how many it got.
class ByteReader {
public:
    explicit ByteReader(const std::string& path);
    ~ByteReader();
    ByteReader(const ByteReader&) = delete;
    ByteReader& operator=(const ByteReader&) = delete;

    // Returns the number of bytes actually read (less than n only at the end of the data).
    // Throws BadInputError when the gzip stream is corrupt or truncated.
    std::size_t read(void* dst, std::size_t n);
    // True once the underlying data is exhausted.
    bool atEnd();

    bool gzipped() const { return gzipped_; }
    // Size of the file on disk (compressed size for gzip).
    std::uint64_t fileSize() const { return fileSize_; }
    // Upper bound on how many bytes this source can yield: the file size when raw, and for gzip the
    // largest output deflate can produce from this input (a ratio of 1032:1), so a header that claims more
    // is rejected before anything is allocated.
    std::uint64_t maxDecodedSize() const;
    const std::string& path() const { return path_; }

private:
    std::string path_;
    bool gzipped_ = false;
    std::uint64_t fileSize_ = 0;
    void* handle_ = nullptr; // gzFile or FILE*
};

std::vector<std::uint8_t> readAllBytes(const std::string& path);

// A folder to write new files into: missing or empty. BadInputError (in one sentence) when it is a file or holds
// anything, so that nothing of the user's is ever replaced.
void checkNewFolder(const std::string& folder);
// checkNewFolder, then makes the folder when missing (IoError when it cannot be made).
void prepareNewFolder(const std::string& folder);

// checked arithmetic for sizes taken from file headers
bool mulOverflows(std::uint64_t a, std::uint64_t b, std::uint64_t* out);

} // namespace latentlab
