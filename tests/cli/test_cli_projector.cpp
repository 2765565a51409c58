// `latentlab-cli encode --projector` end to end: beside --out or alone, the four files the Embedding Projector
// opens hold the same latents as the CSV, the split's dataset indices and labels, the thumbnails and a config
// naming them; a folder that already holds them is refused (exit 2) and left as it was.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace latentlab::testing;
namespace fs = std::filesystem;

namespace {

std::string fileText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

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

} // namespace

TEST(CliProjector, BesideTheCsvTheProjectorFilesHoldTheSameLatents)
{
    const TempDir dir;
    const std::string folder = dir.file("projector");
    const CliResult r = runCli({"encode", "--model", sharedCheckpoint(), "--out", dir.file("z.csv"), "--projector",
                                folder, "--json", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["rows"], kIdxTest);
    EXPECT_EQ(j["projector"], folder);
    EXPECT_EQ(j["files"], (nlohmann::json{"tensors.tsv", "metadata.tsv", "sprite.png", "projector_config.pbtxt"}));

    // The test split by default: the t10k images, which follow the training images in the dataset.
    const auto csv = readCsv(dir.file("z.csv"));
    const auto tensors = tsv(folder + "/tensors.tsv");
    const auto meta = tsv(folder + "/metadata.tsv");
    ASSERT_EQ(csv.size(), 1u + kIdxTest);
    ASSERT_EQ(tensors.size(), static_cast<std::size_t>(kIdxTest));
    ASSERT_EQ(meta.size(), 1u + kIdxTest);
    EXPECT_EQ(meta[0], (std::vector<std::string>{"index", "label", "class"}));
    for (std::size_t r = 0; r < static_cast<std::size_t>(kIdxTest); ++r) {
        SCOPED_TRACE("row " + std::to_string(r));
        ASSERT_EQ(tensors[r].size(), static_cast<std::size_t>(kLatent));
        for (std::size_t d = 0; d < static_cast<std::size_t>(kLatent); ++d)
            EXPECT_EQ(std::stof(tensors[r][d]), std::stof(csv[r + 1][2 + d]));
        EXPECT_EQ(meta[r + 1], (std::vector<std::string>{csv[r + 1][0], csv[r + 1][1], csv[r + 1][1]}));
        EXPECT_EQ(std::stol(meta[r + 1][0]), kIdxTrain + static_cast<long>(r));
    }

    // 32 images of 8 x 8 in 6 x 6 cells; the first is t10k image 0, at full size.
    const PngImage sprite = readPng(folder + "/sprite.png");
    ASSERT_EQ(sprite.width, 48);
    ASSERT_EQ(sprite.height, 48);
    ASSERT_EQ(sprite.channels, 1);
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x)
            ASSERT_EQ(sprite.at(x, y), fixturePixel(0, y, x)) << x << "," << y;
    EXPECT_EQ(sprite.at(8 + 2, 8 + 5), fixturePixel(7, 5, 2)); // row 1, column 1: the 7th image

    const std::string config = fileText(folder + "/projector_config.pbtxt");
    for (const char* field : {"tensor_path: \"tensors.tsv\"", "metadata_path: \"metadata.tsv\"", "tensor_shape: [32, 4]",
                              "image_path: \"sprite.png\"", "single_image_dim: [8, 8]"})
        EXPECT_NE(config.find(field), std::string::npos) << field << " in\n" << config;
}

TEST(CliProjector, AloneAndThenRefusedWhereItsFilesAre)
{
    const TempDir dir;
    const std::string folder = dir.file("p");
    CliResult r = runCli({"encode", "--model", sharedCheckpoint(), "--projector", folder, "--split", "all", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("for the Embedding Projector to " + folder), std::string::npos) << r.out;
    EXPECT_EQ(tsv(folder + "/tensors.tsv").size(), static_cast<std::size_t>(kIdxTrain + kIdxTest));
    EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 4);

    const std::string before = fileText(folder + "/tensors.tsv");
    r = runCli({"encode", "--model", sharedCheckpoint(), "--projector", folder, "--out", dir.file("z.npy"), "--threads", "1"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("p already holds tensors.tsv, metadata.tsv, sprite.png and projector_config.pbtxt"),
              std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(fileText(folder + "/tensors.tsv"), before);
    EXPECT_FALSE(fs::exists(dir.file("z.npy"))) << "nothing is written when the export is refused";

    writeText(dir.file("file"), "x");
    r = runCli({"encode", "--model", sharedCheckpoint(), "--projector", dir.file("file"), "--threads", "1"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("file is a file, not a folder"), std::string::npos) << r.err;
    r = runCli({"encode", "--model", sharedCheckpoint(), "--threads", "1"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--out must name a .csv or .npy file for the latents (or --projector a folder)"),
              std::string::npos) << r.err;
}

TEST(CliProjector, ProjectDoesNotComputeAnImportedLayout)
{
    const TempDir dir;
    // "imported" names a layout in a session file; project has nothing to import it from.
    const CliResult r = runCli({"project", "--model", sharedCheckpoint(), "--out", dir.file("l.csv"), "--method", "imported"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--method imported is a layout read from a file"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.file("l.csv")));
}
