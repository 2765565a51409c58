#include "tests/cli/cli_runner.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include <filesystem>

using namespace latentlab::testing;

TEST(CliDemo, TrainsBrieflyAndWritesASampleGrid)
{
    TempDir dir;
    writeIdxPair(dir.path(), "train", 64, 8, 8, 4, true);
    const std::string png = dir.file("grid.png");
    const CliResult r = runCli({"demo", "--data", dir.path(), "--steps", "30", "--out", png, "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err << r.out;
    EXPECT_NE(r.out.find("wrote 64 samples"), std::string::npos) << r.out;
    int w = 0, h = 0, c = 0;
    ASSERT_TRUE(stbi_info(png.c_str(), &w, &h, &c)) << "no PNG at " << png;
    // 8 columns x 8 rows of 8x8 images with a 2-pixel gutter
    EXPECT_EQ(w, 8 * 8 + 9 * 2);
    EXPECT_EQ(h, 8 * 8 + 9 * 2);
}

TEST(CliDemo, RefusesAbsurdNumbersAndUnwritableOutput)
{
    TempDir dir;
    writeIdxPair(dir.path(), "train", 8, 4, 4, 2, false);
    CliResult r = runCli({"demo", "--data", dir.path(), "--steps", "-5"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--steps"), std::string::npos) << r.err;
    r = runCli({"demo", "--data", dir.path(), "--steps", "lots"});
    EXPECT_EQ(r.exitCode, 2);
    r = runCli({"demo", "--data", dir.path(), "--steps", "2", "--out", dir.file("no/such/dir/x.png")});
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find("x.png"), std::string::npos) << r.err;
}
