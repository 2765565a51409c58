// Every input a fuzzer ever found a problem with, checked in under tests/fuzz/regressions/<target>/, goes
// through its harness again: refused cleanly or read, never a crash, an escaped exception or a sanitizer
// report (the harness aborts on those, which fails this test with the finding's text).
#include "tests/fuzz/fuzz_harness.h"
#include "tests/fuzz/seed_corpora.h"

#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace latentlab::fuzz;

namespace {

std::vector<std::uint8_t> bytesOf(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

int replay(const std::string& target, Harness harness)
{
    const fs::path dir = fs::path(LATENTLAB_FUZZ_REGRESSIONS) / target;
    int count = 0;
    if (!fs::is_directory(dir))
        return 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file())
            continue;
        SCOPED_TRACE(entry.path().string());
        const auto bytes = bytesOf(entry.path());
        harness(bytes.data(), bytes.size());
        ++count;
    }
    return count;
}

} // namespace

TEST(FuzzRegressions, EveryCheckedInFindingIsRefusedCleanly)
{
    int total = 0;
    for (const Target& t : coreTargets())
        total += replay(t.name, t.run);
#ifdef LATENTLAB_FUZZ_SESSION
    total += replay("session", sessionHarness);
#endif
    RecordProperty("inputs", total);
    std::cout << total << " checked-in inputs replayed\n";
}

TEST(FuzzSeeds, EverySeedIsAValidFileItsHarnessReads)
{
    // The fuzzers start from these: a seed its reader refused would leave that variant unexplored.
    latentlab::testing::TempDir dir;
    writeSeedCorpora(dir.path());
    std::vector<Target> targets = coreTargets();
#ifdef LATENTLAB_FUZZ_SESSION
    targets.push_back({"session", sessionHarness});
#endif
    for (const Target& t : targets) {
        int seeds = 0;
        for (const auto& entry : fs::directory_iterator(fs::path(dir.path()) / t.name)) {
            SCOPED_TRACE(entry.path().string());
            const auto bytes = bytesOf(entry.path());
            EXPECT_TRUE(t.run(bytes.data(), bytes.size()));
            ++seeds;
        }
        EXPECT_GE(seeds, 2) << t.name;
    }
}

TEST(FuzzSeeds, EmptyAndTruncatedInputsAreRefusedNotRead)
{
    latentlab::testing::TempDir dir;
    writeSeedCorpora(dir.path());
    for (const Target& t : coreTargets()) {
        SCOPED_TRACE(t.name);
        EXPECT_FALSE(t.run(nullptr, 0));
        const std::uint8_t one = 1;
        EXPECT_FALSE(t.run(&one, 1));
        // Every seed cut to a third of its length: a truncated file of each kind.
        for (const auto& entry : fs::directory_iterator(fs::path(dir.path()) / t.name)) {
            SCOPED_TRACE(entry.path().string());
            const auto bytes = bytesOf(entry.path());
            if (bytes.size() > 12 && std::string(t.name) != "csv" && std::string(t.name) != "model_config") {
                EXPECT_FALSE(t.run(bytes.data(), bytes.size() / 3));
            }
        }
    }
}
