#include "ui/common/sample_image.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace latentlab::ui {
namespace {

std::uint8_t toByte(float v)
{
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
}

} // namespace

QImage sampleImage(const Dataset& dataset, std::int64_t index)
{
    if (!dataset.isImage() || index < 0 || index >= dataset.size())
        return {};
    const int c = dataset.channels();
    const int h = dataset.height();
    const int w = dataset.width();
    const std::int64_t plane = static_cast<std::int64_t>(h) * w;

    // One byte per value, still CHW; float samples go through sampleTo01, byte samples are read in place.
    std::vector<std::uint8_t> converted;
    const std::uint8_t* src = nullptr;
    if (const std::uint8_t* bytes = dataset.uint8Data()) {
        src = bytes + index * dataset.sampleNumel();
    } else {
        std::vector<float> values(static_cast<std::size_t>(dataset.sampleNumel()));
        dataset.sampleTo01(index, values.data());
        converted.resize(values.size());
        std::transform(values.begin(), values.end(), converted.begin(), toByte);
        src = converted.data();
    }

    if (c == 3 || c == 4) {
        QImage image(w, h, c == 3 ? QImage::Format_RGB888 : QImage::Format_RGBA8888);
        for (int y = 0; y < h; ++y) {
            std::uint8_t* line = image.scanLine(y);
            for (int x = 0; x < w; ++x)
                for (int k = 0; k < c; ++k)
                    line[x * c + k] = src[k * plane + static_cast<std::int64_t>(y) * w + x];
        }
        return image;
    }
    // One channel, or a channel count no image format has: show the first plane as gray.
    QImage image(w, h, QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y)
        std::copy_n(src + static_cast<std::int64_t>(y) * w, w, image.scanLine(y));
    return image;
}

QSize thumbnailSize(QSize image, int box)
{
    if (image.isEmpty() || box <= 0)
        return {};
    const int longest = std::max(image.width(), image.height());
    if (longest <= box) {
        const int factor = std::max(1, (box + longest / 2) / longest);
        return image * factor;
    }
    return image.scaled(box, box, Qt::KeepAspectRatio);
}

} // namespace latentlab::ui
