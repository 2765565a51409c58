#include "tests/ui/ui_fixtures.h"

#include "core/data/load_dataset.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
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
    // One settings file per suite: under ctest -j two suites run at once, and one's recent files or window
    // state must not land in the other's.
    QCoreApplication::setApplicationName(QStringLiteral("LatentLabTest-")
                                         + QFileInfo(QCoreApplication::applicationFilePath()).fileName());
}

int threadCount()
{
    return static_cast<int>(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace latentlab::ui::fixtures
