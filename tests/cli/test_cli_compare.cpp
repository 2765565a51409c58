// `latentlab-cli compare` end to end: the table (printed, JSON, CSV) and the HTML report, which Debian's
// Chromium opens headless: its screenshot must not be blank, and the page it renders must hold every model.
#include "tests/cli/cli_fixtures.h"
#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

using namespace latentlab::testing;
namespace fs = std::filesystem;

namespace {

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::size_t count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
        ++n;
    return n;
}

// An autoencoder and a VQ-VAE of the shared data, trained once per test process, beside the shared VAE.
struct Models {
    std::string vae, ae, vq;
};
const Models& models()
{
    static const Models m = [] {
        static TempDir dir;
        Models out{sharedCheckpoint(), dir.file("plain-ae.ckpt"), dir.file("vq.ckpt")};
        for (const auto& [path, kind] : {std::pair{out.ae, "ae"}, std::pair{out.vq, "vqvae"}}) {
            std::vector<std::string> extra{"--epochs", "1", "--model", kind};
            if (std::string(kind) == "vqvae")
                extra.insert(extra.end(), {"--code-dim", "2", "--codebook", "16"});
            const CliResult r = runCli(quickTrain(sharedIdxFolder(), path, extra));
            if (r.exitCode != 0)
                throw std::runtime_error(std::string("training the ") + kind + " failed: " + r.err);
        }
        return out;
    }();
    return m;
}

// Runs a command line through the shell with a time limit; its exit status.
int shell(const std::string& command) { return std::system(("timeout 120 " + command).c_str()); }

} // namespace

TEST(CliCompare, WritesTheTableAndAReportHoldingEveryModel)
{
    TempDir dir;
    const std::string report = dir.file("report.html"), csv = dir.file("table.csv");
    const CliResult r = runCli({"compare", "--models", models().vae, models().ae, models().vq, "--out", report,
                                "--csv", csv, "--threads", "1", "--layout-samples", "64", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["models"].size(), 3u);
    std::set<std::string> families;
    for (const auto& m : j["models"])
        families.insert(m["family"].get<std::string>());
    EXPECT_EQ(families, (std::set<std::string>{"vae", "ae", "vq-vae"}));
    const auto& vae = j["models"][0];
    EXPECT_TRUE(vae["test_neg_elbo"].is_number()) << vae;
    EXPECT_TRUE(vae["active_dims"].is_number()) << vae;
    EXPECT_TRUE(j["models"][1]["test_neg_elbo"].is_null()) << "an autoencoder has no ELBO";
    EXPECT_TRUE(j["models"][2]["perplexity"].is_number()) << j["models"][2];
    EXPECT_EQ(j["models"][1]["name"], "plain-ae");

    const std::vector<std::vector<std::string>> rows = readCsv(csv);
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0][0], "name");
    EXPECT_EQ(rows[2][0], "plain-ae");

    const std::string html = readAll(report);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_GE(count(html, "plain-ae"), 5u);
    EXPECT_EQ(count(html, "src=\"http"), 0u) << "self-contained: nothing is fetched";
    EXPECT_GE(count(html, "src=\"data:image/png;base64,"), 1u + 3 * 4) << "inputs, and 4 panels a model";

    // In a real browser. scripts/test installs Debian's chromium.
    ASSERT_TRUE(fs::exists("/usr/bin/chromium")) << "Debian's chromium is needed (scripts/test installs it)";
    const std::string shot = dir.file("shot.png"), dom = dir.file("dom.html");
    const std::string flags = "--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=" +
                              dir.file("profile") + " --window-size=1280,2400";
    ASSERT_EQ(shell("/usr/bin/chromium " + flags + " --screenshot=" + shot + " file://" + report + " >/dev/null 2>&1"), 0);
    const PngImage png = readPng(shot);
    ASSERT_EQ(png.width, 1280);
    ASSERT_GT(png.height, 1000);
    // Not blank: a good share of the page is drawn (text, images, charts), in more than a few colours.
    std::size_t inked = 0;
    std::set<int> colours;
    for (int y = 0; y < png.height; y += 2)
        for (int x = 0; x < png.width; x += 2) {
            const int rgb = png.at(x, y, 0) << 16 | png.at(x, y, std::min(1, png.channels - 1)) << 8
                            | png.at(x, y, std::min(2, png.channels - 1));
            inked += rgb != 0xffffff;
            colours.insert(rgb);
        }
    EXPECT_GT(inked, static_cast<std::size_t>(png.width / 2) * (png.height / 2) / 20) << "the page looks blank";
    EXPECT_GT(colours.size(), 50u);
    // The page as Chromium parsed it: the table has a row for every model.
    ASSERT_EQ(shell("/usr/bin/chromium " + flags + " --dump-dom file://" + report + " >" + dom + " 2>/dev/null"), 0);
    const std::string parsed = readAll(dom);
    const std::size_t table = parsed.find("<table class=\"models\">");
    ASSERT_NE(table, std::string::npos);
    const std::string rowsHtml = parsed.substr(table, parsed.find("</table>", table) - table);
    EXPECT_EQ(count(rowsHtml, "<tr>"), 4u) << "a header and three models";
    for (const std::string& name : {fs::path(models().vae).stem().string(), std::string("plain-ae"), std::string("vq")})
        EXPECT_NE(rowsHtml.find(name), std::string::npos) << name;
}

TEST(CliCompare, AFolderStandsForItsCheckpoints)
{
    TempDir dir;
    fs::copy_file(models().ae, dir.file("a.ckpt"));
    fs::copy_file(models().vae, dir.file("b.ckpt"));
    const std::string report = dir.file("r.html");
    const CliResult r = runCli({"compare", "--models", dir.path(), "--out", report, "--threads", "1", "--json",
                                "--layout-samples", "32", "--data", sharedIdxFolder(), "--from", "3", "--to", "7"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["models"].size(), 2u);
    EXPECT_EQ(j["models"][0]["name"], "a");
    EXPECT_EQ(j["models"][1]["name"], "b");
    const std::string html = readAll(report);
    EXPECT_NE(html.find("From sample 3 to sample 7"), std::string::npos) << "the ends asked for";
}

TEST(CliCompare, BadRequestsGetOneSentenceAndExit2)
{
    TempDir dir;
    const std::string out = dir.file("r.html");
    const auto refuse = [&](const std::vector<std::string>& args, const std::string& says) {
        const CliResult r = runCli(args);
        EXPECT_EQ(r.exitCode, 2) << r.err;
        EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
        EXPECT_EQ(count(r.err, "\n"), 1u) << r.err;
        EXPECT_FALSE(fs::exists(out));
    };
    refuse({"compare", "--models", models().vae, "--out", out}, "at least two models");
    refuse({"compare", "--models", models().vae, models().ae}, "--out REPORT.html is required");
    refuse({"compare", "--models", dir.path(), models().ae, "--out", out}, "without LatentLab checkpoints");
    refuse({"compare", "--models", models().vae, dir.file("missing.ckpt"), "--out", out}, "missing.ckpt");
    refuse({"compare", "--models", models().vae, models().ae, "--out", out, "--layout", "dims"}, "--layout");
    refuse({"compare", "--models", models().vae, models().ae, "--out", out, "--to", "100000"}, "outside");
    // A model of other data: 8x8 images against a 12x12 one.
    const std::string other = writeIdxFolder(dir.file("other"), 40, 0, 12, 12);
    const std::string otherModel = dir.file("other.ckpt");
    ASSERT_EQ(runCli(quickTrain(other, otherModel, {"--epochs", "1"})).exitCode, 0);
    refuse({"compare", "--models", models().vae, otherModel, "--out", out}, "another shape");
}
