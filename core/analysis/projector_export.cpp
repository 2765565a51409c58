#include "core/analysis/projector_export.h"

#include "core/analysis/image_grid.h"
#include "core/util/atomic_file.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <torch/torch.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace latentlab {
namespace {

constexpr const char* kTensors = "tensors.tsv";
constexpr const char* kMetadata = "metadata.tsv";
constexpr const char* kSprite = "sprite.png";
constexpr const char* kConfig = "projector_config.pbtxt";

// The Projector's TSV has no quoting: a tab or line break inside a class or file name would shift the columns
// of every row after it.
std::string tsvCell(const std::string& s)
{
    std::string out = s;
    std::replace_if(out.begin(), out.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    return out;
}

// The shortest text that reads back as the same float.
void appendFloat(std::string& out, float v)
{
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, ec == std::errc() ? end : buf);
}

// A text-format protobuf string.
std::string quoted(const std::string& s)
{
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c == '\n' ? ' ' : c;
    }
    return out + "\"";
}

std::string tensorsText(const torch::Tensor& latents)
{
    const torch::Tensor z = latents.to(torch::kCPU, torch::kFloat32).contiguous();
    const float* p = z.data_ptr<float>();
    const std::int64_t rows = z.size(0), cols = z.size(1);
    std::string out;
    out.reserve(static_cast<std::size_t>(rows * cols * 12));
    for (std::int64_t r = 0; r < rows; ++r) {
        for (std::int64_t c = 0; c < cols; ++c) {
            if (c)
                out += '\t';
            appendFloat(out, p[r * cols + c]);
        }
        out += '\n';
    }
    return out;
}

std::string metadataText(const Dataset& data, const std::vector<std::int64_t>& rows, const std::vector<float>& scores)
{
    const bool files = !data.sampleNames.empty();
    std::string out = "index\tlabel\tclass";
    if (!scores.empty())
        out += "\tanomaly_score";
    if (files)
        out += "\tfile";
    out += '\n';
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto i = static_cast<std::size_t>(rows[r]);
        out += std::to_string(rows[r]) + '\t';
        if (data.hasLabels()) {
            const std::int32_t label = data.labels()[i];
            out += std::to_string(label) + '\t' + tsvCell(data.classNames()[static_cast<std::size_t>(label)]);
        } else {
            out += '\t'; // unlabelled data: both cells empty, so every row keeps the header's columns
        }
        if (!scores.empty()) {
            out += '\t';
            appendFloat(out, scores[r]);
        }
        if (files)
            out += '\t' + tsvCell(data.sampleNames[i]);
        out += '\n';
    }
    return out;
}

// Each thumbnail pixel is the mean of the source pixels its box covers: shrinking by a factor that is not a
// whole number neither drops thin strokes nor aliases them.
std::string spritePng(const Dataset& data, const std::vector<std::int64_t>& rows, const SpriteLayout& layout)
{
    const int c = data.channels(), h = data.height(), w = data.width();
    const int tw = layout.thumbWidth, th = layout.thumbHeight;
    const auto stride = static_cast<std::size_t>(layout.width()) * c;
    std::vector<std::uint8_t> pixels(stride * static_cast<std::size_t>(layout.height()), 0);
    std::vector<float> sample(static_cast<std::size_t>(data.sampleNumel()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        data.sampleTo01(rows[r], sample.data());
        const auto x0 = static_cast<std::size_t>(r % static_cast<std::size_t>(layout.cellsPerSide)) * tw;
        const auto y0 = static_cast<std::size_t>(r / static_cast<std::size_t>(layout.cellsPerSide)) * th;
        for (int ty = 0; ty < th; ++ty) {
            const int sy0 = ty * h / th, sy1 = std::max(sy0 + 1, (ty + 1) * h / th);
            for (int tx = 0; tx < tw; ++tx) {
                const int sx0 = tx * w / tw, sx1 = std::max(sx0 + 1, (tx + 1) * w / tw);
                for (int ch = 0; ch < c; ++ch) {
                    const float* plane = sample.data() + static_cast<std::size_t>(ch) * h * w;
                    double sum = 0.0;
                    for (int sy = sy0; sy < sy1; ++sy)
                        for (int sx = sx0; sx < sx1; ++sx)
                            sum += plane[sy * w + sx];
                    const double mean = sum / ((sy1 - sy0) * (sx1 - sx0));
                    pixels[(y0 + ty) * stride + (x0 + tx) * c + ch] =
                        static_cast<std::uint8_t>(std::lround(std::clamp(mean, 0.0, 1.0) * 255.0));
                }
            }
        }
    }
    return encodePng(pixels.data(), layout.width(), layout.height(), c);
}

std::string configText(const std::string& tensorName, std::int64_t rows, std::int64_t dims,
                       const std::optional<SpriteLayout>& sprite)
{
    std::string out = "embeddings {\n";
    out += "  tensor_name: " + quoted(tensorName) + "\n";
    out += "  tensor_path: " + quoted(kTensors) + "\n";
    out += "  metadata_path: " + quoted(kMetadata) + "\n";
    out += "  tensor_shape: [" + std::to_string(rows) + ", " + std::to_string(dims) + "]\n";
    if (sprite) {
        out += "  sprite {\n";
        out += "    image_path: " + quoted(kSprite) + "\n";
        out += "    single_image_dim: [" + std::to_string(sprite->thumbWidth) + ", " + std::to_string(sprite->thumbHeight)
               + "]\n";
        out += "  }\n";
    }
    return out + "}\n";
}

// The folder's name for messages: "out/" names out, not an empty string.
std::string folderName(const std::string& directory)
{
    std::string d = directory;
    while (d.size() > 1 && d.back() == '/')
        d.pop_back();
    return displayName(d);
}

} // namespace

void checkProjectorFolder(const std::string& directory)
{
    std::error_code ec;
    const fs::file_status status = fs::status(directory, ec);
    if (fs::exists(status) && !fs::is_directory(status))
        throw BadInputError(folderName(directory) + " is a file, not a folder for the Projector's files");
    if (!fs::exists(status))
        return;
    std::vector<std::string> present;
    for (const std::string& name : projectorFileNames())
        if (fs::symlink_status(fs::path(directory) / name, ec).type() != fs::file_type::not_found)
            present.push_back(name);
    if (present.empty())
        return;
    std::string list;
    for (std::size_t i = 0; i < present.size(); ++i)
        list += (i == 0 ? "" : i + 1 == present.size() ? " and " : ", ") + present[i];
    throw BadInputError(folderName(directory) + " already holds " + list
                        + ", which LatentLab does not replace: choose an empty folder or a new one");
}

const std::vector<std::string>& projectorFileNames()
{
    static const std::vector<std::string> names{kTensors, kMetadata, kSprite, kConfig};
    return names;
}

SpriteLayout spriteLayoutFor(std::int64_t count, int width, int height)
{
    if (count < 1 || width < 1 || height < 1)
        throw BadInputError("a sprite needs at least one image of at least one pixel");
    auto cells = static_cast<std::int64_t>(std::ceil(std::sqrt(static_cast<double>(count))));
    while (cells * cells < count)
        ++cells;
    while (cells > 1 && (cells - 1) * (cells - 1) >= count)
        --cells;
    if (cells > kMaxSpriteSide)
        throw BadInputError(std::to_string(count) + " images do not fit one sprite of at most "
                            + std::to_string(kMaxSpriteSide) + " pixels a side, even at one pixel each");
    SpriteLayout s;
    s.cellsPerSide = static_cast<int>(cells);
    const int fit = kMaxSpriteSide / s.cellsPerSide; // the largest thumbnail side that fits
    const int largest = std::max(width, height);
    if (largest <= fit) {
        s.thumbWidth = width;
        s.thumbHeight = height;
    } else {
        // One factor for both sides keeps the images' proportions.
        s.thumbWidth = std::max(1, static_cast<int>(static_cast<std::int64_t>(width) * fit / largest));
        s.thumbHeight = std::max(1, static_cast<int>(static_cast<std::int64_t>(height) * fit / largest));
    }
    return s;
}

ProjectorExport writeProjectorExport(const std::string& directory, const torch::Tensor& latents, const Dataset& data,
                                     const std::vector<std::int64_t>& rowsIn, const std::vector<float>& scores,
                                     const std::string& tensorName)
{
    std::vector<std::int64_t> rows = rowsIn;
    if (rows.empty())
        for (std::int64_t i = 0; i < data.size(); ++i)
            rows.push_back(i);
    if (!latents.defined() || latents.dim() != 2 || latents.size(0) != static_cast<std::int64_t>(rows.size())
        || latents.size(1) < 1)
        throw BadInputError("the Projector export needs one latent row for each of the " + std::to_string(rows.size())
                            + " samples");
    for (const auto i : rows)
        if (i < 0 || i >= data.size())
            throw BadInputError("sample " + std::to_string(i) + " is not in the dataset of " + std::to_string(data.size()));
    if (!scores.empty() && scores.size() != rows.size())
        throw BadInputError("the Projector export has " + std::to_string(scores.size()) + " anomaly scores for "
                            + std::to_string(rows.size()) + " samples");

    ProjectorExport result;
    result.directory = directory;
    result.rows = latents.size(0);
    result.dims = latents.size(1);
    result.scores = !scores.empty();
    if (data.isImage())
        result.sprite = spriteLayoutFor(result.rows, data.width(), data.height());
    checkProjectorFolder(directory);
    std::error_code ec;
    if (!fs::is_directory(directory, ec) && !fs::create_directories(directory, ec) && ec)
        throw IoError("could not create the folder " + folderName(directory) + " (" + ec.message() + ")");

    // The config last: a folder with a config in it is a finished export.
    const auto write = [&](const char* name, const std::string& bytes) {
        writeNewFileAtomically((fs::path(directory) / name).string(), bytes.data(), bytes.size());
        result.files.push_back(name);
    };
    try {
        write(kTensors, tensorsText(latents));
        write(kMetadata, metadataText(data, rows, scores));
        if (result.sprite)
            write(kSprite, spritePng(data, rows, *result.sprite));
        write(kConfig, configText(tensorName, result.rows, result.dims, result.sprite));
    } catch (...) {
        // Half an export would look finished to the Projector: what this call wrote goes again (those files
        // are ours; nothing that was there before is touched).
        for (const std::string& name : result.files)
            fs::remove(fs::path(directory) / name, ec);
        throw;
    }
    return result;
}

} // namespace latentlab
