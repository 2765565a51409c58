// `latentlab-cli sample`, `interpolate` and `traverse` end to end, on tiny checkpoints the CLI trains itself.
#include "tests/cli/cli_runner.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <stb/stb_image.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

using namespace latentlab::testing;

namespace {

// Lives until the test process ends: the data and checkpoints in it are made once per process.
const TempDir& dir()
{
    static const TempDir d;
    return d;
}

// 64 train + 16 t10k images of 8x8 in 4 classes.
const std::string& idxData()
{
    static const std::string path = [] {
        writeIdxPair(dir().path(), "train", 64, 8, 8, 4, false);
        writeIdxPair(dir().path(), "t10k", 16, 8, 8, 4, false);
        return dir().path();
    }();
    return path;
}

std::string train(const std::string& name, const std::string& data, const std::vector<std::string>& extra)
{
    const std::string out = dir().file(name + ".ckpt");
    std::vector<std::string> args{"train", "--data", data, "--out", out, "--hidden", "32,32", "--epochs", "1",
                                  "--threads", "1", "--batch", "32"};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult r = runCli(args);
    if (r.exitCode != 0)
        throw std::runtime_error("training " + name + " failed: " + r.err);
    return out;
}

// A VAE with a 2-D latent: the manifold grid's classic case.
const std::string& vae2d()
{
    static const std::string path = train("vae2d", idxData(), {"--latent", "2"});
    return path;
}

// Grid pixel size for rows x columns of 8x8 tiles with the 2-pixel gutter.
std::pair<int, int> gridSize(int rows, int columns)
{
    return {columns * 8 + (columns + 1) * 2, rows * 8 + (rows + 1) * 2};
}

std::pair<int, int> pngSize(const std::string& path)
{
    int w = 0, h = 0, c = 0;
    EXPECT_TRUE(stbi_info(path.c_str(), &w, &h, &c)) << "no PNG at " << path;
    return {w, h};
}

std::string fileBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The 8x8 tile at grid position (row, column) of a gray PNG.
std::vector<unsigned char> tile(const std::string& path, int row, int column)
{
    int w = 0, h = 0, c = 0;
    unsigned char* px = stbi_load(path.c_str(), &w, &h, &c, 1);
    std::vector<unsigned char> out;
    if (!px)
        return out;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x)
            out.push_back(px[(2 + row * 10 + y) * w + 2 + column * 10 + x]);
    stbi_image_free(px);
    return out;
}

CliResult run(std::vector<std::string> args)
{
    args.push_back("--threads");
    args.push_back("1");
    return runCli(args);
}

nlohmann::json runJson(std::vector<std::string> args)
{
    args.push_back("--json");
    const CliResult r = run(args);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    return r.exitCode == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
}

} // namespace

TEST(CliGenerate, SampleWritesTheSameGridForTheSameSeed)
{
    const std::string a = dir().file("a.png"), b = dir().file("b.png"), c = dir().file("c.png");
    CliResult r = run({"sample", "--model", vae2d(), "--n", "12", "--columns", "4", "--seed", "3", "--out", a});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("wrote 12 samples (3 x 4)"), std::string::npos) << r.out;
    EXPECT_EQ(pngSize(a), gridSize(3, 4));
    ASSERT_EQ(run({"sample", "--model", vae2d(), "--n", "12", "--columns", "4", "--seed", "3", "--out", b}).exitCode, 0);
    ASSERT_EQ(run({"sample", "--model", vae2d(), "--n", "12", "--columns", "4", "--seed", "4", "--out", c}).exitCode, 0);
    EXPECT_EQ(fileBytes(a), fileBytes(b));
    EXPECT_NE(fileBytes(a), fileBytes(c));

    // Default: 64 samples, 8 per row; temperature 0 decodes the prior's mean in every cell.
    const nlohmann::json j = runJson({"sample", "--model", vae2d(), "--temperature", "0", "--out", a});
    EXPECT_EQ(j["images"], 64);
    EXPECT_EQ(j["columns"], 8);
    EXPECT_EQ(j["rows"], 8);
    EXPECT_EQ(j["kind"], "vae");
    EXPECT_EQ(pngSize(a), gridSize(8, 8));
    EXPECT_EQ(tile(a, 0, 0), tile(a, 7, 5));
    EXPECT_EQ(tile(a, 0, 0).size(), 64u);

    // The manifold figure: K x K over the Gaussian quantiles; its cells differ.
    const nlohmann::json m = runJson({"sample", "--model", vae2d(), "--manifold", "--columns", "5", "--out", a});
    EXPECT_EQ(m["images"], 25);
    EXPECT_EQ(pngSize(a), gridSize(5, 5));
    EXPECT_NE(tile(a, 0, 0), tile(a, 4, 4));
}

TEST(CliGenerate, InterpolateAndTraverseWriteStripsAndGrids)
{
    const std::string out = dir().file("walk.png");
    CliResult r = run({"interpolate", "--model", vae2d(), "--from", "0", "--to", "5", "--steps", "6", "--out", out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(pngSize(out), gridSize(1, 6));
    nlohmann::json j = runJson({"interpolate", "--model", vae2d(), "--from", "70", "--to", "3", "--slerp", "--out", out});
    EXPECT_EQ(j["method"], "slerp");
    EXPECT_EQ(j["steps"], 8);
    EXPECT_EQ(j["from"], 70);
    EXPECT_EQ(pngSize(out), gridSize(1, 8));
    EXPECT_NE(tile(out, 0, 0), tile(out, 0, 7));

    // Every dimension of the 2-D latent, 9 steps over -3..3 around sample 3.
    r = run({"traverse", "--model", vae2d(), "--index", "3", "--out", out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("around sample 3"), std::string::npos) << r.out;
    EXPECT_EQ(pngSize(out), gridSize(2, 9));
    j = runJson({"traverse", "--model", vae2d(), "--dims", "1", "--steps", "5", "--range", "2", "--out", out});
    EXPECT_EQ(j["base"], "zeros");
    EXPECT_EQ(j["values"], nlohmann::json({-2.0, -1.0, 0.0, 1.0, 2.0}));
    EXPECT_EQ(pngSize(out), gridSize(1, 5));
    j = runJson({"traverse", "--model", vae2d(), "--dims", "kl", "--index", "2", "--out", out});
    ASSERT_EQ(j["kl"].size(), 2u);
    EXPECT_GE(j["kl"][0].get<double>(), j["kl"][1].get<double>());
    EXPECT_EQ(j["dims"].size(), 2u);
}

TEST(CliGenerate, BadArgumentsExitTwoWithOneLine)
{
    const std::string out = dir().file("bad.png");
    const std::vector<std::vector<std::string>> bad{
        {"sample", "--model", vae2d(), "--n", "4"},
        {"sample", "--model", vae2d(), "--out", dir().file("grid.jpg")},
        {"sample", "--model", vae2d(), "--n", "0", "--out", out},
        {"sample", "--model", vae2d(), "--temperature", "-1", "--out", out},
        {"sample", "--model", vae2d(), "--class", "1", "--out", out},
        {"sample", "--model", vae2d(), "--resample-bottom", "--out", out},
        {"sample", "--model", vae2d(), "--manifold", "--dims", "0", "--out", out},
        {"sample", "--model", dir().file("missing.ckpt"), "--out", out},
        {"sample", "--model", vae2d(), "--out", out, "--colour"},
        {"interpolate", "--model", vae2d(), "--from", "0", "--out", out},
        {"interpolate", "--model", vae2d(), "--from", "0", "--to", "80", "--out", out},
        {"interpolate", "--model", vae2d(), "--from", "0", "--to", "1", "--steps", "1", "--out", out},
        {"interpolate", "--model", vae2d(), "--from", "0", "--to", "70", "--split", "test", "--out", out},
        {"traverse", "--model", vae2d(), "--dims", "5", "--out", out},
        {"traverse", "--model", vae2d(), "--dims", "0,,1", "--out", out},
        {"traverse", "--model", vae2d(), "--steps", "1", "--out", out},
        {"traverse", "--model", vae2d(), "--index", "-2", "--out", out},
    };
    for (const auto& args : bad) {
        const CliResult r = run(args);
        std::string line;
        for (const auto& a : args)
            line += a + " ";
        EXPECT_EQ(r.exitCode, 2) << line << "\n" << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << line << "\n" << r.err;
    }
    // Unwritable output is the system's failure, not the user's input.
    const CliResult r = run({"sample", "--model", vae2d(), "--out", dir().file("no/such/dir/x.png")});
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find("x.png"), std::string::npos) << r.err;
    EXPECT_EQ(runCli({"sample", "--help"}).exitCode, 0);
}

TEST(CliGenerate, ClassGridsCodePriorsAndBottomLayers)
{
    const std::string out = dir().file("family.png");
    // A conditional VAE without --class: one row per class, the same z down each column.
    const std::string cvae = train("cvae", idxData(), {"--model", "cvae", "--latent", "2"});
    nlohmann::json j = runJson({"sample", "--model", cvae, "--n", "3", "--out", out});
    EXPECT_EQ(j["images"], 12);
    EXPECT_EQ(j["columns"], 3);
    EXPECT_EQ(pngSize(out), gridSize(4, 3));
    j = runJson({"sample", "--model", cvae, "--n", "4", "--class", "2", "--columns", "2", "--out", out});
    EXPECT_EQ(j["class"], 2);
    EXPECT_EQ(pngSize(out), gridSize(2, 2));
    EXPECT_EQ(run({"sample", "--model", cvae, "--class", "9", "--out", out}).exitCode, 2);
    EXPECT_EQ(run({"traverse", "--model", cvae, "--out", out}).exitCode, 2); // no class to decode under
    EXPECT_EQ(run({"traverse", "--model", cvae, "--index", "1", "--out", out}).exitCode, 0);

    // A VQ-VAE's training ends by fitting its code prior on the training split, so sampling needs no data.
    const std::string vq = train("vq", idxData(), {"--model", "vqvae", "--latent", "4", "--code-dim", "2", "--codebook", "8"});
    j = runJson({"sample", "--model", vq, "--n", "4", "--out", out});
    EXPECT_EQ(j["images"], 4);
    EXPECT_TRUE(j["notes"].empty()) << j.dump(); // without a prior it would say it fitted one
    EXPECT_EQ(run({"sample", "--model", vq, "--manifold", "--out", out}).exitCode, 2);

    // Hierarchical VAE: each row one top code, its bottom layer redrawn across the row.
    const std::string hvae = train("hvae", idxData(), {"--model", "hvae", "--latent", "2"});
    j = runJson({"sample", "--model", hvae, "--resample-bottom", "--n", "6", "--columns", "3", "--out", out});
    EXPECT_EQ(j["images"], 6);
    EXPECT_EQ(pngSize(out), gridSize(2, 3));
    EXPECT_NE(tile(out, 0, 0), tile(out, 0, 1));
}

TEST(CliGenerate, TableModelsWriteRowsInTheDataUnits)
{
    std::ostringstream csv;
    csv << "a,b,c\n";
    for (int i = 0; i < 40; ++i)
        csv << 100 + (i * 37) % 101 << ',' << (i % 7) * 0.5 << ',' << -i << '\n';
    const std::string data = dir().file("table.csv");
    writeText(data, csv.str());
    const std::string model = train("table", data, {"--latent", "2"});
    const std::string rows = dir().file("rows.csv");
    ASSERT_EQ(run({"sample", "--model", model, "--n", "5", "--out", rows}).exitCode, 0);
    std::ifstream in(rows);
    std::string header, line;
    std::getline(in, header);
    EXPECT_EQ(header, "sample,a,b,c");
    int count = 0;
    while (std::getline(in, line)) {
        ++count;
        // Column a spans 100..200 in the data; the model's own units are about 0..1.
        const double a = std::stod(line.substr(line.find(',') + 1));
        EXPECT_GT(a, 20.0) << line;
    }
    EXPECT_EQ(count, 5);
    const CliResult r = run({"sample", "--model", model, "--out", dir().file("rows.png")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(".csv"), std::string::npos) << r.err;
    EXPECT_EQ(run({"interpolate", "--model", model, "--from", "1", "--to", "2", "--out", rows}).exitCode, 0);
    EXPECT_EQ(run({"traverse", "--model", model, "--out", rows}).exitCode, 0);
}
