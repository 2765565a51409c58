#include "tests/support/fixtures.h"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#include <zlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace fs = std::filesystem;

namespace latentlab::testing {

TempDir::TempDir()
{
    static std::atomic<int> counter{0};
    const fs::path p = fs::temp_directory_path()
                       / ("latentlab-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(p);
    fs::create_directories(p);
    path_ = p.string();
}

TempDir::~TempDir()
{
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write fixture " + path);
}

void writeText(const std::string& path, const std::string& text)
{
    writeBytes(path, std::vector<std::uint8_t>(text.begin(), text.end()));
}

void writeGzip(const std::string& path, const std::vector<std::uint8_t>& bytes)
{
    gzFile gz = gzopen(path.c_str(), "wb");
    if (!gz || (bytes.size() && gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())) <= 0))
        throw std::runtime_error("cannot write fixture " + path);
    gzclose(gz);
}

std::uint8_t fixturePixel(int i, int y, int x)
{
    return static_cast<std::uint8_t>((i * 37 + y * 11 + x * 3) % 256);
}

static void putBigEndian(std::vector<std::uint8_t>& out, std::uint32_t v)
{
    out.push_back(static_cast<std::uint8_t>(v >> 24));
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

std::vector<std::uint8_t> idxImagesBytes(int n, int h, int w)
{
    std::vector<std::uint8_t> out{0, 0, 0x08, 3};
    putBigEndian(out, static_cast<std::uint32_t>(n));
    putBigEndian(out, static_cast<std::uint32_t>(h));
    putBigEndian(out, static_cast<std::uint32_t>(w));
    for (int i = 0; i < n; ++i)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                out.push_back(fixturePixel(i, y, x));
    return out;
}

std::vector<std::uint8_t> idxLabelsBytes(int n, int classes)
{
    std::vector<std::uint8_t> out{0, 0, 0x08, 1};
    putBigEndian(out, static_cast<std::uint32_t>(n));
    for (int i = 0; i < n; ++i)
        out.push_back(static_cast<std::uint8_t>(i % classes));
    return out;
}

std::string writeIdxPair(const std::string& dir, const std::string& prefix, int n, int h, int w, int classes, bool gzip)
{
    const std::string ext = gzip ? ".gz" : "";
    const std::string images = dir + "/" + prefix + "-images-idx3-ubyte" + ext;
    const std::string labels = dir + "/" + prefix + "-labels-idx1-ubyte" + ext;
    if (gzip) {
        writeGzip(images, idxImagesBytes(n, h, w));
        writeGzip(labels, idxLabelsBytes(n, classes));
    } else {
        writeBytes(images, idxImagesBytes(n, h, w));
        writeBytes(labels, idxLabelsBytes(n, classes));
    }
    return images;
}

void writePng(const std::string& path, int w, int h, int channels, int seed)
{
    std::vector<std::uint8_t> pixels;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c)
                pixels.push_back(static_cast<std::uint8_t>(fixturePixel(seed, y, x) + c * 50));
    if (!stbi_write_png(path.c_str(), w, h, channels, pixels.data(), w * channels))
        throw std::runtime_error("cannot write fixture " + path);
}

PngImage readPng(const std::string& path)
{
    PngImage image;
    unsigned char* px = stbi_load(path.c_str(), &image.width, &image.height, &image.channels, 0);
    if (!px)
        return {};
    image.pixels.assign(px, px + static_cast<std::size_t>(image.width) * image.height * image.channels);
    stbi_image_free(px);
    return image;
}

void writeNpy(const std::string& path, const std::string& descr, const std::vector<std::uint64_t>& shape,
              const std::vector<std::uint8_t>& data, bool fortranOrder)
{
    std::string shapeText = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        shapeText += (i ? ", " : "") + std::to_string(shape[i]);
    shapeText += shape.size() == 1 ? ",)" : ")";
    std::string header = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                         + ", 'shape': " + shapeText + ", }";
    while ((10 + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    std::vector<std::uint8_t> out{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    out.push_back(static_cast<std::uint8_t>(header.size() & 0xff));
    out.push_back(static_cast<std::uint8_t>(header.size() >> 8));
    out.insert(out.end(), header.begin(), header.end());
    out.insert(out.end(), data.begin(), data.end());
    writeBytes(path, out);
}

} // namespace latentlab::testing
