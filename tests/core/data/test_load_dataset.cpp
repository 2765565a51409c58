#include "core/data/load_dataset.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

using namespace latentlab;
using namespace latentlab::testing;

TEST(LoadDataset, MissingPathIsBadInput)
{
    TempDir dir;
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("nope.csv")); }).find("nope.csv: no such file or folder"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { loadDataset(""); }).find("no dataset path"), std::string::npos);
}

TEST(LoadDataset, UnknownFormatSaysWhatIsExpected)
{
    TempDir dir;
    writeText(dir.file("data.bin"), "random bytes");
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("data.bin")); }).find("unrecognized format"), std::string::npos);
    writeBytes(dir.file("zero.bin"), {});
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("zero.bin")); }).find("empty"), std::string::npos);
}

TEST(LoadDataset, SingleImageIsNotADataset)
{
    TempDir dir;
    writePng(dir.file("one.png"), 2, 2, 1, 0);
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("one.png")); }).find("single image"), std::string::npos);
}

TEST(LoadDataset, GzippedGarbageIsCorruptNotACrash)
{
    TempDir dir;
    writeBytes(dir.file("train-images-idx3-ubyte.gz"), {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8});
    const std::string msg = badInputMessage([&] { loadDataset(dir.file("train-images-idx3-ubyte.gz")); });
    EXPECT_NE(msg.find("train-images-idx3-ubyte.gz"), std::string::npos) << msg;
}
