#include "core/data/idx_loader.h"
#include "core/data/load_dataset.h"
#include "core/util/errors.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace latentlab;
using namespace latentlab::testing;

TEST(IdxLoader, ReadsRawImagesWithLabelsFoundBeside)
{
    TempDir dir;
    const std::string images = writeIdxPair(dir.path(), "train", 12, 5, 4, 3, false);
    const Dataset ds = loadDataset(images);
    ASSERT_EQ(ds.size(), 12);
    EXPECT_EQ(ds.sampleShape(), (std::vector<std::int64_t>{1, 5, 4}));
    EXPECT_EQ(ds.format, "idx");
    ASSERT_TRUE(ds.hasLabels());
    EXPECT_EQ(ds.numClasses(), 3);
    EXPECT_EQ(ds.labels()[7], 7 % 3);
    EXPECT_EQ(ds.uint8Data()[7 * 20 + 2 * 4 + 3], fixturePixel(7, 2, 3));
    EXPECT_FALSE(ds.split().predefined);
}

TEST(IdxLoader, ReadsGzippedImages)
{
    TempDir dir;
    const std::string images = writeIdxPair(dir.path(), "t10k", 9, 3, 3, 2, true);
    const Dataset ds = loadDataset(images);
    ASSERT_EQ(ds.size(), 9);
    EXPECT_EQ(ds.uint8Data()[8 * 9 + 4], fixturePixel(8, 1, 1));
    EXPECT_EQ(ds.classCounts(), (std::vector<std::int64_t>{5, 4}));
}

TEST(IdxLoader, ExplicitLabelsPathWins)
{
    TempDir dir;
    writeBytes(dir.file("imgs.idx3"), idxImagesBytes(4, 2, 2));
    writeBytes(dir.file("my-labels.idx1"), idxLabelsBytes(4, 4));
    LoadOptions options;
    options.labelsPath = dir.file("my-labels.idx1");
    const Dataset ds = loadDataset(dir.file("imgs.idx3"), options);
    EXPECT_EQ(ds.numClasses(), 4);
    EXPECT_EQ(ds.labels()[3], 3);
}

TEST(IdxLoader, FolderWithTrainAndTestKeepsTheirSplit)
{
    TempDir dir;
    writeIdxPair(dir.path(), "train", 10, 4, 4, 5, true);
    writeIdxPair(dir.path(), "t10k", 6, 4, 4, 5, true);
    const Dataset ds = loadDataset(dir.path());
    ASSERT_EQ(ds.size(), 16);
    EXPECT_TRUE(ds.split().predefined);
    EXPECT_EQ(ds.split().train.size(), 10u);
    EXPECT_EQ(ds.split().validation.size(), 6u);
    EXPECT_EQ(ds.split().validation.front(), 10);
    // Which file is which half is the split's own, for each front end to say in its words.
    EXPECT_EQ(ds.split().trainSource, "train-images-idx3-ubyte.gz");
    EXPECT_EQ(ds.split().validationSource, "t10k-images-idx3-ubyte.gz");
    EXPECT_TRUE(ds.notes.empty());
    // the test half follows the train half, pixel for pixel
    EXPECT_EQ(ds.uint8Data()[(10 + 2) * 16 + 5], fixturePixel(2, 1, 1));
    EXPECT_EQ(ds.labels()[10 + 3], 3);
}

TEST(IdxLoader, FashionFolderGetsClassNames)
{
    TempDir dir;
    const std::string folder = dir.file("fashion-mnist");
    std::filesystem::create_directories(folder);
    writeIdxPair(folder, "train", 20, 2, 2, 10, false);
    const Dataset ds = loadDataset(folder);
    ASSERT_EQ(ds.numClasses(), 10);
    EXPECT_EQ(ds.classNames()[0], "T-shirt/top");
    EXPECT_EQ(ds.classNames()[9], "Ankle boot");
}

TEST(IdxLoader, RejectsEmptyFile)
{
    TempDir dir;
    writeBytes(dir.file("train-images-idx3-ubyte"), {});
    const std::string msg = badInputMessage([&] { loadDataset(dir.file("train-images-idx3-ubyte")); });
    EXPECT_NE(msg.find("train-images-idx3-ubyte"), std::string::npos) << msg;
    EXPECT_NE(msg.find("empty"), std::string::npos) << msg;
}

TEST(IdxLoader, RejectsTruncatedGzip)
{
    TempDir dir;
    writeGzip(dir.file("full.gz"), idxImagesBytes(50, 8, 8));
    std::vector<std::uint8_t> gz;
    {
        std::ifstream in(dir.file("full.gz"), std::ios::binary);
        gz.assign(std::istreambuf_iterator<char>(in), {});
    }
    gz.resize(gz.size() / 2);
    writeBytes(dir.file("train-images-idx3-ubyte.gz"), gz);
    const std::string msg = badInputMessage([&] { loadDataset(dir.file("train-images-idx3-ubyte.gz")); });
    EXPECT_NE(msg.find("train-images-idx3-ubyte.gz"), std::string::npos) << msg;
    EXPECT_NE(msg.find("truncated"), std::string::npos) << msg;
}

TEST(IdxLoader, RejectsWrongMagic)
{
    TempDir dir;
    std::vector<std::uint8_t> bytes = idxImagesBytes(2, 2, 2);
    bytes[0] = 0x42;
    writeBytes(dir.file("x-images-idx3-ubyte"), bytes);
    const std::string msg = badInputMessage([&] { loadDataset(dir.file("x-images-idx3-ubyte")); });
    EXPECT_NE(msg.find("magic"), std::string::npos) << msg;
}

TEST(IdxLoader, RejectsHeaderClaimingTwoToThe31ItemsWithoutAllocating)
{
    TempDir dir;
    std::vector<std::uint8_t> bytes = idxImagesBytes(2, 28, 28);
    bytes[4] = 0x80; // count = 2^31 + 2
    writeBytes(dir.file("huge-images-idx3-ubyte"), bytes);
    std::string msg = badInputMessage([&] { loadDataset(dir.file("huge-images-idx3-ubyte")); });
    EXPECT_NE(msg.find("header says 2147483650x28x28"), std::string::npos) << msg;
    EXPECT_NE(msg.find("1568 bytes"), std::string::npos) << msg;

    writeGzip(dir.file("huge-images-idx3-ubyte.gz"), bytes);
    msg = badInputMessage([&] { loadDataset(dir.file("huge-images-idx3-ubyte.gz")); });
    EXPECT_NE(msg.find("header says 2147483650x28x28"), std::string::npos) << msg;
}

TEST(IdxLoader, ReportsShortPixelData)
{
    TempDir dir;
    std::vector<std::uint8_t> bytes = idxImagesBytes(10, 4, 4);
    bytes.resize(bytes.size() - 20);
    writeGzip(dir.file("short-images-idx3-ubyte.gz"), bytes);
    const std::string msg = badInputMessage([&] { loadDataset(dir.file("short-images-idx3-ubyte.gz")); });
    EXPECT_NE(msg.find("header says 10x4x4 but the file holds 140 bytes of pixels"), std::string::npos) << msg;
}

TEST(IdxLoader, RejectsLabelCountDifferentFromImageCount)
{
    TempDir dir;
    writeBytes(dir.file("train-images-idx3-ubyte"), idxImagesBytes(5, 2, 2));
    writeBytes(dir.file("train-labels-idx1-ubyte"), idxLabelsBytes(4, 2));
    const std::string msg = badInputMessage([&] { loadDataset(dir.file("train-images-idx3-ubyte")); });
    EXPECT_NE(msg.find("holds 4 labels but train-images-idx3-ubyte holds 5 images"), std::string::npos) << msg;
}

TEST(IdxLoader, RejectsUnsupportedTypeAndTrailingData)
{
    TempDir dir;
    std::vector<std::uint8_t> bytes = idxImagesBytes(2, 2, 2);
    bytes[2] = 0x0D;
    writeBytes(dir.file("float-images-idx3-ubyte"), bytes);
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("float-images-idx3-ubyte")); }).find("float"), std::string::npos);

    bytes = idxImagesBytes(2, 2, 2);
    bytes.push_back(7);
    writeBytes(dir.file("long-images-idx3-ubyte"), bytes);
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("long-images-idx3-ubyte")); }).find("more data"), std::string::npos);
}
