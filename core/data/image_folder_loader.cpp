#include "core/data/image_folder_loader.h"

#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/printable.h"

#include <stb/stb_image.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>

namespace fs = std::filesystem;

namespace latentlab {
namespace {

// Documented caps (README, Reliability): a side of 4096 pixels, and 16 GiB of decoded pixels in all. A side of
// 4096 is already more than any model here can take (50 million inputs for RGB), and it keeps a small file whose
// header claims a huge image (a decompression bomb) from costing more than 50 MB to decode.
constexpr int kMaxImageSide = 4096;
constexpr double kMaxDecodedBytes = 16.0 * (1ull << 30);

struct ImageEntry {
    fs::path path;
    std::int32_t label = -1;
};

// "root/class/file.png": the dataset folder's own name and below, enough to find the file, short enough for one line.
std::string relativeName(const fs::path& root, const fs::path& p)
{
    const fs::path base = root.filename().empty() ? root.parent_path() : root;
    return printable(p.lexically_relative(base.parent_path()).string(), 255);
}

std::vector<fs::path> sortedEntries(const fs::path& dir)
{
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        out.push_back(e.path());
    if (ec)
        throw BadInputError(displayName(dir.string()) + ": cannot list the folder (" + ec.message() + ")");
    std::sort(out.begin(), out.end());
    return out;
}

bool hidden(const fs::path& p)
{
    const std::string n = p.filename().string();
    return !n.empty() && n[0] == '.';
}

} // namespace

bool isImageFileName(const std::string& name)
{
    std::string ext = fs::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp";
}

Dataset loadImageFolder(const std::string& rootPath)
{
    const fs::path root(rootPath);
    const std::string rootName = displayName(rootPath);
    std::vector<ImageEntry> entries;
    std::vector<std::string> classNames;
    std::vector<std::string> skipped;

    const std::vector<fs::path> top = sortedEntries(root);
    if (top.empty())
        throw BadInputError(rootName + ": the folder is empty");
    for (const auto& p : top) {
        std::error_code ec;
        if (hidden(p))
            continue;
        if (fs::is_directory(p, ec)) {
            const auto label = static_cast<std::int32_t>(classNames.size());
            bool any = false;
            for (const auto& f : sortedEntries(p)) {
                if (hidden(f) || fs::is_directory(f, ec))
                    continue;
                if (isImageFileName(f.filename().string())) {
                    entries.push_back({f, label});
                    any = true;
                } else {
                    skipped.push_back(relativeName(root, f));
                }
            }
            if (any)
                classNames.push_back(p.filename().string());
        } else if (isImageFileName(p.filename().string())) {
            entries.push_back({p, -1});
        } else {
            skipped.push_back(relativeName(root, p));
        }
    }
    if (entries.empty())
        throw BadInputError(rootName + ": the folder holds no images (.png, .jpg, .bmp), neither directly nor in class sub-folders");
    const bool labelled = !classNames.empty();
    for (const auto& e : entries)
        if ((e.label >= 0) != labelled)
            throw BadInputError(rootName + ": holds images both directly (" + relativeName(root, e.path)
                                + " and others) and in class sub-folders; put every image in a class folder");

    // First pass reads only headers: sizes and channel counts are checked before any pixel is decoded.
    int width = 0, height = 0, channels = 1;
    fs::path first;
    for (const auto& e : entries) {
        int w = 0, h = 0, c = 0;
        if (!stbi_info(e.path.string().c_str(), &w, &h, &c))
            throw BadInputError(relativeName(root, e.path) + ": not a readable image (" + printable(stbi_failure_reason()) + ")");
        if (w < 1 || h < 1 || w > kMaxImageSide || h > kMaxImageSide)
            throw BadInputError(relativeName(root, e.path) + ": its header says " + std::to_string(w) + "x"
                                + std::to_string(h) + " pixels; images of 1 to " + std::to_string(kMaxImageSide)
                                + " pixels a side are supported");
        if (first.empty()) {
            width = w;
            height = h;
            first = e.path;
        } else if (w != width || h != height) {
            throw BadInputError(relativeName(root, e.path) + ": is " + std::to_string(w) + "x" + std::to_string(h)
                                + " but " + relativeName(root, first) + " is " + std::to_string(width) + "x"
                                + std::to_string(height) + "; all images must have the same size");
        }
        if (c >= 3)
            channels = 3;
    }

    const std::size_t plane = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    const std::size_t perImage = plane * static_cast<std::size_t>(channels);
    // Compressed images can be tiny on disk and huge decoded, so the file sizes bound nothing here: the cap is
    // on the decoded pixels (both factors are small after the checks above, so the product cannot overflow).
    if (static_cast<double>(perImage) * static_cast<double>(entries.size()) > kMaxDecodedBytes)
        throw BadInputError(rootName + ": " + std::to_string(entries.size()) + " images of " + std::to_string(width) + "x"
                            + std::to_string(height) + " would take "
                            + std::to_string(static_cast<long long>(static_cast<double>(perImage) * static_cast<double>(entries.size()) / (1 << 30)))
                            + " GiB decoded; a folder may hold at most 16 GiB of pixels");
    std::vector<std::uint8_t> pixels(perImage * entries.size());
    std::vector<std::int32_t> labels;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        int w = 0, h = 0, c = 0;
        std::unique_ptr<stbi_uc, void (*)(void*)> img(stbi_load(entries[i].path.string().c_str(), &w, &h, &c, channels),
                                                      stbi_image_free);
        if (!img)
            throw BadInputError(relativeName(root, entries[i].path) + ": cannot decode the image (" + printable(stbi_failure_reason()) + ")");
        if (w != width || h != height)
            throw BadInputError(relativeName(root, entries[i].path) + ": changed size while loading");
        // stb gives interleaved HWC; the dataset stores CHW.
        std::uint8_t* dst = pixels.data() + i * perImage;
        for (std::size_t px = 0; px < plane; ++px)
            for (int ch = 0; ch < channels; ++ch)
                dst[static_cast<std::size_t>(ch) * plane + px] = img.get()[px * static_cast<std::size_t>(channels) + static_cast<std::size_t>(ch)];
        if (labelled)
            labels.push_back(entries[i].label);
    }

    Dataset ds = Dataset::fromImages(std::move(pixels), static_cast<std::int64_t>(entries.size()), channels, height, width);
    ds.source = rootPath;
    ds.format = "image-folder";
    ds.sampleNames.reserve(entries.size());
    for (const auto& e : entries)
        ds.sampleNames.push_back(relativeName(root, e.path));
    if (labelled)
        ds.setLabels(std::move(labels), std::move(classNames));
    if (!skipped.empty())
        ds.notes.push_back("skipped " + std::to_string(skipped.size()) + " file(s) that are not images, e.g. " + skipped.front());
    return ds;
}

} // namespace latentlab
