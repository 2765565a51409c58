#include "tests/ui/ui_fixtures.h"

#include "core/data/load_dataset.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace latentlab::ui::fixtures {

DatasetPtr tinyImages(const latentlab::testing::TempDir& dir)
{
    latentlab::testing::writeIdxPair(dir.path(), "train", 64, 8, 8, 4, false);
    latentlab::testing::writeIdxPair(dir.path(), "t10k", 16, 8, 8, 4, false);
    return std::make_shared<const Dataset>(loadDataset(dir.path()));
}

void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LatentLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("LatentLabTest"));
}

int threadCount()
{
    return static_cast<int>(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace latentlab::ui::fixtures
