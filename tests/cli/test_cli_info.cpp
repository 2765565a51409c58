#include "tests/cli/cli_runner.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

using namespace latentlab::testing;
namespace fs = std::filesystem;

TEST(CliInfo, JsonDescribesAnIdxFolderWithItsSplit)
{
    TempDir dir;
    writeIdxPair(dir.path(), "train", 30, 6, 5, 3, true);
    writeIdxPair(dir.path(), "t10k", 9, 6, 5, 3, true);
    const CliResult r = runCli({"info", dir.path(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["count"], 39);
    EXPECT_EQ(j["sample_shape"], nlohmann::json::array({1, 6, 5}));
    EXPECT_EQ(j["num_classes"], 3);
    EXPECT_EQ(j["classes"][0]["count"], 10 + 3);
    EXPECT_EQ(j["split"]["predefined"], true);
    EXPECT_EQ(j["split"]["train"], 30);
    EXPECT_EQ(j["split"]["validation"], 9);
    EXPECT_EQ(j["split"]["train_source"], "train-images-idx3-ubyte.gz");
    EXPECT_EQ(j["split"]["validation_source"], "t10k-images-idx3-ubyte.gz");
    EXPECT_EQ(j["value_range"]["min"], 0);
    EXPECT_EQ(j["value_range"]["max"], 255);
}

TEST(CliInfo, TextOutputForACsvWithLabelColumn)
{
    TempDir dir;
    writeText(dir.file("t.csv"), "x,y,cls\n1,2,a\n3,4,b\n5,6,a\n");
    const CliResult r = runCli({"info", dir.file("t.csv"), "--label-column", "cls"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("3 rows of 2 features"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("classes:     2"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("value range: 1 .. 6"), std::string::npos) << r.out;
}

TEST(CliInfo, FashionMnistIsSeventyThousandImagesInTenClasses)
{
    const std::string path = "/usr/share/datasets/fashion-mnist";
    if (!fs::exists(path + "/train-images-idx3-ubyte.gz"))
        GTEST_SKIP() << "dataset-fashion-mnist is not installed (scripts/test installs it)";
    const CliResult r = runCli({"info", path, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["count"], 70000);
    EXPECT_EQ(j["sample_shape"], nlohmann::json::array({1, 28, 28}));
    EXPECT_EQ(j["num_classes"], 10);
    EXPECT_EQ(j["classes"][9]["name"], "Ankle boot");
    EXPECT_EQ(j["split"]["train"], 60000);
    EXPECT_EQ(j["split"]["validation"], 10000);
    EXPECT_EQ(j["split"]["predefined"], true);
}

// Every kind of bad input: exit code 2, exactly one line on stderr, naming the file and the problem.
struct BadCase {
    const char* name;
    std::function<std::string(const TempDir&)> make; // returns the path to pass to `info`
    const char* expected;                            // a piece of the message
};

void PrintTo(const BadCase& c, std::ostream* os)
{
    *os << c.name;
}

class CliBadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(CliBadInput, ExitsTwoWithOneClearLine)
{
    TempDir dir;
    const BadCase& c = GetParam();
    const std::string path = c.make(dir);
    const CliResult r = runCli({"info", path});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(fs::path(path).filename().string()), std::string::npos) << r.err;
}

static std::vector<std::uint8_t> halfOfGzip(const TempDir& dir)
{
    writeGzip(dir.file("whole.gz"), idxImagesBytes(40, 10, 10));
    std::ifstream in(dir.file("whole.gz"), std::ios::binary);
    std::vector<std::uint8_t> b{std::istreambuf_iterator<char>(in), {}};
    b.resize(b.size() / 2);
    return b;
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, CliBadInput,
    ::testing::Values(
        BadCase{"ZeroByteFile", [](const TempDir& d) { writeBytes(d.file("train-images-idx3-ubyte"), {}); return d.file("train-images-idx3-ubyte"); }, "empty"},
        BadCase{"TruncatedGzip", [](const TempDir& d) { writeBytes(d.file("train-images-idx3-ubyte.gz"), halfOfGzip(d)); return d.file("train-images-idx3-ubyte.gz"); }, "truncated"},
        BadCase{"WrongMagic", [](const TempDir& d) { auto b = idxImagesBytes(2, 2, 2); b[3] = 9; writeBytes(d.file("a-images-idx3-ubyte"), b); return d.file("a-images-idx3-ubyte"); }, "magic"},
        BadCase{"HugeHeader", [](const TempDir& d) { auto b = idxImagesBytes(2, 28, 28); b[4] = 0x80; writeGzip(d.file("train-images-idx3-ubyte.gz"), b); return d.file("train-images-idx3-ubyte.gz"); }, "header says 2147483650x28x28"},
        BadCase{"LabelCountMismatch", [](const TempDir& d) { writeBytes(d.file("train-images-idx3-ubyte"), idxImagesBytes(3, 2, 2)); writeBytes(d.file("train-labels-idx1-ubyte"), idxLabelsBytes(2, 2)); return d.file("train-images-idx3-ubyte"); }, "holds 2 labels but"},
        BadCase{"EmptyFolder", [](const TempDir& d) { fs::create_directories(d.file("empty")); return d.file("empty"); }, "the folder is empty"},
        BadCase{"FolderWithoutImages", [](const TempDir& d) { fs::create_directories(d.file("docs/a")); writeText(d.file("docs/a/x.txt"), "x"); return d.file("docs"); }, "holds no images"},
        BadCase{"NonImageAmongImages", [](const TempDir& d) { fs::create_directories(d.file("imgs/c")); writePng(d.file("imgs/c/a.png"), 3, 3, 1, 0); writeText(d.file("imgs/c/b.png"), "text"); return d.file("imgs"); }, "c/b.png"},
        BadCase{"RaggedCsv", [](const TempDir& d) { writeText(d.file("r.csv"), "a,b\n1,2\n3\n"); return d.file("r.csv"); }, "line 3 has 1 fields"},
        BadCase{"NonNumericCsv", [](const TempDir& d) { writeText(d.file("n.csv"), "a,b\n1,two\n"); return d.file("n.csv"); }, "'two' is not a number"},
        BadCase{"NanCsv", [](const TempDir& d) { writeText(d.file("nan.csv"), "a,b\n1,NaN\n"); return d.file("nan.csv"); }, "not a finite number"},
        BadCase{"InfCsv", [](const TempDir& d) { writeText(d.file("inf.csv"), "a,b\ninf,1\n"); return d.file("inf.csv"); }, "not a finite number"},
        BadCase{"NpyUnsupportedDtype", [](const TempDir& d) { writeNpy(d.file("u.npy"), "<U4", {2, 2}, std::vector<std::uint8_t>(64)); return d.file("u.npy"); }, "dtype '<U4' is not supported"},
        BadCase{"NpyFortranOrder", [](const TempDir& d) { writeNpy(d.file("f.npy"), "<f4", {2, 2}, std::vector<std::uint8_t>(16), true); return d.file("f.npy"); }, "Fortran order"},
        BadCase{"MissingPath", [](const TempDir& d) { return d.file("missing-dir"); }, "no such file"}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return std::string(info.param.name); });

TEST(CliUsage, UnknownCommandsAndOptionsExitTwo)
{
    EXPECT_EQ(runCli({}).exitCode, 2);
    EXPECT_EQ(runCli({"frobnicate"}).exitCode, 2);
    const CliResult r = runCli({"info", "x", "--bogus"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("unknown option --bogus"), std::string::npos) << r.err;
    EXPECT_EQ(runCli({"--help"}).exitCode, 0);
}
