// The Embedding Projector export read back file by file: the latents exactly, the metadata's header and
// columns (scores and file names only where there are some), the sprite's size and a thumbnail's pixels at
// full size and shrunk, the config's fields; a folder holding any of the four files is refused untouched.
#include "core/analysis/projector_export.h"

#include "core/util/atomic_file.h"
#include "core/util/errors.h"
#include "tests/core/analysis/analysis_fixtures.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace latentlab;
using latentlab::testing::TempDir;
namespace lt = latentlab::testing;

namespace {

std::string fileText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Lines split at tabs, keeping empty cells.
std::vector<std::vector<std::string>> tsv(const std::string& path)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(fileText(path));
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
            cells.push_back(line.substr(start, tab - start));
        cells.push_back(line.substr(start));
        rows.push_back(cells);
    }
    return rows;
}

bool exists(const std::string& path)
{
    return std::filesystem::exists(path);
}

} // namespace

TEST(ProjectorExport, ImagesWriteEveryFileAndReadBack)
{
    const TempDir dir;
    const Dataset data = lt::patternedImages(10, 7, 13); // 8x8, labels i % 3 named a, b, c
    torch::manual_seed(1);
    const torch::Tensor z = torch::randn({10, 4});
    std::vector<float> scores;
    for (int i = 0; i < 10; ++i)
        scores.push_back(0.125f * static_cast<float>(i) + 1e-7f);
    const std::string out = dir.file("new/folder"); // created, parents and all
    const ProjectorExport e = writeProjectorExport(out, z, data, {}, scores, "mu");

    EXPECT_EQ(e.files, (std::vector<std::string>{"tensors.tsv", "metadata.tsv", "sprite.png", "projector_config.pbtxt"}));
    EXPECT_EQ(e.rows, 10);
    EXPECT_EQ(e.dims, 4);
    EXPECT_TRUE(e.scores);

    // tensors.tsv: no header, one row per sample, the floats exactly.
    const auto tensors = tsv(out + "/tensors.tsv");
    ASSERT_EQ(tensors.size(), 10u);
    for (std::int64_t r = 0; r < 10; ++r) {
        ASSERT_EQ(tensors[static_cast<std::size_t>(r)].size(), 4u) << "row " << r;
        for (std::int64_t c = 0; c < 4; ++c)
            EXPECT_EQ(std::strtof(tensors[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)].c_str(), nullptr),
                      z[r][c].item<float>());
    }

    // metadata.tsv: a header, then index, label, class and score; no file column (not an image folder).
    const auto meta = tsv(out + "/metadata.tsv");
    ASSERT_EQ(meta.size(), 11u);
    EXPECT_EQ(meta[0], (std::vector<std::string>{"index", "label", "class", "anomaly_score"}));
    for (int i = 0; i < 10; ++i) {
        const auto& row = meta[static_cast<std::size_t>(i) + 1];
        ASSERT_EQ(row.size(), 4u);
        EXPECT_EQ(row[0], std::to_string(i));
        EXPECT_EQ(row[1], std::to_string(i % 3));
        EXPECT_EQ(row[2], std::string(1, static_cast<char>('a' + i % 3)));
        EXPECT_EQ(std::strtof(row[3].c_str(), nullptr), scores[static_cast<std::size_t>(i)]);
    }

    // sprite.png: 4 x 4 cells of 8 x 8 (10 images need 4 a side), grey, sample 5 in row 1, column 1, at full size.
    const lt::PngImage sprite = lt::readPng(out + "/sprite.png");
    ASSERT_EQ(sprite.width, 32);
    ASSERT_EQ(sprite.height, 32);
    ASSERT_EQ(sprite.channels, 1);
    std::vector<float> px(64);
    data.sampleTo01(5, px.data());
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x)
            ASSERT_EQ(sprite.at(8 + x, 8 + y), static_cast<int>(std::lround(px[static_cast<std::size_t>(y * 8 + x)] * 255)))
                << "pixel " << x << "," << y;
    EXPECT_EQ(sprite.at(31, 31), 0); // the cells after the last image stay black

    const std::string config = fileText(out + "/projector_config.pbtxt");
    EXPECT_EQ(config, "embeddings {\n"
                      "  tensor_name: \"mu\"\n"
                      "  tensor_path: \"tensors.tsv\"\n"
                      "  metadata_path: \"metadata.tsv\"\n"
                      "  tensor_shape: [10, 4]\n"
                      "  sprite {\n"
                      "    image_path: \"sprite.png\"\n"
                      "    single_image_dim: [8, 8]\n"
                      "  }\n"
                      "}\n");
}

TEST(ProjectorExport, ChosenRowsKeepTheirDatasetIndicesAndImageFoldersNameTheirFiles)
{
    const TempDir dir;
    Dataset data = lt::patternedImages(6, 3, 5);
    data.sampleNames = {"shoes/boot/0.png", "shoes/boot/1.png", "odd\tname.png", "x/3.png", "x/4.png", "x/5.png"};
    const torch::Tensor z = torch::arange(6, torch::kFloat32).reshape({3, 2});
    writeProjectorExport(dir.path(), z, data, {4, 2, 0});
    const auto meta = tsv(dir.file("metadata.tsv"));
    ASSERT_EQ(meta.size(), 4u);
    EXPECT_EQ(meta[0], (std::vector<std::string>{"index", "label", "class", "file"}));
    EXPECT_EQ(meta[1], (std::vector<std::string>{"4", "1", "b", "x/4.png"}));
    // A tab inside a name would shift the Projector's columns: it becomes a space.
    EXPECT_EQ(meta[2], (std::vector<std::string>{"2", "2", "c", "odd name.png"}));
    EXPECT_EQ(meta[3], (std::vector<std::string>{"0", "0", "a", "shoes/boot/0.png"}));
    const auto tensors = tsv(dir.file("tensors.tsv"));
    ASSERT_EQ(tensors.size(), 3u);
    EXPECT_EQ(tensors[1], (std::vector<std::string>{"2", "3"}));
    // The sprite follows the rows: 2 x 2 cells, sample 2 second.
    const lt::PngImage sprite = lt::readPng(dir.file("sprite.png"));
    ASSERT_EQ(sprite.width, 16);
    std::vector<float> px(64);
    data.sampleTo01(2, px.data());
    EXPECT_EQ(sprite.at(8 + 3, 2), static_cast<int>(std::lround(px[2 * 8 + 3] * 255)));
}

TEST(ProjectorExport, TablesHaveNoSpriteAndUnlabelledDataEmptyClassCells)
{
    const TempDir dir;
    const Dataset table = Dataset::fromTable(std::vector<float>(12, 0.5f), 4, 3, std::vector<ValueRange>(3), {"a", "b", "c"});
    const ProjectorExport e = writeProjectorExport(dir.path(), torch::ones({4, 2}), table);
    EXPECT_EQ(e.files, (std::vector<std::string>{"tensors.tsv", "metadata.tsv", "projector_config.pbtxt"}));
    EXPECT_FALSE(e.sprite.has_value());
    EXPECT_FALSE(exists(dir.file("sprite.png")));
    const auto meta = tsv(dir.file("metadata.tsv"));
    ASSERT_EQ(meta.size(), 5u);
    EXPECT_EQ(meta[0], (std::vector<std::string>{"index", "label", "class"}));
    EXPECT_EQ(meta[3], (std::vector<std::string>{"2", "", ""}));
    const std::string config = fileText(dir.file("projector_config.pbtxt"));
    EXPECT_NE(config.find("tensor_shape: [4, 2]"), std::string::npos);
    EXPECT_EQ(config.find("sprite"), std::string::npos);
}

TEST(ProjectorExport, AFolderHoldingAnyOfTheFilesIsRefusedAndLeftAsItWas)
{
    const Dataset data = lt::patternedImages(4, 1, 1);
    for (const std::string& name : projectorFileNames()) {
        const TempDir dir;
        lt::writeText(dir.file(name), "the user's own");
        const std::string message =
            lt::badInputMessage([&] { writeProjectorExport(dir.path(), torch::zeros({4, 2}), data); });
        EXPECT_NE(message.find(name), std::string::npos) << message;
        EXPECT_NE(message.find("does not replace"), std::string::npos) << message;
        EXPECT_EQ(message.find('\n'), std::string::npos);
        EXPECT_EQ(fileText(dir.file(name)), "the user's own");
        // Nothing else was written either.
        EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
    }
    const TempDir dir;
    lt::writeText(dir.file("taken"), "a file");
    const std::string message =
        lt::badInputMessage([&] { writeProjectorExport(dir.file("taken"), torch::zeros({4, 2}), data); });
    EXPECT_NE(message.find("taken is a file, not a folder"), std::string::npos) << message;
}

TEST(ProjectorExport, LatentsAndScoresMustMatchTheRows)
{
    const TempDir dir;
    const Dataset data = lt::patternedImages(4, 1, 1);
    EXPECT_NE(lt::badInputMessage([&] { writeProjectorExport(dir.path(), torch::zeros({3, 2}), data); })
                  .find("one latent row for each of the 4 samples"),
              std::string::npos);
    EXPECT_NE(lt::badInputMessage([&] { writeProjectorExport(dir.path(), torch::zeros({4, 2}), data, {}, {1.0f}); })
                  .find("1 anomaly scores for 4 samples"),
              std::string::npos);
    EXPECT_FALSE(exists(dir.file("tensors.tsv")));
}

TEST(ProjectorExport, SpritesFitIn8192PixelsASide)
{
    // Fashion-MNIST: all 70,000 at full size.
    const SpriteLayout fashion = spriteLayoutFor(70000, 28, 28);
    EXPECT_EQ(fashion.cellsPerSide, 265);
    EXPECT_EQ(fashion.thumbWidth, 28);
    EXPECT_EQ(fashion.width(), 7420);
    EXPECT_EQ(fashion.height(), 7420);
    // Larger images shrink by one factor for both sides.
    const SpriteLayout big = spriteLayoutFor(70000, 64, 32);
    EXPECT_EQ(big.cellsPerSide, 265);
    EXPECT_EQ(big.thumbWidth, 30);
    EXPECT_EQ(big.thumbHeight, 15);
    EXPECT_LE(big.width(), kMaxSpriteSide);
    EXPECT_EQ(spriteLayoutFor(1, 5, 7).cellsPerSide, 1);
    EXPECT_EQ(spriteLayoutFor(16, 5, 7).cellsPerSide, 4);
    EXPECT_EQ(spriteLayoutFor(17, 5, 7).cellsPerSide, 5);
    EXPECT_NE(lt::badInputMessage([] { spriteLayoutFor(std::int64_t{1} << 40, 1, 1); }).find("do not fit"),
              std::string::npos);
}

TEST(ProjectorExport, ShrunkThumbnailsAverageTheirPixels)
{
    // Four images 4100 wide do not fit two a side in 8192 pixels: each shrinks to 4096 x 1.
    constexpr int w = 4100;
    std::vector<std::uint8_t> px(static_cast<std::size_t>(4) * w);
    for (int i = 0; i < 4; ++i)
        for (int x = 0; x < w; ++x)
            px[static_cast<std::size_t>(i) * w + x] = static_cast<std::uint8_t>(x < w / 2 ? 10 * i : 200);
    const Dataset data = Dataset::fromImages(std::move(px), 4, 1, 1, w);
    const TempDir dir;
    const ProjectorExport e = writeProjectorExport(dir.path(), torch::zeros({4, 2}), data);
    ASSERT_TRUE(e.sprite.has_value());
    EXPECT_EQ(e.sprite->thumbWidth, 4096);
    EXPECT_EQ(e.sprite->thumbHeight, 1);
    const lt::PngImage sprite = lt::readPng(dir.file("sprite.png"));
    ASSERT_EQ(sprite.width, 8192);
    ASSERT_EQ(sprite.height, 2);
    EXPECT_EQ(sprite.at(0, 0), 0);          // image 0, left half
    EXPECT_EQ(sprite.at(4096 + 5, 0), 10);  // image 1, left half
    EXPECT_EQ(sprite.at(4096 + 4000, 0), 200);
    EXPECT_EQ(sprite.at(5, 1), 20);         // image 2 starts the second row
    EXPECT_EQ(sprite.at(4096 + 5, 1), 30);
    EXPECT_NE(fileText(dir.file("projector_config.pbtxt")).find("single_image_dim: [4096, 1]"), std::string::npos);
}

TEST(AtomicFile, ANewFileIsWrittenButAnExistingOneIsNeverReplaced)
{
    const TempDir dir;
    writeNewFileAtomically(dir.file("a.txt"), "new", 3);
    EXPECT_EQ(fileText(dir.file("a.txt")), "new");
    const std::string message = lt::badInputMessage([&] { writeNewFileAtomically(dir.file("a.txt"), "other", 5); });
    EXPECT_EQ(message, "a.txt already exists, and LatentLab does not replace it");
    EXPECT_EQ(fileText(dir.file("a.txt")), "new");
    // No temporary file is left behind.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}
