#include "core/analysis/image_grid.h"

#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <stb/stb_image_write.h>

#include <torch/torch.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace latentlab {

namespace {

struct GridPixels {
    std::vector<std::uint8_t> pixels;
    int width = 0, height = 0, channels = 1;
};

GridPixels gridPixels(const torch::Tensor& images, int columns, int channels, int height, int width)
{
    constexpr int gutter = 2;
    const std::int64_t n = images.size(0);
    if (n == 0 || columns <= 0)
        throw BadInputError("an image grid needs at least one image and one column");
    const torch::Tensor img = images.detach().to(torch::kCPU, torch::kFloat32).reshape({n, channels, height, width})
                                  .clamp(0.0, 1.0).mul(255.0).round().to(torch::kUInt8).contiguous();
    const int cols = static_cast<int>(std::min<std::int64_t>(columns, n));
    const int rows = static_cast<int>((n + cols - 1) / cols);
    GridPixels out;
    out.width = cols * width + (cols + 1) * gutter;
    out.height = rows * height + (rows + 1) * gutter;
    out.channels = channels;
    const int gw = out.width;
    std::vector<std::uint8_t>& grid = out.pixels;
    grid.assign(static_cast<std::size_t>(gw) * out.height * channels, 32);
    const std::uint8_t* src = img.data_ptr<std::uint8_t>();
    const std::size_t plane = static_cast<std::size_t>(height) * width;
    for (std::int64_t i = 0; i < n; ++i) {
        const int x0 = gutter + static_cast<int>(i % cols) * (width + gutter);
        const int y0 = gutter + static_cast<int>(i / cols) * (height + gutter);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x)
                for (int c = 0; c < channels; ++c)
                    grid[(static_cast<std::size_t>(y0 + y) * gw + x0 + x) * channels + c] =
                        src[static_cast<std::size_t>(i) * plane * channels + c * plane + static_cast<std::size_t>(y) * width + x];
    }
    return out;
}

void appendBytes(void* context, void* data, int size)
{
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

} // namespace

void writeImageGrid(const std::string& path, const torch::Tensor& images, int columns, int channels, int height, int width)
{
    const GridPixels grid = gridPixels(images, columns, channels, height, width);
    errno = 0;
    if (!stbi_write_png(path.c_str(), grid.width, grid.height, channels, grid.pixels.data(), grid.width * channels))
        throw IoError(displayName(path) + ": cannot write the PNG" + (errno ? std::string(" (") + std::strerror(errno) + ")" : std::string()));
}

std::string imageGridPng(const torch::Tensor& images, int columns, int channels, int height, int width)
{
    const GridPixels grid = gridPixels(images, columns, channels, height, width);
    return encodePng(grid.pixels.data(), grid.width, grid.height, grid.channels);
}

std::string encodePng(const std::uint8_t* pixels, int width, int height, int channels)
{
    std::string png;
    if (!stbi_write_png_to_func(appendBytes, &png, width, height, channels, pixels, width * channels))
        throw IoError("cannot encode a " + std::to_string(width) + "x" + std::to_string(height) + " PNG in memory");
    return png;
}

} // namespace latentlab
