#include "core/data/npy_loader.h"

#include "core/data/class_names.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

namespace fs = std::filesystem;

namespace latentlab {
namespace {

std::string dictValue(const std::string& dict, const std::string& key)
{
    const auto k = dict.find("'" + key + "'");
    if (k == std::string::npos)
        return {};
    const auto colon = dict.find(':', k);
    if (colon == std::string::npos)
        return {};
    auto v = dict.find_first_not_of(' ', colon + 1);
    if (v == std::string::npos)
        return {};
    if (dict[v] == '\'') {
        const auto end = dict.find('\'', v + 1);
        return end == std::string::npos ? std::string{} : dict.substr(v, end - v + 1);
    }
    if (dict[v] == '(') {
        const auto end = dict.find(')', v);
        return end == std::string::npos ? std::string{} : dict.substr(v, end - v + 1);
    }
    const auto end = dict.find_first_of(",}", v);
    return dict.substr(v, end == std::string::npos ? std::string::npos : end - v);
}

std::size_t itemSize(const std::string& descr)
{
    return descr.size() >= 3 ? static_cast<std::size_t>(std::atoi(descr.c_str() + 2)) : 0;
}

std::string shapeText(const std::vector<std::uint64_t>& shape)
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

// Reads count elements of the given dtype from the reader, converting to double for the callback in chunks
// (a float64 file never gets a second full-size copy).
template <typename Fn>
void forEachValue(ByteReader& reader, const std::string& descr, std::uint64_t count, const std::string& name, Fn&& fn)
{
    const std::size_t size = itemSize(descr);
    std::vector<std::uint8_t> buf(std::size_t{1} << 20);
    const std::size_t perChunk = buf.size() / size;
    std::uint64_t done = 0;
    while (done < count) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(perChunk, count - done));
        if (reader.read(buf.data(), n * size) < n * size)
            throw BadInputError(name + ": the file ends before the data its header describes");
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint8_t* p = buf.data() + i * size;
            double v = 0;
            const char kind = descr[1];
            if (kind == 'f' && size == 4) { float f; std::memcpy(&f, p, 4); v = f; }
            else if (kind == 'f' && size == 8) { std::memcpy(&v, p, 8); }
            else if (kind == 'u' && size == 1) { v = p[0]; }
            else if (kind == 'i' && size == 1) { v = static_cast<std::int8_t>(p[0]); }
            else if (kind == 'u' && size == 2) { std::uint16_t x; std::memcpy(&x, p, 2); v = x; }
            else if (kind == 'i' && size == 2) { std::int16_t x; std::memcpy(&x, p, 2); v = x; }
            else if (kind == 'u' && size == 4) { std::uint32_t x; std::memcpy(&x, p, 4); v = x; }
            else if (kind == 'i' && size == 4) { std::int32_t x; std::memcpy(&x, p, 4); v = x; }
            else if (kind == 'u' && size == 8) { std::uint64_t x; std::memcpy(&x, p, 8); v = static_cast<double>(x); }
            else if (kind == 'i' && size == 8) { std::int64_t x; std::memcpy(&x, p, 8); v = static_cast<double>(x); }
            fn(done + i, v);
        }
        done += n;
    }
}

std::vector<std::int32_t> loadNpyLabels(const std::string& path, std::int64_t expected, const std::string& dataName)
{
    const std::string name = displayName(path);
    const NpyHeader h = readNpyHeader(path);
    const char kind = h.descr[1];
    if (kind != 'i' && kind != 'u')
        throw BadInputError(name + ": labels must be integers, not dtype '" + h.descr + "'");
    if (h.shape.size() != 1)
        throw BadInputError(name + ": labels must be a 1-D array, not shape " + shapeText(h.shape));
    if (static_cast<std::int64_t>(h.shape[0]) != expected)
        throw BadInputError(name + ": holds " + std::to_string(h.shape[0]) + " labels but " + dataName + " holds "
                            + std::to_string(expected) + " samples");
    ByteReader reader(path);
    std::vector<std::uint8_t> skip(h.dataOffset);
    reader.read(skip.data(), skip.size());
    std::vector<std::int32_t> labels(h.shape[0]);
    forEachValue(reader, h.descr, h.shape[0], name, [&](std::uint64_t i, double v) {
        if (v < 0 || v > 1e6)
            throw BadInputError(name + ": label " + std::to_string(static_cast<long long>(v)) + " at index "
                                + std::to_string(i) + " is not a class index (0 or more)");
        labels[i] = static_cast<std::int32_t>(v);
    });
    return labels;
}

} // namespace

NpyHeader readNpyHeader(const std::string& path)
{
    const std::string name = displayName(path);
    ByteReader reader(path);
    if (reader.fileSize() == 0)
        throw BadInputError(name + ": the file is empty");
    std::uint8_t pre[12] = {};
    const std::size_t got = reader.read(pre, 10);
    if (got < 10 || std::memcmp(pre, "\x93NUMPY", 6) != 0)
        throw BadInputError(name + ": not a NumPy .npy file (wrong magic number)");
    const int major = pre[6];
    std::uint64_t headerLen = 0, prefix = 10;
    if (major == 1) {
        headerLen = pre[8] | (std::uint64_t{pre[9]} << 8);
    } else if (major == 2 || major == 3) {
        if (reader.read(pre + 10, 2) < 2)
            throw BadInputError(name + ": the .npy header is cut short");
        headerLen = pre[8] | (std::uint64_t{pre[9]} << 8) | (std::uint64_t{pre[10]} << 16) | (std::uint64_t{pre[11]} << 24);
        prefix = 12;
    } else {
        throw BadInputError(name + ": .npy format version " + std::to_string(major) + " is not supported");
    }
    if (headerLen > 1u << 20 || prefix + headerLen > reader.fileSize())
        throw BadInputError(name + ": the .npy header is cut short");
    std::string dict(headerLen, '\0');
    reader.read(dict.data(), headerLen);

    NpyHeader h;
    h.dataOffset = prefix + headerLen;
    const std::string descr = dictValue(dict, "descr");
    if (descr.size() < 5 || descr.front() != '\'')
        throw BadInputError(name + ": the .npy header has no readable dtype");
    h.descr = descr.substr(1, descr.size() - 2);
    // Messages quote the dtype: bytes that are not a dtype's few printable characters would break the line.
    if (h.descr.size() > 16
        || std::any_of(h.descr.begin(), h.descr.end(), [](char ch) { return ch < 0x21 || ch > 0x7e || ch == '\''; }))
        throw BadInputError(name + ": the .npy header has no readable dtype");
    h.fortranOrder = dictValue(dict, "fortran_order").find("True") != std::string::npos;
    const std::string shape = dictValue(dict, "shape");
    if (shape.empty() || shape.front() != '(')
        throw BadInputError(name + ": the .npy header has no readable shape");
    std::uint64_t count = 1;
    for (std::size_t i = 1; i < shape.size();) {
        if (std::isdigit(static_cast<unsigned char>(shape[i]))) {
            char* end = nullptr;
            const unsigned long long v = std::strtoull(shape.c_str() + i, &end, 10);
            h.shape.push_back(v);
            if (mulOverflows(count, v, &count))
                throw BadInputError(name + ": the .npy header claims an impossible shape");
            i = static_cast<std::size_t>(end - shape.c_str());
        } else {
            ++i;
        }
    }
    if (h.descr.size() < 3 || (h.descr[0] != '<' && h.descr[0] != '|' && h.descr[0] != '>' && h.descr[0] != '='))
        throw BadInputError(name + ": dtype '" + h.descr + "' is not supported (use uint8, float32 or float64)");
    if (h.descr[0] == '>' && itemSize(h.descr) > 1)
        throw BadInputError(name + ": big-endian dtype '" + h.descr + "' is not supported (save it little-endian)");
    const char kind = h.descr[1];
    const std::size_t size = itemSize(h.descr);
    const bool known = ((kind == 'u' || kind == 'i') && (size == 1 || size == 2 || size == 4 || size == 8))
                       || (kind == 'f' && (size == 4 || size == 8));
    if (!known)
        throw BadInputError(name + ": dtype '" + h.descr + "' is not supported (use uint8, float32 or float64)");
    if (h.fortranOrder)
        throw BadInputError(name + ": the array is in Fortran order; save it in C order (numpy.ascontiguousarray)");
    std::uint64_t bytes = 0;
    if (mulOverflows(count, size, &bytes) || h.dataOffset + bytes != reader.fileSize())
        throw BadInputError(name + ": header says shape " + shapeText(h.shape) + " of " + h.descr + " ("
                            + std::to_string(bytes) + " bytes) but the file holds "
                            + std::to_string(reader.fileSize() - std::min(reader.fileSize(), h.dataOffset)) + " bytes of data");
    return h;
}

std::string findNpyLabels(const std::string& path)
{
    const fs::path p(path);
    const std::string stem = p.stem().string();
    std::vector<std::string> names{stem + "_labels.npy", stem + "-labels.npy", stem + ".labels.npy"};
    const auto pos = stem.find("images");
    if (pos != std::string::npos)
        names.push_back(std::string(stem).replace(pos, 6, "labels") + ".npy");
    for (const auto& n : names) {
        std::error_code ec;
        if (fs::is_regular_file(p.parent_path() / n, ec))
            return (p.parent_path() / n).string();
    }
    return {};
}

Dataset loadNpy(const std::string& path, const std::string& labelsPath)
{
    const std::string name = displayName(path);
    const NpyHeader h = readNpyHeader(path);
    const char kind = h.descr[1];
    const std::size_t size = itemSize(h.descr);
    const bool isUint8 = kind == 'u' && size == 1;
    if (!isUint8 && kind != 'f')
        throw BadInputError(name + ": dtype '" + h.descr + "' is not supported for data (use uint8, float32 or float64)");
    const auto& s = h.shape;
    if (s.size() < 2 || s.size() > 4)
        throw BadInputError(name + ": shape " + shapeText(s) + " is not a dataset; use (N, D) for a table, (N, H, W) or (N, C, H, W) for images");
    if (s[0] == 0)
        throw BadInputError(name + ": the array holds no samples");
    for (auto d : s)
        if (d == 0)
            throw BadInputError(name + ": shape " + shapeText(s) + " has an empty dimension");

    // Work out the sample layout: table, or CHW images (transposing from HWC when needed).
    bool table = s.size() == 2, hwc = false;
    std::uint64_t c = 1, hgt = 1, wid = 1;
    if (s.size() == 3) {
        hgt = s[1];
        wid = s[2];
    } else if (s.size() == 4) {
        if (s[1] == 1 || s[1] == 3) {
            c = s[1]; hgt = s[2]; wid = s[3];
        } else if (s[3] == 1 || s[3] == 3) {
            hwc = true; hgt = s[1]; wid = s[2]; c = s[3];
        } else {
            throw BadInputError(name + ": shape " + shapeText(s) + " has no channel axis of 1 or 3 (expected (N, C, H, W) or (N, H, W, C))");
        }
    }
    if (!table && (hgt > 65535 || wid > 65535))
        throw BadInputError(name + ": images of " + std::to_string(hgt) + "x" + std::to_string(wid) + " pixels are not supported");
    const auto n = static_cast<std::int64_t>(s[0]);
    const std::uint64_t per = table ? s[1] : c * hgt * wid;
    const std::uint64_t plane = hgt * wid;
    // Index in stored (CHW) order for element k of a sample in file order.
    auto storedIndex = [&](std::uint64_t k) {
        if (!hwc)
            return k;
        const std::uint64_t ch = k % c, px = k / c;
        return ch * plane + px;
    };

    ByteReader reader(path);
    std::vector<std::uint8_t> skip(h.dataOffset);
    reader.read(skip.data(), skip.size());
    Dataset ds;
    if (isUint8 && !table) {
        std::vector<std::uint8_t> pixels(s[0] * per);
        forEachValue(reader, h.descr, s[0] * per, name, [&](std::uint64_t i, double v) {
            pixels[(i / per) * per + storedIndex(i % per)] = static_cast<std::uint8_t>(v);
        });
        ds = Dataset::fromImages(std::move(pixels), n, static_cast<int>(c), static_cast<int>(hgt), static_cast<int>(wid));
    } else {
        std::vector<float> values(s[0] * per);
        std::vector<double> lo(table ? per : 1, std::numeric_limits<double>::infinity());
        std::vector<double> hi(lo.size(), -std::numeric_limits<double>::infinity());
        forEachValue(reader, h.descr, s[0] * per, name, [&](std::uint64_t i, double v) {
            if (!std::isfinite(v))
                throw BadInputError(name + ": element " + std::to_string(i) + " is not a finite number");
            const std::size_t f = table ? i % per : 0;
            lo[f] = std::min(lo[f], v);
            hi[f] = std::max(hi[f], v);
            values[(i / per) * per + storedIndex(i % per)] = static_cast<float>(v);
        });
        std::vector<ValueRange> ranges(lo.size());
        for (std::size_t f = 0; f < lo.size(); ++f) {
            // uint8 tables keep their natural 0..255 scale; float images already in [0,1] are left as they are.
            if (isUint8)
                ranges[f] = {0.0, 255.0};
            else if (!table && lo[f] >= 0.0 && hi[f] <= 1.0)
                ranges[f] = {0.0, 1.0};
            else
                ranges[f] = {lo[f], hi[f]};
        }
        for (std::size_t i = 0; i < values.size(); ++i) {
            const ValueRange& r = ranges[table ? i % per : 0];
            const double span = r.max - r.min;
            values[i] = span > 0 ? static_cast<float>((values[i] - r.min) / span) : 0.0f;
        }
        if (table)
            ds = Dataset::fromTable(std::move(values), n, static_cast<std::int64_t>(per), std::move(ranges), {});
        else
            ds = Dataset::fromFloatImages(std::move(values), n, static_cast<int>(c), static_cast<int>(hgt),
                                          static_cast<int>(wid), ranges[0]);
    }
    ds.source = path;
    ds.format = "npy";
    const std::string labels = labelsPath.empty() ? findNpyLabels(path) : labelsPath;
    if (!labels.empty()) {
        std::vector<std::int32_t> l = loadNpyLabels(labels, n, name);
        const int classes = 1 + *std::max_element(l.begin(), l.end());
        ds.setLabels(std::move(l), classNamesFor(fs::path(path).parent_path().string(), classes));
    }
    return ds;
}

} // namespace latentlab
