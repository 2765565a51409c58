#pragma once
// Shared by the suites of the explorer's directions (test_custom_axes.cpp, test_attribute_panel.cpp): a tiny
// untrained model on the 4-class fixture images, the latents it gives every sample, and the explorer driven
// until its layout is final.
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"
#include "tests/support/fixtures.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/common/tensor_image.h"
#include "ui/explorer/explorer_view.h"

#include <QSignalSpy>
#include <QtTest>

#include <torch/torch.h>

namespace latentlab::ui::directions_test {

inline ModelPtr tinyModel(const Dataset& data, std::int64_t latent)
{
    ModelConfig c = ModelConfig::defaultsFor(data.sampleShape(), ModelKind::Vae);
    c.hidden = {16};
    c.latentDim = latent;
    torch::manual_seed(5);
    return snapshotModel(makeModel(c));
}

// Every sample's latent mean [N, d], computed here directly.
inline torch::Tensor latentsOf(const ModelPtr& model, const Dataset& data)
{
    torch::NoGradGuard g;
    std::vector<std::int64_t> all(static_cast<std::size_t>(data.size()));
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = static_cast<std::int64_t>(i);
    return model->encode(data.batch(all)).mu.to(torch::kFloat32);
}

inline std::vector<std::int64_t> samplesOfClass(const Dataset& data, int k)
{
    std::vector<std::int64_t> rows;
    for (std::size_t i = 0; i < data.labels().size(); ++i)
        if (data.labels()[i] == k)
            rows.push_back(static_cast<std::int64_t>(i));
    return rows;
}

inline QImage decodeDirect(const ModelPtr& model, const torch::Tensor& z)
{
    torch::NoGradGuard g;
    return tensorToImage(model->decode(z.view({1, -1}).to(torch::kFloat32)).reconstruction[0]);
}

// Largest difference of any grey level: batch and single-row products may round the last bit differently.
inline int maxPixelDifference(const QImage& a, const QImage& b)
{
    if (a.size() != b.size() || a.isNull())
        return 256;
    const QImage x = a.convertToFormat(QImage::Format_Grayscale8), y = b.convertToFormat(QImage::Format_Grayscale8);
    int worst = 0;
    for (int r = 0; r < x.height(); ++r)
        for (int c = 0; c < x.width(); ++c)
            worst = std::max(worst, std::abs(x.constScanLine(r)[c] - y.constScanLine(r)[c]));
    return worst;
}

struct Explorer {
    latentlab::testing::TempDir dir;
    DatasetPtr data = fixtures::tinyImages(dir);
    ExplorerView view;
    Explorer() { view.resize(1200, 760); }
    // The data and a fresh model in the view, once its first layout is final; none if it never comes.
    ModelPtr explore(int latentDim)
    {
        view.setDataset(data);
        ModelPtr model = tinyModel(*data, latentDim);
        QSignalSpy frames(&view, &ExplorerView::frameShown);
        view.setModel(model);
        return waitFinal(frames) ? model : nullptr;
    }
    // A final frame among those `frames` has seen, or one that comes within ms.
    static bool waitFinal(QSignalSpy& frames, int ms = 20000)
    {
        return QTest::qWaitFor([&] {
            for (const auto& f : frames)
                if (f.at(0).toBool())
                    return true;
            return false;
        }, ms);
    }
};

} // namespace latentlab::ui::directions_test
