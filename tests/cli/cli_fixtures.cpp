#include "tests/cli/cli_fixtures.h"

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace latentlab::testing {
namespace {

// Lives until the test process exits; the data and checkpoint in it are made once.
const TempDir& sharedDir()
{
    static const TempDir dir;
    return dir;
}

} // namespace

std::string writeIdxFolder(const std::string& dir, int n, int test, int h, int w, bool labels)
{
    fs::create_directories(dir);
    if (labels) {
        writeIdxPair(dir, "train", n, h, w, 4, false);
        if (test > 0)
            writeIdxPair(dir, "t10k", test, h, w, 4, false);
    } else {
        writeBytes(dir + "/train-images-idx3-ubyte", idxImagesBytes(n, h, w));
        if (test > 0)
            writeBytes(dir + "/t10k-images-idx3-ubyte", idxImagesBytes(test, h, w));
    }
    return dir;
}

std::string writeTable(const std::string& path, int rows)
{
    static const char* kinds[] = {"alpha", "beta", "gamma"};
    std::ostringstream csv;
    csv << "a,b,c,d,e,kind\n";
    for (int i = 0; i < rows; ++i)
        csv << i << ',' << (i * 7) % 13 << ',' << (i % 5) + 0.5 << ',' << (i * i) % 17 << ',' << -i * 0.25 << ','
            << kinds[i % 3] << '\n';
    writeText(path, csv.str());
    return path;
}

const std::string& sharedIdxFolder()
{
    static const std::string path = writeIdxFolder(sharedDir().file("idx8"), kIdxTrain, kIdxTest, 8, 8);
    return path;
}

const std::string& sharedCheckpoint()
{
    static const std::string path = [] {
        const std::string out = sharedDir().file("shared-vae.ckpt");
        const CliResult r = runCli(quickTrain(sharedIdxFolder(), out, {"--epochs", "1"}));
        if (r.exitCode != 0)
            throw std::runtime_error("training the shared checkpoint failed: " + r.err);
        return out;
    }();
    return path;
}

std::vector<std::string> quickTrain(const std::string& data, const std::string& out,
                                    const std::vector<std::string>& extra)
{
    std::vector<std::string> args{"train",  "--data",  data, "--out",     out, "--hidden", "32,32",
                                  "--latent", std::to_string(kLatent), "--threads", "1", "--batch", "32"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

std::vector<std::vector<std::string>> readCsv(const std::string& path)
{
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1)
            fields.push_back(line.substr(start, comma - start));
        fields.push_back(line.substr(start));
        rows.push_back(std::move(fields));
    }
    return rows;
}

std::vector<nlohmann::json> jsonLines(const std::string& text)
{
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.empty())
            continue;
        const auto j = nlohmann::json::parse(line, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line;
        if (!j.is_discarded())
            out.push_back(j);
    }
    return out;
}

} // namespace latentlab::testing
