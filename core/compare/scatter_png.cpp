#include "core/compare/scatter_png.h"

#include "core/analysis/image_grid.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace latentlab {

namespace {

constexpr std::array<std::array<std::uint8_t, 3>, 10> kTableau = {{{31, 119, 180},
                                                                    {255, 127, 14},
                                                                    {44, 160, 44},
                                                                    {214, 39, 40},
                                                                    {148, 103, 189},
                                                                    {140, 86, 75},
                                                                    {227, 119, 194},
                                                                    {127, 127, 127},
                                                                    {188, 189, 34},
                                                                    {23, 190, 207}}};

double quantile(std::vector<float>& v, double q)
{
    const auto k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

} // namespace

ScatterBounds sharedBounds(const std::vector<torch::Tensor>& layouts)
{
    std::vector<float> xs, ys;
    for (const torch::Tensor& l : layouts) {
        if (!l.defined() || l.numel() == 0)
            continue;
        const torch::Tensor c = l.to(torch::kCPU, torch::kFloat32).contiguous();
        const float* p = c.data_ptr<float>();
        for (std::int64_t i = 0; i < c.size(0); ++i)
            if (std::isfinite(p[2 * i]) && std::isfinite(p[2 * i + 1])) {
                xs.push_back(p[2 * i]);
                ys.push_back(p[2 * i + 1]);
            }
    }
    ScatterBounds b;
    if (xs.empty())
        return b;
    b.x0 = quantile(xs, 0.005);
    b.x1 = quantile(xs, 0.995);
    b.y0 = quantile(ys, 0.005);
    b.y1 = quantile(ys, 0.995);
    // Square, so a layout keeps its shape; a margin of 5% each side.
    const double half = std::max({b.x1 - b.x0, b.y1 - b.y0, 1e-9}) * 0.55;
    const double cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2;
    return {cx - half, cx + half, cy - half, cy + half};
}

std::array<std::uint8_t, 3> classColour(int label)
{
    if (label < 0)
        return {150, 150, 150};
    std::array<std::uint8_t, 3> c = kTableau[static_cast<std::size_t>(label % 10)];
    for (int turn = label / 10; turn > 0; --turn)
        for (auto& v : c)
            v = static_cast<std::uint8_t>(v * 0.65);
    return c;
}

std::string classColourCss(int label)
{
    const auto c = classColour(label);
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c[0], c[1], c[2]);
    return buf;
}

std::string scatterPng(const torch::Tensor& xy, const std::vector<int>& labels, const ScatterBounds& bounds, int size)
{
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(size) * size * 3, 255);
    if (xy.defined() && xy.numel() > 0) {
        const torch::Tensor c = xy.to(torch::kCPU, torch::kFloat32).contiguous();
        const float* p = c.data_ptr<float>();
        const double sx = (size - 1) / (bounds.x1 - bounds.x0), sy = (size - 1) / (bounds.y1 - bounds.y0);
        for (std::int64_t i = 0; i < c.size(0); ++i) {
            if (!std::isfinite(p[2 * i]) || !std::isfinite(p[2 * i + 1]))
                continue;
            const int px = static_cast<int>(std::lround((p[2 * i] - bounds.x0) * sx));
            const int py = static_cast<int>(std::lround((bounds.y1 - p[2 * i + 1]) * sy)); // y up, as on a plot
            const auto colour = classColour(labels.empty() ? -1 : labels[static_cast<std::size_t>(i)]);
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int x = px + dx, y = py + dy;
                    if (x < 0 || y < 0 || x >= size || y >= size)
                        continue;
                    std::uint8_t* out = &rgb[(static_cast<std::size_t>(y) * size + x) * 3];
                    for (int k = 0; k < 3; ++k)
                        out[k] = static_cast<std::uint8_t>(std::lround(0.4 * out[k] + 0.6 * colour[k]));
                }
        }
    }
    return encodePng(rgb.data(), size, size, 3);
}

} // namespace latentlab
