#pragma once
// Fuzz harnesses: one per reader of outside bytes. Each takes the bytes a fuzzer (or a checked-in regression
// input) gives, writes them where the reader expects a file, and runs the reader the way the app does, then
// touches what it returned. A refusal (BadInputError, IoError) is the right answer to bad bytes and returns
// normally; a crash, a sanitizer report, a hang or any other exception escaping (std::bad_alloc from a header
// that asks for too much, a c10::Error with LibTorch's backtrace for a message) is a finding, and the harness
// aborts with its text.
//
// The first byte of some inputs picks a variant (which file of a pair, which extension), so one target covers
// a reader's every entry point; the seed corpora (make_seed_corpora) start each variant from a valid file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::fuzz {

// Returns true when the reader accepted the input, false when it refused it cleanly.
using Harness = bool (*)(const std::uint8_t* data, std::size_t size);

bool idxHarness(const std::uint8_t* data, std::size_t size);         // byte 0: images file alone / labels beside 4 images
bool imageFolderHarness(const std::uint8_t* data, std::size_t size); // byte 0: .png/.jpg/.bmp, beside a valid PNG or alone
bool csvHarness(const std::uint8_t* data, std::size_t size);         // byte 0: .csv/.tsv, with or without a label column
bool npyHarness(const std::uint8_t* data, std::size_t size);         // byte 0: data alone / labels beside valid data
bool checkpointHarness(const std::uint8_t* data, std::size_t size);
bool modelConfigHarness(const std::uint8_t* data, std::size_t size);
bool torchScriptHarness(const std::uint8_t* data, std::size_t size);   // byte 0: with or without a caller's input shape
bool sessionHarness(const std::uint8_t* data, std::size_t size);       // fuzz_session_harness.cpp: needs Qt

struct Target {
    const char* name;
    Harness run;
};
// Every core harness by name (the session harness needs Qt and lives in its own target).
const std::vector<Target>& coreTargets();

// The variant byte and the bytes after it.
struct Variant {
    unsigned choice = 0;
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
};
Variant splitVariant(const std::uint8_t* data, std::size_t size);

// A scratch folder of this process (in /dev/shm when it exists: fuzzers write a file per run), removed at exit.
const std::string& scratchDir();
// Writes bytes to scratchDir()/name (replacing it) and returns the path.
std::string writeScratch(const std::string& name, const std::uint8_t* data, std::size_t size);
// Removes scratchDir()/name if present.
void removeScratch(const std::string& name);

// Runs a reader: true when it succeeds, false when it refuses with a one-line BadInputError/IoError; aborts
// on anything else, and on a refusal whose message is empty or spans lines (the CLI prints it as one line).
template <typename F>
bool expectCleanRefusal(const char* reader, F&& f);
[[noreturn]] void finding(const char* reader, const std::string& what);

} // namespace latentlab::fuzz

#include "core/util/errors.h"

#include <exception>

namespace latentlab::fuzz {
void checkMessage(const char* reader, const char* message);
}

template <typename F>
bool latentlab::fuzz::expectCleanRefusal(const char* reader, F&& f)
{
    try {
        f();
        return true;
    } catch (const latentlab::BadInputError& e) {
        checkMessage(reader, e.what());
    } catch (const latentlab::IoError& e) {
        checkMessage(reader, e.what());
    } catch (const std::exception& e) {
        finding(reader, e.what());
    } catch (...) {
        finding(reader, "an exception that is not a std::exception");
    }
    return false;
}
