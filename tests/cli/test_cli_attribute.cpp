// `latentlab-cli attribute` end to end on the shared tiny checkpoint: the strip's size, the AUROC printed,
// sets named by class or by a file of indices, and one-line refusals with exit 2.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include <algorithm>

using namespace latentlab::testing;

namespace {

const TempDir& dir()
{
    static const TempDir d;
    return d;
}

std::pair<int, int> pngSize(const std::string& path)
{
    int w = 0, h = 0, c = 0;
    EXPECT_TRUE(stbi_info(path.c_str(), &w, &h, &c)) << "no PNG at " << path;
    return {w, h};
}

// A strip of `steps` 8x8 tiles with the 2-pixel gutter.
std::pair<int, int> stripSize(int steps)
{
    return {steps * 8 + (steps + 1) * 2, 8 + 2 * 2};
}

CliResult run(std::vector<std::string> args)
{
    args.insert(args.begin(), {"attribute", "--model", sharedCheckpoint()});
    args.insert(args.end(), {"--threads", "1"});
    return runCli(args);
}

} // namespace

TEST(CliAttribute, WritesTheStripAndPrintsTheAuroc)
{
    const std::string out = dir().file("strip.png");
    CliResult r = run({"--from", "0", "--to", "2", "--index", "5", "--out", out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(pngSize(out), stripSize(9));
    EXPECT_NE(r.out.find("AUROC"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("class 0"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("t from -2 to 2"), std::string::npos) << r.out;

    // The same sets as files of indices (one per line, and an `index` column) give the same vector.
    // The fixture's labels run 0, 1, 2, 3, 0, ... over all 128 samples (96 train, then 32 test).
    std::string zeros, twos = "index,label\n";
    for (int i = 0; i < kIdxTrain + kIdxTest; i += 4) {
        zeros += std::to_string(i) + "\n";
        twos += std::to_string(i + 2) + ",2\n";
    }
    writeText(dir().file("zeros.txt"), zeros);
    writeText(dir().file("twos.csv"), twos);
    const std::vector<std::string> files{"--from-indices", dir().file("zeros.txt"),
                                         "--to-indices",   dir().file("twos.csv"),
                                         "--index", "5", "--steps", "5", "--range", "1", "--out", out, "--json"};
    r = run(files);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::vector<nlohmann::json> lines = jsonLines(r.out);
    ASSERT_EQ(lines.size(), 1u);
    const nlohmann::json j = lines[0];
    EXPECT_EQ(j["from"]["samples"], 32);
    EXPECT_EQ(j["to"]["samples"], 32);
    EXPECT_EQ(j["from"]["name"], "zeros.txt");
    EXPECT_EQ(j["amounts"], nlohmann::json({-1.0, -0.5, 0.0, 0.5, 1.0}));
    EXPECT_GE(j["auroc"].get<double>(), 0.0);
    EXPECT_LE(j["auroc"].get<double>(), 1.0);
    EXPECT_EQ(pngSize(out), stripSize(5));
    const CliResult byClass = run({"--from", "0", "--to", "2", "--index", "5", "--out", out, "--json"});
    ASSERT_EQ(byClass.exitCode, 0) << byClass.err;
    const nlohmann::json k = jsonLines(byClass.out).at(0);
    EXPECT_NEAR(k["vector_norm"].get<double>(), j["vector_norm"].get<double>(), 1e-5);
    EXPECT_DOUBLE_EQ(k["auroc"].get<double>(), j["auroc"].get<double>());
}

TEST(CliAttribute, BadInputExitsTwoWithOneLine)
{
    const std::string out = dir().file("bad.png");
    writeText(dir().file("words.txt"), "3\nseven\n");
    writeText(dir().file("far.txt"), "3\n100000\n");
    const std::vector<std::vector<std::string>> bad{
        {"--from", "Sneaker", "--to", "2", "--index", "5", "--out", out},            // no such class name
        {"--from", "7", "--to", "2", "--index", "5", "--out", out},                  // no such class number
        {"--from-indices", dir().file("missing.txt"), "--to", "2", "--index", "5", "--out", out},
        {"--from-indices", dir().file("words.txt"), "--to", "2", "--index", "5", "--out", out},
        {"--from-indices", dir().file("far.txt"), "--to", "2", "--index", "5", "--out", out},
        {"--from", "1", "--to", "2", "--index", "500", "--out", out},                // index outside the data
        {"--from", "1", "--to", "1", "--index", "5", "--out", out},                  // no direction
        {"--from", "1", "--from-indices", dir().file("far.txt"), "--to", "2", "--index", "5", "--out", out},
        {"--to", "2", "--index", "5", "--out", out},
        {"--from", "1", "--to", "2", "--out", out},
        {"--from", "1", "--to", "2", "--index", "5"},
        {"--from", "1", "--to", "2", "--index", "5", "--out", dir().file("strip.jpg")},
        {"--from", "1", "--to", "2", "--index", "5", "--steps", "0", "--out", out},
    };
    for (const auto& args : bad) {
        const CliResult r = run(args);
        std::string line;
        for (const auto& a : args)
            line += a + " ";
        EXPECT_EQ(r.exitCode, 2) << line << "\n" << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << line << "\n" << r.err;
    }
    const CliResult unknown = run({"--from", "Sneaker", "--to", "2", "--index", "5", "--out", out});
    EXPECT_NE(unknown.err.find("Sneaker"), std::string::npos) << unknown.err;
    const CliResult far = run({"--from-indices", dir().file("far.txt"), "--to", "2", "--index", "5", "--out", out});
    EXPECT_NE(far.err.find("100000"), std::string::npos) << far.err;
    EXPECT_EQ(runCli({"attribute", "--help"}).exitCode, 0);
}
