// A checkpoint for the window to open, written straight from core: an untrained model is all a test of the
// window's wiring needs, and it takes no training time.
#include "tests/ui/ui_fixtures.h"

#include "core/models/make_model.h"
#include "core/training/checkpoint.h"

namespace latentlab::ui::fixtures {

QString tinyCheckpoint(const latentlab::testing::TempDir& dir, const Dataset& data)
{
    ModelConfig config;
    config.kind = ModelKind::Vae;
    config.inputShape = {data.channels(), data.height(), data.width()};
    config.hidden = {16};
    config.latentDim = 2;
    CheckpointMeta meta;
    meta.dataset = DatasetFingerprint::of(data);
    const std::string path = dir.file("tiny.ckpt");
    saveCheckpoint(path, *makeModel(config), nullptr, meta);
    return QString::fromStdString(path);
}

} // namespace latentlab::ui::fixtures
