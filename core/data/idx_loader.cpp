#include "core/data/idx_loader.h"

#include "core/data/class_names.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>

namespace fs = std::filesystem;

namespace latentlab {
namespace {

constexpr std::uint8_t kUnsignedByte = 0x08;

const char* idxTypeName(std::uint8_t type)
{
    switch (type) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "short";
    case 0x0C: return "int";
    case 0x0D: return "float";
    case 0x0E: return "double";
    default: return nullptr;
    }
}

struct IdxHeader {
    std::uint8_t type = 0;
    std::vector<std::uint64_t> dims;
    std::uint64_t headerBytes = 0;
    std::uint64_t payloadBytes = 0; // product of dims (one byte per element for unsigned byte)
};

// Reads and validates the header; leaves the reader positioned at the first data byte.
IdxHeader readHeader(ByteReader& reader)
{
    const std::string name = displayName(reader.path());
    if (reader.fileSize() == 0)
        throw BadInputError(name + ": the file is empty");
    std::array<std::uint8_t, 4> magic{};
    if (reader.read(magic.data(), 4) < 4 || magic[0] != 0 || magic[1] != 0 || !idxTypeName(magic[2]) || magic[3] == 0
        || magic[3] > 4)
        throw BadInputError(name + ": not an IDX file (wrong magic number)");
    IdxHeader h;
    h.type = magic[2];
    if (h.type != kUnsignedByte)
        throw BadInputError(name + ": IDX data of type " + idxTypeName(h.type)
                            + " is not supported (only unsigned byte, as in MNIST)");
    h.headerBytes = 4 + 4u * magic[3];
    h.payloadBytes = 1;
    for (int d = 0; d < magic[3]; ++d) {
        std::array<std::uint8_t, 4> b{};
        if (reader.read(b.data(), 4) < 4)
            throw BadInputError(name + ": the IDX header is cut short");
        const std::uint64_t dim = (std::uint64_t{b[0]} << 24) | (std::uint64_t{b[1]} << 16) | (std::uint64_t{b[2]} << 8) | b[3];
        h.dims.push_back(dim);
        if (mulOverflows(h.payloadBytes, dim, &h.payloadBytes))
            throw BadInputError(name + ": the IDX header claims an impossible size");
    }
    return h;
}

std::string dimsText(const std::vector<std::uint64_t>& dims)
{
    std::string s;
    for (std::size_t i = 0; i < dims.size(); ++i)
        s += (i ? "x" : "") + std::to_string(dims[i]);
    return s;
}

// Checks the header against what the file can hold before anything is allocated.
void checkPayloadFits(ByteReader& reader, const IdxHeader& h)
{
    const std::uint64_t room = reader.maxDecodedSize() > h.headerBytes ? reader.maxDecodedSize() - h.headerBytes : 0;
    if (h.payloadBytes > room) {
        const std::string name = displayName(reader.path());
        if (reader.gzipped())
            throw BadInputError(name + ": header says " + dimsText(h.dims) + " but the compressed file is far too small to hold "
                                + std::to_string(h.payloadBytes) + " bytes");
        throw BadInputError(name + ": header says " + dimsText(h.dims) + " but the file holds " + std::to_string(room)
                            + " bytes of data");
    }
}

// Reads exactly h.payloadBytes into dst and checks nothing follows.
void readPayload(ByteReader& reader, const IdxHeader& h, std::uint8_t* dst, const char* what)
{
    const std::size_t got = reader.read(dst, h.payloadBytes);
    const std::string name = displayName(reader.path());
    if (got < h.payloadBytes)
        throw BadInputError(name + ": header says " + dimsText(h.dims) + " but the file holds " + std::to_string(got)
                            + " bytes of " + what);
    if (!reader.atEnd())
        throw BadInputError(name + ": the file holds more data than its header (" + dimsText(h.dims) + ") says");
}

struct ImageFile {
    std::unique_ptr<ByteReader> reader;
    IdxHeader header;
    std::int64_t count = 0;
    int height = 0;
    int width = 0;
};

ImageFile openImages(const std::string& path)
{
    ImageFile f;
    f.reader = std::make_unique<ByteReader>(path);
    f.header = readHeader(*f.reader);
    const std::string name = displayName(path);
    if (f.header.dims.size() != 3)
        throw BadInputError(name + ": an IDX images file has 3 dimensions (count x height x width), this one has "
                            + std::to_string(f.header.dims.size()));
    const auto& d = f.header.dims;
    if (d[0] == 0)
        throw BadInputError(name + ": the file holds no images (its header says 0)");
    if (d[1] == 0 || d[2] == 0 || d[1] > 65535 || d[2] > 65535)
        throw BadInputError(name + ": images of " + std::to_string(d[1]) + "x" + std::to_string(d[2])
                            + " pixels are not possible");
    checkPayloadFits(*f.reader, f.header);
    f.count = static_cast<std::int64_t>(d[0]);
    f.height = static_cast<int>(d[1]);
    f.width = static_cast<int>(d[2]);
    return f;
}

std::vector<std::int32_t> readLabels(const std::string& path, std::int64_t expectedCount, const std::string& imagesName)
{
    ByteReader reader(path);
    const IdxHeader h = readHeader(reader);
    const std::string name = displayName(path);
    if (h.dims.size() != 1)
        throw BadInputError(name + ": an IDX labels file has 1 dimension, this one has " + std::to_string(h.dims.size()));
    if (static_cast<std::int64_t>(h.dims[0]) != expectedCount)
        throw BadInputError(name + ": holds " + std::to_string(h.dims[0]) + " labels but " + imagesName + " holds "
                            + std::to_string(expectedCount) + " images");
    checkPayloadFits(reader, h);
    std::vector<std::uint8_t> raw(h.payloadBytes);
    readPayload(reader, h, raw.data(), "labels");
    return {raw.begin(), raw.end()};
}

// Candidate names for the labels file of an images file, in the usual naming schemes.
std::vector<std::string> labelCandidates(const std::string& imagesName)
{
    std::string base = imagesName;
    if (base.size() > 3 && base.compare(base.size() - 3, 3, ".gz") == 0)
        base.resize(base.size() - 3);
    const auto pos = base.find("images");
    if (pos == std::string::npos)
        return {};
    std::string label = base;
    label.replace(pos, 6, "labels");
    const auto idx3 = label.find("idx3");
    if (idx3 != std::string::npos)
        label.replace(idx3, 4, "idx1");
    return {label + ".gz", label};
}

void attachLabels(Dataset& ds, std::vector<std::int32_t> labels, const std::string& folder)
{
    const int maxLabel = labels.empty() ? -1 : *std::max_element(labels.begin(), labels.end());
    ds.setLabels(std::move(labels), classNamesFor(folder, maxLabel + 1));
}

bool isImagesName(const std::string& name, const std::string& prefix)
{
    return name.rfind(prefix, 0) == 0 && name.find("images") != std::string::npos && name.find("idx3") != std::string::npos;
}

std::string findInFolder(const std::string& folder, const std::vector<std::string>& prefixes)
{
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec))
        if (e.is_regular_file(ec))
            names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end()); // deterministic; the shortest match wins, so a raw file beats its .gz
    for (const auto& prefix : prefixes) {
        std::string found;
        for (const auto& n : names)
            if (isImagesName(n, prefix) && (found.empty() || found.size() > n.size()))
                found = n;
        if (!found.empty())
            return (fs::path(folder) / found).string();
    }
    return {};
}

} // namespace

std::string findIdxLabels(const std::string& imagesPath)
{
    const fs::path p(imagesPath);
    for (const auto& candidate : labelCandidates(p.filename().string())) {
        const fs::path c = p.parent_path() / candidate;
        std::error_code ec;
        if (fs::is_regular_file(c, ec))
            return c.string();
    }
    return {};
}

bool looksLikeIdx(const std::string& path)
{
    try {
        ByteReader reader(path);
        std::array<std::uint8_t, 4> magic{};
        return reader.read(magic.data(), 4) == 4 && magic[0] == 0 && magic[1] == 0 && idxTypeName(magic[2])
               && magic[3] >= 1 && magic[3] <= 4;
    } catch (const Error&) {
        return false;
    }
}

bool folderHasIdx(const std::string& folder)
{
    return !findInFolder(folder, {""}).empty();
}

Dataset loadIdxImages(const std::string& imagesPath, const std::string& labelsPath)
{
    ImageFile f = openImages(imagesPath);
    std::vector<std::uint8_t> pixels(f.header.payloadBytes);
    readPayload(*f.reader, f.header, pixels.data(), "pixels");
    f.reader.reset();
    Dataset ds = Dataset::fromImages(std::move(pixels), f.count, 1, f.height, f.width);
    ds.source = imagesPath;
    ds.format = "idx";
    const std::string labels = labelsPath.empty() ? findIdxLabels(imagesPath) : labelsPath;
    if (!labels.empty()) {
        attachLabels(ds, readLabels(labels, f.count, displayName(imagesPath)), fs::path(imagesPath).parent_path().string());
        ds.labelsFiles = {{labels, 0, f.count}};
    } else
        ds.notes.push_back("no labels file found beside " + displayName(imagesPath));
    return ds;
}

Dataset loadIdxFolder(const std::string& folder)
{
    const std::string trainPath = findInFolder(folder, {"train"});
    const std::string testPath = findInFolder(folder, {"t10k", "test"});
    if (trainPath.empty() || testPath.empty()) {
        const std::string only = !trainPath.empty() ? trainPath : !testPath.empty() ? testPath : findInFolder(folder, {""});
        if (only.empty())
            throw BadInputError(displayName(folder) + ": the folder holds no IDX images file");
        Dataset ds = loadIdxImages(only);
        ds.source = folder;
        return ds;
    }
    // Both halves go into one buffer, read in place: no second copy of the pixels is ever made.
    ImageFile train = openImages(trainPath);
    ImageFile test = openImages(testPath);
    if (train.height != test.height || train.width != test.width)
        throw BadInputError(displayName(testPath) + ": images are " + std::to_string(test.height) + "x"
                            + std::to_string(test.width) + " but " + displayName(trainPath) + " has "
                            + std::to_string(train.height) + "x" + std::to_string(train.width));
    std::vector<std::uint8_t> pixels(train.header.payloadBytes + test.header.payloadBytes);
    readPayload(*train.reader, train.header, pixels.data(), "pixels");
    readPayload(*test.reader, test.header, pixels.data() + train.header.payloadBytes, "pixels");
    train.reader.reset();
    test.reader.reset();
    const std::int64_t n = train.count + test.count;
    Dataset ds = Dataset::fromImages(std::move(pixels), n, 1, train.height, train.width);
    ds.source = folder;
    ds.format = "idx";

    const std::string trainLabels = findIdxLabels(trainPath);
    const std::string testLabels = findIdxLabels(testPath);
    if (!trainLabels.empty() && !testLabels.empty()) {
        std::vector<std::int32_t> labels = readLabels(trainLabels, train.count, displayName(trainPath));
        const std::vector<std::int32_t> more = readLabels(testLabels, test.count, displayName(testPath));
        labels.insert(labels.end(), more.begin(), more.end());
        attachLabels(ds, std::move(labels), folder);
        ds.labelsFiles = {{trainLabels, 0, train.count}, {testLabels, train.count, test.count}};
    } else {
        ds.notes.push_back("labels files not found for both halves; loaded without labels");
    }
    ds.setPredefinedSplit(train.count, displayName(trainPath), displayName(testPath));
    return ds;
}

} // namespace latentlab
