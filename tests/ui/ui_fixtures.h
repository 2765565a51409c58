#pragma once
// Shared by the QtTest suites: tiny data for training through the GUI, and settings kept away from the user's.
#include "ui/common/dataset_ptr.h"

#include "tests/support/fixtures.h"

#include <QString>

namespace latentlab::ui::fixtures {

// 64 train + 16 test images of 8x8 in 4 classes, written as IDX into dir and loaded.
DatasetPtr tinyImages(const latentlab::testing::TempDir& dir);

// An untrained small VAE for `data`, saved as a LatentLab checkpoint in dir; returns its path.
QString tinyCheckpoint(const latentlab::testing::TempDir& dir, const Dataset& data);

// Test-mode standard paths and a test application name, so no suite reads or writes the user's settings and
// recent files. Call from initTestCase().
void isolateSettings();

// Threads of this process (from /proc: Linux).
int threadCount();

} // namespace latentlab::ui::fixtures
