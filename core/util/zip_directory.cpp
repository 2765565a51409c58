#include "util/zip_directory.h"

#include "util/errors.h"
#include "util/printable.h"

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

void checkZipRecordSizes(std::uint64_t fileSize, const ReadAt& read)
{
    const Archive a(fileSize, read);
    const Directory d = findDirectory(a);
    if (d.bytes > kMaxDirectoryBytes || d.entries > d.bytes / 46)
        a.damaged("its zip directory claims " + std::to_string(d.entries) + " records in " + std::to_string(d.bytes)
                  + " bytes");
    const std::vector<std::uint8_t> dir = a.bytes(d.offset, d.bytes);
    const std::uint64_t expandable = fileSize > UINT64_MAX / kDeflateRatio ? UINT64_MAX : fileSize * kDeflateRatio;
    std::size_t p = 0;
    for (std::uint64_t e = 0; e < d.entries; ++e) {
        if (dir.size() - p < 46 || le(&dir[p], 4) != kDirectoryEntry)
            a.damaged("its zip directory is damaged");
        const std::uint64_t method = le(&dir[p + 10], 2);
        std::uint64_t packed = le(&dir[p + 20], 4), unpacked = le(&dir[p + 24], 4);
        const std::size_t nameLen = le(&dir[p + 28], 2), extraLen = le(&dir[p + 30], 2), commentLen = le(&dir[p + 32], 2);
        if (dir.size() - p - 46 < nameLen + extraLen + commentLen)
            a.damaged("its zip directory is damaged");
        const std::string record(dir.begin() + static_cast<std::ptrdiff_t>(p + 46),
                                 dir.begin() + static_cast<std::ptrdiff_t>(p + 46 + nameLen));
        // Zip64 sizes live in the extra field 0x0001, in this order, for the fields that read 0xFFFFFFFF.
        for (std::size_t x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen;) {
            const std::size_t id = le(&dir[x], 2), len = le(&dir[x + 2], 2);
            if (x + 4 + len > p + 46 + nameLen + extraLen)
                a.damaged("its zip directory is damaged");
            if (id == 0x0001) {
                std::size_t f = x + 4;
                for (std::uint64_t* field : {&unpacked, &packed}) {
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
        const std::uint64_t limit = method == 0 ? packed : expandable;
        if (packed > fileSize || unpacked > limit)
            a.damaged("its directory says the record '" + printable(record)
                      + "' holds " + std::to_string(unpacked) + " bytes, more than the file can hold");
        p += 46 + nameLen + extraLen + commentLen;
    }
}

void checkZipFileRecordSizes(const std::string& path)
{
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!f)
        throw BadInputError("it cannot be opened");
    if (std::fseek(f.get(), 0, SEEK_END) != 0)
        throw BadInputError("it cannot be read");
    const long size = std::ftell(f.get());
    if (size < 0)
        throw BadInputError("it cannot be read");
    const ReadAt read = [&](std::uint64_t pos, void* buf, std::size_t n) -> std::size_t {
        if (std::fseek(f.get(), static_cast<long>(pos), SEEK_SET) != 0)
            return 0;
        return std::fread(buf, 1, n, f.get());
    };
    checkZipRecordSizes(static_cast<std::uint64_t>(size), read);
}

} // namespace latentlab
