#include "core/util/zip_directory.h"

#include "core/util/errors.h"
#include "core/util/printable.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace latentlab {
namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint64_t kDeflateRatio = 1032;
// A directory larger than this is not one LibTorch wrote (a checkpoint has a few dozen records).
constexpr std::uint64_t kMaxDirectoryBytes = 64ull << 20;

std::uint64_t le(const std::uint8_t* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

class Archive {
public:
    Archive(std::uint64_t size, const ReadAt& read) : size_(size), read_(read) {}

    [[noreturn]] void damaged(const std::string& what) const { throw BadInputError(what); }

    std::vector<std::uint8_t> bytes(std::uint64_t pos, std::uint64_t n) const
    {
        if (pos > size_ || n > size_ - pos)
            damaged("its directory points past the end of the file");
        std::vector<std::uint8_t> out(static_cast<std::size_t>(n));
        if (n > 0 && read_(pos, out.data(), out.size()) != out.size())
            damaged("the file could not be read to its end");
        return out;
    }

    std::uint64_t size() const { return size_; }

private:
    std::uint64_t size_;
    const ReadAt& read_;
};

struct Directory {
    std::uint64_t entries = 0, offset = 0, bytes = 0;
};

Directory findDirectory(const Archive& a)
{
    // The end-of-directory record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
    const std::uint64_t tail = std::min<std::uint64_t>(a.size(), 22 + 65535);
    const std::vector<std::uint8_t> t = a.bytes(a.size() - tail, tail);
    for (std::size_t i = t.size() >= 22 ? t.size() - 22 + 1 : 0; i-- > 0;) {
        if (le(&t[i], 4) != kEndOfDirectory)
            continue;
        Directory d{le(&t[i + 10], 2), le(&t[i + 16], 4), le(&t[i + 12], 4)};
        if (d.entries == 0xFFFF || d.offset == 0xFFFFFFFF || d.bytes == 0xFFFFFFFF) {
            // Zip64: a locator just before this record points at the 64-bit end-of-directory record.
            const std::uint64_t at = a.size() - tail + i;
            if (at < 20)
                a.damaged("its zip64 directory locator is missing");
            const std::vector<std::uint8_t> loc = a.bytes(at - 20, 20);
            if (le(loc.data(), 4) != kZip64Locator)
                a.damaged("its zip64 directory locator is missing");
            const std::vector<std::uint8_t> z = a.bytes(le(&loc[8], 8), 56);
            if (le(z.data(), 4) != kZip64EndOfDirectory)
                a.damaged("its zip64 directory record is missing");
            d = {le(&z[32], 8), le(&z[48], 8), le(&z[40], 8)};
        }
        return d;
    }
    a.damaged("it has no zip directory (the file is truncated or not an archive)");
}

} // namespace

std::vector<ZipRecord> readZipDirectory(std::uint64_t fileSize, const ReadAt& read)
{
    const Archive a(fileSize, read);
    const Directory d = findDirectory(a);
    if (d.bytes > kMaxDirectoryBytes || d.entries > d.bytes / 46)
        a.damaged("its zip directory claims " + std::to_string(d.entries) + " records in " + std::to_string(d.bytes)
                  + " bytes");
    const std::vector<std::uint8_t> dir = a.bytes(d.offset, d.bytes);
    const std::uint64_t expandable = fileSize > UINT64_MAX / kDeflateRatio ? UINT64_MAX : fileSize * kDeflateRatio;
    std::vector<ZipRecord> records;
    std::size_t p = 0;
    for (std::uint64_t e = 0; e < d.entries; ++e) {
        if (dir.size() - p < 46 || le(&dir[p], 4) != kDirectoryEntry)
            a.damaged("its zip directory is damaged");
        ZipRecord r;
        r.method = le(&dir[p + 10], 2);
        r.packedSize = le(&dir[p + 20], 4);
        r.unpackedSize = le(&dir[p + 24], 4);
        r.localHeader = le(&dir[p + 42], 4);
        const std::size_t nameLen = le(&dir[p + 28], 2), extraLen = le(&dir[p + 30], 2), commentLen = le(&dir[p + 32], 2);
        if (dir.size() - p - 46 < nameLen + extraLen + commentLen)
            a.damaged("its zip directory is damaged");
        r.name.assign(dir.begin() + static_cast<std::ptrdiff_t>(p + 46),
                      dir.begin() + static_cast<std::ptrdiff_t>(p + 46 + nameLen));
        // Zip64 values live in the extra field 0x0001, in this order, for the fields that read 0xFFFFFFFF.
        for (std::size_t x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen;) {
            const std::size_t id = le(&dir[x], 2), len = le(&dir[x + 2], 2);
            if (x + 4 + len > p + 46 + nameLen + extraLen)
                a.damaged("its zip directory is damaged");
            if (id == 0x0001) {
                std::size_t f = x + 4;
                for (std::uint64_t* field : {&r.unpackedSize, &r.packedSize, &r.localHeader}) {
                    if (*field != 0xFFFFFFFF)
                        continue;
                    if (f + 8 > x + 4 + len)
                        a.damaged("its zip directory is damaged");
                    *field = le(&dir[f], 8);
                    f += 8;
                }
            }
            x += 4 + len;
        }
        const std::uint64_t limit = r.method == 0 ? r.packedSize : std::min(expandable, r.packedSize * kDeflateRatio);
        if (r.packedSize > fileSize || r.unpackedSize > limit)
            a.damaged("its directory says the record '" + printable(r.name) + "' holds "
                      + std::to_string(r.unpackedSize) + " bytes, more than the file can hold");
        records.push_back(std::move(r));
        p += 46 + nameLen + extraLen + commentLen;
    }
    return records;
}

std::vector<std::uint8_t> readRecord(std::uint64_t fileSize, const ReadAt& read, const ZipRecord& record)
{
    const Archive a(fileSize, read);
    if (record.method != 0 && record.method != 8)
        a.damaged("it is compressed with a method PyTorch never uses (" + std::to_string(record.method) + ")");
    const std::vector<std::uint8_t> header = a.bytes(record.localHeader, 30);
    if (le(header.data(), 4) != kLocalHeader)
        a.damaged("it has no local header where the zip directory says");
    const std::uint64_t start = record.localHeader + 30 + le(&header[26], 2) + le(&header[28], 2);
    std::vector<std::uint8_t> packed = a.bytes(start, record.packedSize);
    if (record.method == 0)
        return packed;
    // Raw deflate, grown as it comes: memory follows the bytes that really inflate, not the size the directory
    // claims, and the two must agree (LibTorch allocates the claim when it reads the record).
    std::vector<std::uint8_t> out;
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        a.damaged("it cannot be decompressed");
    z.next_in = packed.data();
    z.avail_in = static_cast<uInt>(std::min<std::uint64_t>(packed.size(), UINT32_MAX));
    int rc = Z_OK;
    while (rc == Z_OK && out.size() <= record.unpackedSize) {
        const std::size_t before = out.size();
        out.resize(before + (64u << 10));
        z.next_out = out.data() + before;
        z.avail_out = 64u << 10;
        rc = inflate(&z, Z_NO_FLUSH);
        out.resize(before + (64u << 10) - z.avail_out);
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END || out.size() != record.unpackedSize)
        a.damaged("its compressed bytes are damaged");
    return out;
}

ZipFileReader::ZipFileReader(const std::string& path) : file_(std::fopen(path.c_str(), "rb"), std::fclose)
{
    if (!file_)
        throw BadInputError("it cannot be opened");
    if (std::fseek(file_.get(), 0, SEEK_END) != 0)
        throw BadInputError("it cannot be read");
    const long size = std::ftell(file_.get());
    if (size < 0)
        throw BadInputError("it cannot be read");
    size_ = static_cast<std::uint64_t>(size);
    std::FILE* f = file_.get();
    read_ = [f](std::uint64_t pos, void* buf, std::size_t n) -> std::size_t {
        if (std::fseek(f, static_cast<long>(pos), SEEK_SET) != 0)
            return 0;
        return std::fread(buf, 1, n, f);
    };
}

ReadAt memoryReadAt(const std::vector<std::uint8_t>& bytes)
{
    return [&bytes](std::uint64_t pos, void* buf, std::size_t n) -> std::size_t {
        if (pos >= bytes.size())
            return 0;
        const std::size_t got = std::min<std::size_t>(n, bytes.size() - static_cast<std::size_t>(pos));
        std::copy_n(bytes.data() + pos, got, static_cast<std::uint8_t*>(buf));
        return got;
    };
}

} // namespace latentlab
