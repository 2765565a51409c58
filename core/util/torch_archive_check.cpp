#include "core/util/torch_archive_check.h"

#include "core/util/errors.h"
#include "core/util/pickle_scan.h"
#include "core/util/printable.h"
#include "core/util/text.h"

#include <algorithm>
#include <map>

namespace latentlab {
void checkTorchArchive(std::uint64_t fileSize, const ReadAt& read)
{
    const std::vector<ZipRecord> records = readZipDirectory(fileSize, read);
    // Where a name repeats, LibTorch may read either copy: hold storages against the smaller.
    std::map<std::string, std::uint64_t> sizes;
    for (const ZipRecord& r : records) {
        const auto [it, fresh] = sizes.emplace(r.name, r.unpackedSize);
        if (!fresh)
            it->second = std::min(it->second, r.unpackedSize);
    }
    for (const ZipRecord& r : records) {
        // data.pkl, constants.pkl, and the debug_pkl beside each TorchScript source file (read when an error
        // needs its source ranges) all go through the same unpickler.
        if (!endsWith(r.name, ".pkl") && !endsWith(r.name, ".debug_pkl"))
            continue;
        const std::string where = "its record '" + printable(r.name) + "': ";
        std::vector<PickledStorage> storages;
        try {
            const std::vector<std::uint8_t> pickle = readRecord(fileSize, read, r);
            storages = scanPickle(pickle.data(), pickle.size());
        } catch (const BadInputError& e) {
            throw BadInputError(where + e.what());
        }
        // "archive/data.pkl" keeps its storages in "archive/data/<key>" (or under a prefix such as ".data/"):
        // every record that LibTorch could read for a key must hold what the pickle says the storage holds.
        // The suffix holds no '/', so the last slash (if any) comes before it.
        const std::size_t end = r.name.size() - (endsWith(r.name, ".pkl") ? 4 : 10);
        const std::size_t slash = r.name.find_last_of('/', end);
        const std::size_t begin = slash == std::string::npos ? 0 : slash + 1;
        const std::string stem = r.name.substr(begin, end - begin);
        for (const PickledStorage& s : storages) {
            const std::string tail = stem + "/" + s.key;
            for (const auto& [name, size] : sizes) {
                if (!endsWith(name, tail) || (name.size() > tail.size() && name[name.size() - tail.size() - 1] != '/'))
                    continue;
                if (s.bytes > size)
                    throw BadInputError(where + "its pickle says the tensor storage '" + printable(s.key) + "' holds "
                                        + std::to_string(s.bytes) + " bytes, but its record holds "
                                        + std::to_string(size));
            }
        }
    }
}

void checkTorchArchiveFile(const std::string& path)
{
    const ZipFileReader file(path);
    checkTorchArchive(file.size(), file.readAt());
}

} // namespace latentlab
