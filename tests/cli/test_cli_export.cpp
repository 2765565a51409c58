// `latentlab-cli export` end to end: the README's three snippets run verbatim on real exports (PyTorch, ONNX in
// OpenCV, the anomaly scorer), the scorer gives `anomalies`' scores and flags, the scripted module opens in
// LatentLab again, and every bad request is one sentence and exit 2.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace latentlab::testing {
namespace {

namespace fs = std::filesystem;

std::string readText(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string snippet(const std::string& name)
{
    return readText(std::string(LATENTLAB_SOURCE_DIR) + "/tests/export/snippets/" + name);
}

// Copies a README snippet into folder and runs it there with Debian's Python; returns its exit status.
int runSnippet(const std::string& name, const std::string& folder, std::string* output)
{
    writeText(folder + "/" + name, snippet(name));
    const std::string command = "cd '" + folder + "' && /usr/bin/python3 " + name + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe))
        *output += buffer;
    return pipe ? pclose(pipe) : -1;
}

// 96 images of 1 x 28 x 28 (the snippets' shape) as 8-bit pixels.
std::string writeImagesNpy(const std::string& path)
{
    std::vector<std::uint8_t> pixels;
    for (int i = 0; i < 96; ++i)
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                pixels.push_back(fixturePixel(i, y, x));
    writeNpy(path, "|u1", {96, 1, 28, 28}, pixels);
    return path;
}

TEST(CliExport, ReadmeSnippetsAreTheOnesTheTestsRun)
{
    const std::string readme = readText(std::string(LATENTLAB_SOURCE_DIR) + "/README.md");
    for (const char* name : {"pytorch_snippet.py", "onnx_snippet.py", "scorer_snippet.py"}) {
        const std::string code = snippet(name);
        ASSERT_FALSE(code.empty()) << name;
        EXPECT_NE(readme.find("```python\n" + code + "```"), std::string::npos) << name << " is not in the README verbatim";
    }
}

TEST(CliExport, TheScorerGivesAnomaliesScoresAndTheSnippetsRun)
{
    TempDir tmp;
    const std::string images = writeImagesNpy(tmp.file("images.npy"));
    const std::string ckpt = tmp.file("vae.ckpt");
    ASSERT_EQ(runCli(quickTrain(images, ckpt, {"--epochs", "2"})).exitCode, 0);

    const CliResult scored = runCli({"anomalies", "--model", ckpt, "--data", images, "--split", "all", "--out",
                                     tmp.file("scores.csv"), "--json"});
    ASSERT_EQ(scored.exitCode, 0) << scored.err;
    const double threshold = jsonLines(scored.out).back().at("threshold").get<double>();

    const std::string onnxDir = tmp.file("onnx");
    const CliResult exported = runCli({"export", "--model", ckpt, "--format", "onnx", "--scores", "--out", onnxDir, "--json"});
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    const nlohmann::json e = jsonLines(exported.out).back();
    EXPECT_EQ(e.at("files").size(), 4u); // encoder, decoder, scorer, USAGE.txt
    // The same default rule on the same reference: the threshold `anomalies` drew.
    EXPECT_NEAR(e.at("threshold").get<double>(), threshold, 1e-9 * std::max(1.0, std::abs(threshold)));

    fs::copy_file(images, onnxDir + "/images.npy");
    std::string out;
    ASSERT_EQ(runSnippet("scorer_snippet.py", onnxDir, &out), 0) << out;
    std::map<long, std::pair<double, int>> expected; // index -> (score, flagged)
    const auto rows = readCsv(tmp.file("scores.csv"));
    for (std::size_t i = 1; i < rows.size(); ++i)
        expected[std::stol(rows[i][0])] = {std::stod(rows[i][3]), std::stoi(rows[i][4])};
    ASSERT_EQ(expected.size(), 96u);
    std::ifstream got(onnxDir + "/scores.txt");
    double score = 0, flag = 0;
    long index = 0;
    while (got >> score >> flag) {
        ASSERT_TRUE(expected.count(index));
        EXPECT_NEAR(score, expected[index].first, 1e-5 * std::max(1.0, std::abs(expected[index].first))) << "sample " << index;
        EXPECT_EQ(static_cast<int>(flag), expected[index].second) << "sample " << index;
        ++index;
    }
    EXPECT_EQ(index, 96);

    out.clear();
    EXPECT_EQ(runSnippet("onnx_snippet.py", onnxDir, &out), 0) << out;

    const std::string torchDir = tmp.file("pytorch");
    ASSERT_EQ(runCli({"export", "--model", ckpt, "--format", "pytorch", "--out", torchDir}).exitCode, 0);
    out.clear();
    ASSERT_EQ(runSnippet("pytorch_snippet.py", torchDir, &out), 0) << out;
    const std::string scripted = torchDir + "/vae-scripted.pt";
    const CliResult encoded = runCli({"encode", "--model", scripted, "--data", images, "--out", tmp.file("z.csv")});
    EXPECT_EQ(encoded.exitCode, 0) << encoded.err;

    // Bad requests: one sentence on stderr, exit 2, nothing written.
    fs::create_directories(tmp.file("busy"));
    writeText(tmp.file("busy/notes.txt"), "the user's own");
    const std::vector<std::pair<std::vector<std::string>, std::string>> bad = {
        {{"export", "--model", ckpt, "--format", "tflite", "--out", tmp.file("a")}, "is not one of pytorch, onnx"},
        {{"export", "--model", scripted, "--format", "onnx", "--out", tmp.file("b")}, "TorchScript model has no LatentLab weights"},
        {{"export", "--model", ckpt, "--format", "onnx", "--out", tmp.file("busy")}, "is not empty"},
        {{"export", "--model", ckpt, "--format", "pytorch", "--scores", "--out", tmp.file("c")}, "ONNX only"},
        {{"export", "--model", ckpt, "--format", "onnx", "--out", tmp.file("d"), "--score", "elbo"}, "add --scores"},
        {{"export", "--model", ckpt, "--format", "onnx"}, "--out FOLDER is required"},
    };
    for (const auto& [args, message] : bad) {
        const CliResult r = runCli(args);
        EXPECT_EQ(r.exitCode, 2) << message;
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
    EXPECT_EQ(readText(tmp.file("busy/notes.txt")), "the user's own");
    for (const char* never : {"a", "b", "c", "d"})
        EXPECT_FALSE(fs::exists(tmp.file(never))) << never;
}

} // namespace
} // namespace latentlab::testing
