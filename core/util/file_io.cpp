#include "core/util/file_io.h"

#include "core/util/errors.h"
#include "core/util/printable.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>

namespace fs = std::filesystem;

namespace latentlab {

std::string displayName(const std::string& path)
{
    // Names go into one-line messages: a newline or escape byte in a file name must not break the line.
    const fs::path p(path);
    const std::string name = p.filename().string();
    return printable(name.empty() ? path : name, 255);
}

bool isGzipFile(const std::string& path)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return false;
    unsigned char magic[2] = {0, 0};
    const bool ok = std::fread(magic, 1, 2, f) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    std::fclose(f);
    return ok;
}

bool mulOverflows(std::uint64_t a, std::uint64_t b, std::uint64_t* out)
{
    if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a)
        return true;
    *out = a * b;
    return false;
}

ByteReader::ByteReader(const std::string& path) : path_(path)
{
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw BadInputError(displayName(path) + ": no such file");
    if (fs::is_directory(status))
        throw BadInputError(displayName(path) + ": is a folder, not a file");
    fileSize_ = fs::file_size(path, ec);
    if (ec)
        throw IoError(displayName(path) + ": cannot read its size (" + ec.message() + ")");
    gzipped_ = isGzipFile(path);
    if (gzipped_) {
        gzFile gz = gzopen(path.c_str(), "rb");
        if (!gz)
            throw IoError(displayName(path) + ": cannot open (" + std::strerror(errno) + ")");
        gzbuffer(gz, 1 << 18);
        handle_ = gz;
    } else {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f)
            throw IoError(displayName(path) + ": cannot open (" + std::strerror(errno) + ")");
        handle_ = f;
    }
}

ByteReader::~ByteReader()
{
    if (!handle_)
        return;
    if (gzipped_)
        gzclose(static_cast<gzFile>(handle_));
    else
        std::fclose(static_cast<std::FILE*>(handle_));
}

std::uint64_t ByteReader::maxDecodedSize() const
{
    if (!gzipped_)
        return fileSize_;
    std::uint64_t bound = 0;
    if (mulOverflows(fileSize_, 1032, &bound))
        return std::numeric_limits<std::uint64_t>::max();
    return bound;
}

std::size_t ByteReader::read(void* dst, std::size_t n)
{
    auto* out = static_cast<unsigned char*>(dst);
    std::size_t total = 0;
    if (!gzipped_) {
        total = std::fread(out, 1, n, static_cast<std::FILE*>(handle_));
        if (total < n && std::ferror(static_cast<std::FILE*>(handle_)))
            throw IoError(displayName(path_) + ": read error (" + std::strerror(errno) + ")");
        return total;
    }
    auto gz = static_cast<gzFile>(handle_);
    while (total < n) {
        const std::size_t chunk = std::min<std::size_t>(n - total, 1u << 30);
        const int got = gzread(gz, out + total, static_cast<unsigned>(chunk));
        int err = Z_OK;
        const char* msg = gzerror(gz, &err);
        if (got < 0 || (err != Z_OK && err != Z_STREAM_END)) {
            if (err == Z_BUF_ERROR)
                throw BadInputError(displayName(path_) + ": the gzip data is truncated (the file ends early)");
            throw BadInputError(displayName(path_) + ": the gzip data is corrupt (" + (msg ? msg : "zlib error") + ")");
        }
        if (got == 0)
            break;
        total += static_cast<std::size_t>(got);
    }
    return total;
}

bool ByteReader::atEnd()
{
    unsigned char probe = 0;
    if (gzipped_) {
        auto gz = static_cast<gzFile>(handle_);
        const int c = gzgetc(gz);
        if (c < 0) {
            int err = Z_OK;
            gzerror(gz, &err);
            if (err == Z_BUF_ERROR)
                throw BadInputError(displayName(path_) + ": the gzip data is truncated (the file ends early)");
            if (err != Z_OK && err != Z_STREAM_END)
                throw BadInputError(displayName(path_) + ": the gzip data is corrupt");
            return true;
        }
        gzungetc(c, gz);
        return false;
    }
    auto f = static_cast<std::FILE*>(handle_);
    if (std::fread(&probe, 1, 1, f) != 1)
        return true;
    std::ungetc(probe, f);
    return false;
}

std::vector<std::uint8_t> readAllBytes(const std::string& path)
{
    ByteReader reader(path);
    std::vector<std::uint8_t> bytes;
    if (!reader.gzipped()) {
        bytes.resize(reader.fileSize());
        const std::size_t got = reader.read(bytes.data(), bytes.size());
        bytes.resize(got);
        return bytes;
    }
    std::uint8_t buf[1 << 16];
    for (;;) {
        const std::size_t got = reader.read(buf, sizeof buf);
        bytes.insert(bytes.end(), buf, buf + got);
        if (got < sizeof buf)
            break;
    }
    return bytes;
}

void checkNewFolder(const std::string& folder)
{
    std::error_code ec;
    const fs::path path(folder);
    if (!fs::exists(path, ec))
        return;
    if (!fs::is_directory(path, ec))
        throw BadInputError(displayName(folder) + " exists and is not a folder: choose a new folder to export into");
    if (!fs::is_empty(path, ec))
        throw BadInputError(displayName(folder) + " is not empty: choose a new folder, so that no file in it is replaced");
}

void prepareNewFolder(const std::string& folder)
{
    checkNewFolder(folder);
    std::error_code ec;
    if (fs::exists(folder, ec))
        return;
    fs::create_directories(folder, ec);
    if (ec)
        throw IoError(displayName(folder) + ": cannot create the folder (" + ec.message() + ")");
}

} // namespace latentlab
