#include "core/data/load_dataset.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

#include <limits>

using namespace latentlab;
using namespace latentlab::testing;

TEST(NpyLoader, Uint8ImagesWithLabelsBeside)
{
    TempDir dir;
    std::vector<std::uint8_t> px;
    for (int i = 0; i < 4 * 3 * 2; ++i)
        px.push_back(static_cast<std::uint8_t>(i * 10));
    writeNpy(dir.file("digits.npy"), "|u1", {4, 3, 2}, px);
    writeNpy(dir.file("digits_labels.npy"), "<i8", {4}, rawBytes(std::vector<std::int64_t>{0, 2, 1, 2}));
    const Dataset ds = loadDataset(dir.file("digits.npy"));
    ASSERT_EQ(ds.size(), 4);
    EXPECT_EQ(ds.sampleShape(), (std::vector<std::int64_t>{1, 3, 2}));
    EXPECT_EQ(ds.uint8Data()[7], 70);
    EXPECT_EQ(ds.numClasses(), 3);
    EXPECT_EQ(ds.labels()[1], 2);
}

TEST(NpyLoader, ChannelsLastImagesAreStoredChannelsFirst)
{
    TempDir dir;
    // 1 image, 2x2 pixels, 3 channels, HWC: value = 100*c + pixel index
    std::vector<std::uint8_t> px;
    for (int p = 0; p < 4; ++p)
        for (int c = 0; c < 3; ++c)
            px.push_back(static_cast<std::uint8_t>(100 * c + p));
    writeNpy(dir.file("rgb.npy"), "|u1", {1, 2, 2, 3}, px);
    const Dataset ds = loadDataset(dir.file("rgb.npy"));
    EXPECT_EQ(ds.sampleShape(), (std::vector<std::int64_t>{3, 2, 2}));
    EXPECT_EQ(ds.uint8Data()[2 * 4 + 3], 203);
}

TEST(NpyLoader, FloatTablesScalePerColumnAndFloat64Works)
{
    TempDir dir;
    writeNpy(dir.file("t.npy"), "<f8", {3, 2}, rawBytes(std::vector<double>{0, -1, 5, 1, 10, 3}));
    const Dataset ds = loadDataset(dir.file("t.npy"));
    EXPECT_FALSE(ds.isImage());
    float row[2];
    ds.sampleTo01(1, row);
    EXPECT_FLOAT_EQ(row[0], 0.5f);
    EXPECT_FLOAT_EQ(row[1], 0.5f);
    EXPECT_DOUBLE_EQ(ds.featureRanges()[1].min, -1.0);
}

TEST(NpyLoader, FloatImagesInUnitRangeStayAsTheyAre)
{
    TempDir dir;
    writeNpy(dir.file("f.npy"), "<f4", {2, 2, 2}, rawBytes(std::vector<float>{0, 0.25f, 0.5f, 1, 0, 0, 0, 0.75f}));
    const Dataset ds = loadDataset(dir.file("f.npy"));
    EXPECT_TRUE(ds.isImage());
    float img[4];
    ds.sampleTo01(0, img);
    EXPECT_FLOAT_EQ(img[1], 0.25f);
}

TEST(NpyLoader, RejectsUnsupportedDtypeFortranOrderAndShortData)
{
    TempDir dir;
    writeNpy(dir.file("c.npy"), "<c8", {2, 2}, std::vector<std::uint8_t>(32));
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("c.npy")); }).find("c.npy: dtype '<c8' is not supported"), std::string::npos);
    writeNpy(dir.file("i.npy"), "<i4", {2, 2}, std::vector<std::uint8_t>(16));
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("i.npy")); }).find("not supported for data"), std::string::npos);
    writeNpy(dir.file("f.npy"), "<f4", {2, 2}, std::vector<std::uint8_t>(16), true);
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("f.npy")); }).find("Fortran order"), std::string::npos);
    writeNpy(dir.file("s.npy"), "<f4", {100, 2}, std::vector<std::uint8_t>(16));
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("s.npy")); }).find("but the file holds 16 bytes"), std::string::npos);
    writeNpy(dir.file("n.npy"), "<f4", {1, 2}, rawBytes(std::vector<float>{1.0f, std::numeric_limits<float>::quiet_NaN()}));
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("n.npy")); }).find("not a finite number"), std::string::npos);
    writeText(dir.file("bad.npy"), "hello");
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("bad.npy")); }).find("wrong magic"), std::string::npos);
}

TEST(NpyLoader, RejectsLabelsOfTheWrongCount)
{
    TempDir dir;
    writeNpy(dir.file("x.npy"), "|u1", {3, 2, 2}, std::vector<std::uint8_t>(12));
    writeNpy(dir.file("x_labels.npy"), "<i8", {2}, rawBytes(std::vector<std::int64_t>{0, 1}));
    EXPECT_NE(badInputMessage([&] { loadDataset(dir.file("x.npy")); }).find("holds 2 labels but x.npy holds 3 samples"),
              std::string::npos);
}

// Out of memory on the way in: a header that claims 100 GB is refused from the file's size before anything
// is allocated (under ASan an allocation that size would abort the test; elsewhere it would throw bad_alloc).
TEST(NpyLoader, RefusesAHundredGigabyteHeaderWithoutAllocating)
{
    TempDir dir;
    writeNpy(dir.file("huge.npy"), "<f4", {1000000, 25000}, std::vector<std::uint8_t>(16));
    std::string msg = badInputMessage([&] { loadDataset(dir.file("huge.npy")); });
    EXPECT_NE(msg.find("huge.npy"), std::string::npos) << msg;
    EXPECT_NE(msg.find("but the file holds 16 bytes"), std::string::npos) << msg;

    writeNpy(dir.file("x.npy"), "|u1", {2, 2}, std::vector<std::uint8_t>(4));
    writeNpy(dir.file("x_labels.npy"), "<i8", {std::uint64_t{1} << 40}, std::vector<std::uint8_t>(16));
    msg = badInputMessage([&] { loadDataset(dir.file("x.npy")); });
    EXPECT_NE(msg.find("x_labels.npy"), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
}
