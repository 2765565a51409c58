#include "core/data/load_dataset.h"

#include "core/data/csv_loader.h"
#include "core/data/idx_loader.h"
#include "core/data/image_folder_loader.h"
#include "core/data/npy_loader.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace latentlab {
namespace {

std::string lowerExtension(const fs::path& p)
{
    std::string name = p.filename().string();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0)
        name.resize(name.size() - 3);
    return fs::path(name).extension().string();
}

bool startsWith(const std::string& path, const char* magic, std::size_t n)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(n, '\0');
    return in.read(head.data(), static_cast<std::streamsize>(n)) && std::memcmp(head.data(), magic, n) == 0;
}

} // namespace

Dataset loadDataset(const std::string& path, const LoadOptions& options)
{
    if (path.empty())
        throw BadInputError("no dataset path was given");
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw BadInputError(displayName(path) + ": no such file or folder");
    if (fs::is_directory(status)) {
        if (folderHasIdx(path))
            return loadIdxFolder(path);
        return loadImageFolder(path);
    }
    const std::string ext = lowerExtension(path);
    if (ext == ".csv" || ext == ".tsv" || ext == ".txt")
        return loadCsv(path, options.labelColumn);
    if (startsWith(path, "\x93NUMPY", 6))
        return loadNpy(path, options.labelsPath);
    if (ext == ".npy")
        throw BadInputError(displayName(path) + ": not a NumPy .npy file (wrong magic number)");
    if (looksLikeIdx(path) || path.find("idx") != std::string::npos || path.find("ubyte") != std::string::npos)
        return loadIdxImages(path, options.labelsPath);
    if (isImageFileName(path))
        throw BadInputError(displayName(path) + ": a single image is not a dataset; open the folder that holds the images");
    if (fs::file_size(path, ec) == 0)
        throw BadInputError(displayName(path) + ": the file is empty");
    throw BadInputError(displayName(path)
                        + ": unrecognized format (expected IDX, .npy, .csv/.tsv, or a folder of images)");
}

} // namespace latentlab
