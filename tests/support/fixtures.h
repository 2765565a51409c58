#pragma once
// Tiny datasets written by the tests themselves, in every format the loaders read. Nothing is downloaded.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::testing {

// A fresh empty folder under the system temp dir, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

void writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes);
void writeText(const std::string& path, const std::string& text);
void writeGzip(const std::string& path, const std::vector<std::uint8_t>& bytes);

// Pixel value of image i at (y, x): deterministic, so tests can check exact values after loading.
std::uint8_t fixturePixel(int i, int y, int x);

// IDX bytes for n images of h x w (pixels from fixturePixel) and for labels (i % classes).
std::vector<std::uint8_t> idxImagesBytes(int n, int h, int w);
std::vector<std::uint8_t> idxLabelsBytes(int n, int classes);
// Writes <prefix>-images-idx3-ubyte[.gz] and <prefix>-labels-idx1-ubyte[.gz] into dir; returns the images path.
std::string writeIdxPair(const std::string& dir, const std::string& prefix, int n, int h, int w, int classes, bool gzip);

// A PNG of w x h with the given channel count (1 or 3) and pixels from fixturePixel(seed, y, x).
void writePng(const std::string& path, int w, int h, int channels, int seed);

// A PNG's pixels as it stores them (row-major, channels interleaved); empty when it cannot be read.
struct PngImage {
    int width = 0, height = 0, channels = 0;
    std::vector<std::uint8_t> pixels;
    std::uint8_t at(int x, int y, int c = 0) const
    {
        return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c];
    }
};
PngImage readPng(const std::string& path);

// NumPy .npy with the given dtype descr ("|u1", "<f4", "<f8", "<i8"), shape and raw little-endian data.
void writeNpy(const std::string& path, const std::string& descr, const std::vector<std::uint64_t>& shape,
              const std::vector<std::uint8_t>& data, bool fortranOrder = false);
template <typename T>
std::vector<std::uint8_t> rawBytes(const std::vector<T>& values)
{
    const auto* p = reinterpret_cast<const std::uint8_t*>(values.data());
    return std::vector<std::uint8_t>(p, p + values.size() * sizeof(T));
}

} // namespace latentlab::testing
