#pragma once
// Shared by the QtTest suites: tiny data for training through the GUI, and settings kept away from the user's.
#include "dataset_ptr.h"

#include "fixtures.h"

namespace latentlab::ui::fixtures {

// 64 train + 16 test images of 8x8 in 4 classes, written as IDX into dir and loaded.
DatasetPtr tinyImages(const latentlab::testing::TempDir& dir);

// Test-mode standard paths and a test application name, so no suite reads or writes the user's settings and
// recent files. Call from initTestCase().
void isolateSettings();

} // namespace latentlab::ui::fixtures
