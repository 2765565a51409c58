#include "core/data/load_dataset.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace latentlab;
using namespace latentlab::testing;
namespace fs = std::filesystem;

TEST(ImageFolderLoader, ClassesAreSubFolderNamesInOrder)
{
    TempDir dir;
    fs::create_directories(dir.file("dog"));
    fs::create_directories(dir.file("cat"));
    writePng(dir.file("cat/a.png"), 6, 5, 1, 1);
    writePng(dir.file("cat/b.png"), 6, 5, 1, 2);
    writePng(dir.file("dog/c.png"), 6, 5, 1, 3);
    const Dataset ds = loadDataset(dir.path());
    ASSERT_EQ(ds.size(), 3);
    EXPECT_EQ(ds.format, "image-folder");
    EXPECT_EQ(ds.sampleShape(), (std::vector<std::int64_t>{1, 5, 6}));
    EXPECT_EQ(ds.classNames(), (std::vector<std::string>{"cat", "dog"}));
    EXPECT_EQ(ds.labels(), (std::vector<std::int32_t>{0, 0, 1}));
    EXPECT_EQ(ds.uint8Data()[2 * 30 + 1 * 6 + 4], fixturePixel(3, 1, 4));
    // Each sample keeps its file's name, relative to the folder's parent, for exports.
    const std::string root = fs::path(dir.path()).filename().string();
    EXPECT_EQ(ds.sampleNames, (std::vector<std::string>{root + "/cat/a.png", root + "/cat/b.png", root + "/dog/c.png"}));
}

TEST(ImageFolderLoader, AnyColourImageMakesTheSetRgbInChwOrder)
{
    TempDir dir;
    fs::create_directories(dir.file("a"));
    writePng(dir.file("a/gray.png"), 4, 3, 1, 1);
    writePng(dir.file("a/rgb.png"), 4, 3, 3, 2);
    const Dataset ds = loadDataset(dir.path());
    ASSERT_EQ(ds.channels(), 3);
    const std::uint8_t* rgb = ds.uint8Data() + 1 * 36; // second file in name order: rgb.png
    // channel c of pixel (y=2, x=1) lives at c*12 + 2*4 + 1
    EXPECT_EQ(rgb[0 * 12 + 9], fixturePixel(2, 2, 1));
    EXPECT_EQ(rgb[2 * 12 + 9], static_cast<std::uint8_t>(fixturePixel(2, 2, 1) + 100));
    // gray expanded to three equal channels
    EXPECT_EQ(ds.uint8Data()[0 * 12 + 5], ds.uint8Data()[1 * 12 + 5]);
}

TEST(ImageFolderLoader, ImagesDirectlyInRootAreUnlabelled)
{
    TempDir dir;
    writePng(dir.file("1.png"), 3, 3, 1, 1);
    writePng(dir.file("2.png"), 3, 3, 1, 2);
    const Dataset ds = loadDataset(dir.path());
    EXPECT_EQ(ds.size(), 2);
    EXPECT_FALSE(ds.hasLabels());
}

TEST(ImageFolderLoader, RejectsMixedSizesNamingBothFiles)
{
    TempDir dir;
    fs::create_directories(dir.file("c"));
    writePng(dir.file("c/a.png"), 8, 8, 1, 1);
    writePng(dir.file("c/b.png"), 8, 9, 1, 2);
    const std::string msg = badInputMessage([&] { loadDataset(dir.path()); });
    EXPECT_NE(msg.find("/c/b.png: is 8x9 but "), std::string::npos) << msg;
    EXPECT_NE(msg.find("/c/a.png is 8x8"), std::string::npos) << msg;
}

TEST(ImageFolderLoader, RejectsEmptyFolderAndFolderWithoutImages)
{
    TempDir dir;
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.path()); }).find("the folder is empty"), std::string::npos);
    fs::create_directories(dir.file("docs"));
    writeText(dir.file("docs/readme.txt"), "hello");
    writeText(dir.file("notes.md"), "hello");
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.path()); }).find("holds no images"), std::string::npos);
}

TEST(ImageFolderLoader, NonImageWithImageExtensionIsAnErrorNamingIt)
{
    TempDir dir;
    fs::create_directories(dir.file("c"));
    writePng(dir.file("c/a.png"), 4, 4, 1, 1);
    writeText(dir.file("c/b.png"), "this is not a png");
    const std::string msg = badInputMessage([&] { loadDataset(dir.path()); });
    EXPECT_NE(msg.find("c/b.png"), std::string::npos) << msg;
}

TEST(ImageFolderLoader, OtherFilesAreSkippedAndNoted)
{
    TempDir dir;
    fs::create_directories(dir.file("c"));
    writePng(dir.file("c/a.png"), 4, 4, 1, 1);
    writeText(dir.file("c/Thumbs.db"), "x");
    const Dataset ds = loadDataset(dir.path());
    EXPECT_EQ(ds.size(), 1);
    ASSERT_EQ(ds.notes.size(), 1u);
    EXPECT_NE(ds.notes[0].find("c/Thumbs.db"), std::string::npos);
}

TEST(ImageFolderLoader, AHeaderBeyondTheSideCapIsRefusedBeforeDecoding)
{
    TempDir dir;
    writePng(dir.file("tall.png"), 1, 4097, 1, 1);
    const std::string msg = badInputMessage([&] { loadDataset(dir.path()); });
    EXPECT_NE(msg.find("tall.png: its header says 1x4097 pixels; images of 1 to 4096 pixels a side are supported"),
              std::string::npos) << msg;
}
