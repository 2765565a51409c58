#include "ui/common/tensor_image.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

QImage tensorToImage(const at::Tensor& sample)
{
    torch::Tensor t = sample.detach().to(torch::kCPU, torch::kFloat32).clamp(0.0, 1.0).mul(255.0).round()
                          .to(torch::kUInt8);
    if (t.dim() == 1)
        t = t.view({1, 1, t.size(0)});
    if (t.dim() != 3)
        return {};
    if (t.size(0) != 1 && t.size(0) != 3 && t.size(0) != 4)
        t = t.narrow(0, 0, 1);
    t = t.permute({1, 2, 0}).contiguous();
    const int h = static_cast<int>(t.size(0)), w = static_cast<int>(t.size(1)), c = static_cast<int>(t.size(2));
    const QImage::Format format = c == 1   ? QImage::Format_Grayscale8
                                  : c == 3 ? QImage::Format_RGB888
                                           : QImage::Format_RGBA8888;
    return QImage(t.data_ptr<std::uint8_t>(), w, h, w * c, format).copy();
}

QVector<QImage> tensorToImages(const at::Tensor& batch)
{
    QVector<QImage> images;
    if (!batch.defined())
        return images;
    images.reserve(static_cast<int>(batch.size(0)));
    for (std::int64_t i = 0; i < batch.size(0); ++i)
        images << tensorToImage(batch[i]);
    return images;
}

} // namespace latentlab::ui

namespace latentlab::ui {

QImage heatmapImage(const at::Tensor& values, double maxValue)
{
    torch::Tensor v = values.detach().to(torch::kCPU, torch::kFloat32);
    if (v.dim() == 1)
        v = v.view({1, v.size(0)});
    if (v.dim() != 2)
        return {};
    v = v.contiguous();
    if (maxValue <= 0.0)
        maxValue = std::max(1e-12, v.max().item<double>());
    const int h = static_cast<int>(v.size(0)), w = static_cast<int>(v.size(1));
    QImage image(w, h, QImage::Format_RGB32);
    const float* p = v.data_ptr<float>();
    for (int r = 0; r < h; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < w; ++c) {
            // "Hot": red rises over the first third, green over the second, blue over the last.
            const double s = std::clamp(static_cast<double>(p[r * w + c]) / maxValue, 0.0, 1.0) * 3.0;
            auto channel = [](double x) { return static_cast<int>(std::round(std::clamp(x, 0.0, 1.0) * 255.0)); };
            line[c] = qRgb(channel(s), channel(s - 1.0), channel(s - 2.0));
        }
    }
    return image;
}

} // namespace latentlab::ui
