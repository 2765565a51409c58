// Exporting a selection: the CSV lists the samples in order with their class and file, one PNG per image that
// reads back to the same pixels, image-folder samples keep their file's name, and a folder that holds anything
// is refused before a file is written.
#include "core/analysis/analysis_control.h"
#include "core/data/load_dataset.h"
#include "core/data/selection_export.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace latentlab;
using namespace latentlab::testing;
namespace fs = std::filesystem;

namespace {

// 50 images of 5 x 4 (one channel) in 3 classes, pixels from fixturePixel.
Dataset smallImages(int channels = 1)
{
    const int n = 50, h = 5, w = 4;
    std::vector<std::uint8_t> pixels;
    for (int i = 0; i < n; ++i)
        for (int c = 0; c < channels; ++c)
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x)
                    pixels.push_back(static_cast<std::uint8_t>(fixturePixel(i, y, x) + 40 * c));
    Dataset d = Dataset::fromImages(std::move(pixels), n, channels, h, w);
    std::vector<std::int32_t> labels;
    for (int i = 0; i < n; ++i)
        labels.push_back(i % 3);
    d.setLabels(labels, {"circle", "square, large", "tri\"angle"});
    return d;
}

std::string readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> filesIn(const std::string& folder)
{
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(folder))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

TEST(SelectionExport, WritesTheCsvAndOnePngPerSampleNamedByIndex)
{
    TempDir dir;
    const Dataset data = smallImages();
    const std::string out = dir.file("picked");
    const SelectionExport r = exportSelection(data, {42, 0, 7}, out);
    EXPECT_EQ(r.rows, 3);
    EXPECT_EQ(r.images, 3);
    EXPECT_EQ(r.csvPath, out + "/selection.csv");
    // Rows in the order given; class names quoted where CSV needs it; no file names outside image folders.
    EXPECT_EQ(readText(r.csvPath), "index,label,file\n42,circle,\n0,circle,\n7,\"square, large\",\n");
    EXPECT_EQ(filesIn(out), (std::vector<std::string>{"00000.png", "00007.png", "00042.png", "selection.csv"}));

    // Read back as an image folder (name order): the same pixels, the CSV skipped as a file that is no image.
    const Dataset back = loadDataset(out);
    ASSERT_EQ(back.size(), 3);
    EXPECT_EQ(back.sampleShape(), data.sampleShape());
    for (const auto& [row, sample] : {std::pair{0, 0}, std::pair{1, 7}, std::pair{2, 42}})
        EXPECT_TRUE(std::equal(back.uint8Data() + row * 20, back.uint8Data() + row * 20 + 20,
                               data.uint8Data() + sample * 20))
            << "sample " << sample;
}

TEST(SelectionExport, ColourAndFloatImagesReadBack)
{
    TempDir dir;
    const Dataset rgb = smallImages(3);
    exportSelection(rgb, {5}, dir.file("rgb"));
    const Dataset back = loadDataset(dir.file("rgb"));
    ASSERT_EQ(back.channels(), 3);
    EXPECT_TRUE(std::equal(back.uint8Data(), back.uint8Data() + 60, rgb.uint8Data() + 5 * 60));

    std::vector<float> values {0.0f, 0.25f, 0.5f, 1.0f};
    const Dataset floats = Dataset::fromFloatImages(values, 1, 1, 2, 2, {0.0, 1.0});
    exportSelection(floats, {0}, dir.file("float"));
    const Dataset f = loadDataset(dir.file("float"));
    ASSERT_EQ(f.size(), 1);
    EXPECT_EQ((std::vector<int>(f.uint8Data(), f.uint8Data() + 4)), (std::vector<int>{0, 64, 128, 255}));
}

TEST(SelectionExport, ImageFolderSamplesKeepTheirFileNames)
{
    TempDir dir;
    fs::create_directories(dir.file("shoes/boot"));
    fs::create_directories(dir.file("shoes/sandal"));
    writePng(dir.file("shoes/boot/001.png"), 4, 4, 1, 1);
    writePng(dir.file("shoes/boot/002.png"), 4, 4, 1, 2);
    writePng(dir.file("shoes/sandal/001.png"), 4, 4, 1, 3);
    const Dataset data = loadDataset(dir.file("shoes"));
    ASSERT_EQ(data.size(), 3);
    // Two files called 001.png: the second one exported gets its index in front.
    EXPECT_EQ(selectionImageNames(data, {0, 1, 2}), (std::vector<std::string>{"001.png", "002.png", "00002_001.png"}));
    const std::string out = dir.file("export");
    exportSelection(data, {0, 1, 2}, out);
    EXPECT_EQ(readText(out + "/selection.csv"),
              "index,label,file\n0,boot,shoes/boot/001.png\n1,boot,shoes/boot/002.png\n2,sandal,shoes/sandal/001.png\n");
    EXPECT_EQ(filesIn(out), (std::vector<std::string>{"00002_001.png", "001.png", "002.png", "selection.csv"}));
}

TEST(SelectionExport, TablesGetTheCsvAlone)
{
    TempDir dir;
    const Dataset table = Dataset::fromTable({0.1f, 0.2f, 0.3f, 0.4f}, 2, 2, {{0, 1}, {0, 1}}, {"a", "b"});
    const SelectionExport r = exportSelection(table, {1}, dir.file("rows"));
    EXPECT_EQ(r.images, 0);
    EXPECT_EQ(readText(r.csvPath), "index,label,file\n1,,\n");
    EXPECT_EQ(filesIn(dir.file("rows")), (std::vector<std::string>{"selection.csv"}));
}

TEST(SelectionExport, RefusesAFolderThatHoldsAnythingAndWritesNothing)
{
    TempDir dir;
    const Dataset data = smallImages();
    fs::create_directories(dir.file("full"));
    writeText(dir.file("full/mine.txt"), "keep me");
    EXPECT_EQ(badInputMessage([&] { exportSelection(data, {1}, dir.file("full")); }),
              "full is not empty: choose a new folder, so that no file in it is replaced");
    EXPECT_EQ(filesIn(dir.file("full")), (std::vector<std::string>{"mine.txt"}));
    EXPECT_EQ(readText(dir.file("full/mine.txt")), "keep me");
    writeText(dir.file("file.txt"), "x");
    EXPECT_EQ(badInputMessage([&] { exportSelection(data, {1}, dir.file("file.txt")); }),
              "file.txt exists and is not a folder: choose a new folder to export into");
    EXPECT_EQ(badInputMessage([&] { exportSelection(data, {}, dir.file("none")); }),
              "the selection is empty: there is nothing to export");
    EXPECT_EQ(badInputMessage([&] { exportSelection(data, {3, 50}, dir.file("none")); }),
              "sample 50 is not in the data (it has 50)");
    EXPECT_FALSE(fs::exists(dir.file("none")));
    // An empty folder is as good as a new one.
    fs::create_directories(dir.file("empty"));
    EXPECT_EQ(exportSelection(data, {1}, dir.file("empty")).images, 1);
}

TEST(SelectionExport, StopsBetweenImagesWhenCancelled)
{
    TempDir dir;
    const Dataset data = smallImages();
    AnalysisControl control;
    control.cancel();
    EXPECT_THROW(exportSelection(data, {1, 2, 3}, dir.file("stopped"), &control), AnalysisCancelled);
    EXPECT_EQ(filesIn(dir.file("stopped")), (std::vector<std::string>{"selection.csv"}));

    double last = 0;
    AnalysisControl watched([&](double f, const std::string&) { last = f; });
    exportSelection(data, {1, 2, 3}, dir.file("watched"), &watched);
    EXPECT_EQ(last, 1.0);
}
