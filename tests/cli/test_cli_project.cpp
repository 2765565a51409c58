// `latentlab-cli project` end to end on a checkpoint the CLI trained: the CSV it writes and what it refuses.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

using namespace latentlab::testing;

namespace {

// Checks the layout's shape and values; returns the indices it lists.
std::vector<long> checkLayout(const std::string& path, std::size_t rows)
{
    const auto csv = readCsv(path);
    EXPECT_EQ(csv.size(), rows + 1);
    if (csv.empty())
        return {};
    EXPECT_EQ(csv[0], (std::vector<std::string>{"index", "x", "y", "label"}));
    std::vector<long> indices;
    for (std::size_t r = 1; r < csv.size(); ++r) {
        EXPECT_EQ(csv[r].size(), 4u);
        if (csv[r].size() != 4)
            continue;
        indices.push_back(std::stol(csv[r][0]));
        EXPECT_TRUE(std::isfinite(std::stod(csv[r][1])) && std::isfinite(std::stod(csv[r][2])));
        // The fixture's labels are i % 4 within each file.
        EXPECT_EQ(std::stol(csv[r][3]), (indices.back() % kIdxTrain) % 4) << "row " << r;
    }
    return indices;
}

nlohmann::json projectJson(const std::vector<std::string>& extra, const std::string& out)
{
    std::vector<std::string> args{"project", "--model", sharedCheckpoint(), "--out", out, "--json", "--threads", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return r.exitCode == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
}

} // namespace

TEST(CliProject, PcaOfTheTestSplit)
{
    const TempDir dir;
    const auto j = projectJson({"--method", "pca"}, dir.file("pca.csv"));
    EXPECT_EQ(j["method"], "pca");
    EXPECT_EQ(j["rows"], kIdxTest);
    EXPECT_EQ(j["latent_dims"], kLatent);
    ASSERT_EQ(j["explained_variance_ratio"].size(), 2u);
    EXPECT_GE(j["explained_variance_ratio"][0].get<double>(), j["explained_variance_ratio"][1].get<double>());
    const auto indices = checkLayout(dir.file("pca.csv"), kIdxTest);
    // Every test sample (the t10k part follows the training part), in dataset order.
    ASSERT_EQ(indices.size(), static_cast<std::size_t>(kIdxTest));
    for (int i = 0; i < kIdxTest; ++i)
        EXPECT_EQ(indices[static_cast<std::size_t>(i)], kIdxTrain + i);
}

TEST(CliProject, TsneOfAllSamples)
{
    const TempDir dir;
    const auto j = projectJson({"--method", "tsne", "--split", "all", "--perplexity", "10", "--iterations", "300",
                                "--seed", "3"},
                               dir.file("tsne.csv"));
    EXPECT_EQ(j["method"], "tsne");
    EXPECT_EQ(j["rows"], kIdxTrain + kIdxTest);
    EXPECT_EQ(j["iterations"], 300);
    EXPECT_EQ(j["stopped_early"], false);
    const auto indices = checkLayout(dir.file("tsne.csv"), kIdxTrain + kIdxTest);
    EXPECT_EQ(std::set<long>(indices.begin(), indices.end()).size(), static_cast<std::size_t>(kIdxTrain + kIdxTest));
}

TEST(CliProject, DimsAndTheirLimits)
{
    const TempDir dir;
    const auto j = projectJson({"--method", "dims", "--dims", "3,0"}, dir.file("dims.csv"));
    EXPECT_EQ(j["dims"], (nlohmann::json{3, 0}));
    checkLayout(dir.file("dims.csv"), kIdxTest);

    CliResult r = runCli({"project", "--model", sharedCheckpoint(), "--out", dir.file("x.csv"), "--method", "dims",
                          "--dims", "0,4"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("dimension 4 does not exist"), std::string::npos) << r.err;
    r = runCli({"project", "--model", sharedCheckpoint(), "--out", dir.file("x.csv"), "--method", "latent"});
    EXPECT_EQ(r.exitCode, 2); // a 4-d latent is not a picture by itself
    EXPECT_NE(r.err.find("4 dimensions"), std::string::npos) << r.err;
    r = runCli({"project", "--model", sharedCheckpoint(), "--out", dir.file("x.txt"), "--method", "pca"});
    EXPECT_EQ(r.exitCode, 2);
    r = runCli({"project", "--model", sharedCheckpoint(), "--out", dir.file("x.csv"), "--method", "isomap"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("isomap"), std::string::npos) << r.err;
}

TEST(CliProject, UmapWithItsKnobs)
{
    const TempDir dir;
    const std::vector<std::string> umap{"--method", "umap", "--split", "all", "--neighbors", "8", "--min-dist",
                                        "0.3", "--metric", "cosine", "--epochs", "40", "--seed", "5"};
    const auto j = projectJson(umap, dir.file("umap.csv"));
    EXPECT_EQ(j["method"], "umap");
    EXPECT_EQ(j["rows"], kIdxTrain + kIdxTest);
    EXPECT_EQ(j["epochs"], 40);
    EXPECT_EQ(j["neighbors"], 8);
    EXPECT_EQ(j["min_dist"], 0.3);
    EXPECT_EQ(j["metric"], "cosine");
    EXPECT_EQ(j["stopped_early"], false);
    const auto indices = checkLayout(dir.file("umap.csv"), kIdxTrain + kIdxTest);
    EXPECT_EQ(std::set<long>(indices.begin(), indices.end()).size(), static_cast<std::size_t>(kIdxTrain + kIdxTest));
    // The same seed gives the same file.
    projectJson(umap, dir.file("again.csv"));
    EXPECT_EQ(readCsv(dir.file("umap.csv")), readCsv(dir.file("again.csv")));

    const auto refused = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> args{"project", "--model", sharedCheckpoint(), "--out", dir.file("x.csv")};
        args.insert(args.end(), extra.begin(), extra.end());
        const CliResult r = runCli(args);
        EXPECT_EQ(r.exitCode, 2) << r.err;
        return r.err;
    };
    EXPECT_NE(refused({"--method", "umap", "--metric", "manhattan"}).find("euclidean or cosine"), std::string::npos);
    EXPECT_NE(refused({"--method", "umap", "--min-dist", "3"}).find("--min-dist"), std::string::npos);
    EXPECT_NE(refused({"--method", "umap", "--neighbors", "1"}).find("--neighbors"), std::string::npos);
    EXPECT_NE(refused({"--method", "pca", "--neighbors", "5"}).find("goes with --method umap"), std::string::npos);
    EXPECT_NE(refused({"--method", "umap", "--perplexity", "5"}).find("is for t-SNE"), std::string::npos);
}
