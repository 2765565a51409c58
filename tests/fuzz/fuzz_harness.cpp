#include "tests/fuzz/fuzz_harness.h"

#include "core/data/csv_loader.h"
#include "core/data/idx_loader.h"
#include "core/data/image_folder_loader.h"
#include "core/data/npy_loader.h"
#include "core/training/dataset_fingerprint.h"

#include "tests/support/fixtures.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

namespace latentlab::fuzz {
namespace {

void removeScratchDir()
{
    std::error_code ec;
    fs::remove_all(scratchDir(), ec);
}

// Reads the dataset back the way the views and the trainer do, so ASan sees every byte the loader claims.
void touch(const Dataset& ds)
{
    if (ds.empty())
        finding("dataset", "a loader returned an empty dataset instead of refusing it");
    std::vector<float> sample(static_cast<std::size_t>(ds.sampleNumel()));
    ds.sampleTo01(0, sample.data());
    ds.sampleTo01(ds.size() - 1, sample.data());
    (void)ds.batch({0, ds.size() - 1});
    if (ds.hasLabels()) {
        (void)ds.labelBatch({0, ds.size() - 1});
        (void)ds.classCounts();
    }
    (void)ds.valueRange();
    (void)DatasetFingerprint::of(ds);
}

} // namespace

void checkMessage(const char* reader, const char* message)
{
    const std::string text(message);
    // One line, printable: a carriage return or an escape sequence from a file's bytes would garble a terminal
    // as surely as a newline. Bytes from 0x80 up are allowed (UTF-8 file names).
    const bool control = std::any_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0x7f;
    });
    if (text.empty() || control)
        finding(reader, "a refusal whose message is not one printable line: \"" + text + "\"");
}

void finding(const char* reader, const std::string& what)
{
    std::fprintf(stderr, "FINDING in %s: %s\n", reader, what.c_str());
    std::abort();
}

Variant splitVariant(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return {};
    return {data[0], data + 1, size - 1};
}

const std::string& scratchDir()
{
    // Never destroyed: the exit handler that removes the folder runs after static destructors would have.
    static const std::string& dir = *new std::string([] {
        std::error_code ec;
        const fs::path base = fs::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0
                                  ? fs::path("/dev/shm")
                                  : fs::temp_directory_path();
        const fs::path d = base / ("latentlab-fuzz-" + std::to_string(getpid()));
        fs::create_directories(d);
        std::atexit(removeScratchDir);
        return d.string();
    }());
    return dir;
}

std::string writeScratch(const std::string& name, const std::uint8_t* data, std::size_t size)
{
    const fs::path path = fs::path(scratchDir()) / name;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out)
        finding("harness", "cannot write the scratch file " + path.string());
    return path.string();
}

void removeScratch(const std::string& name)
{
    std::error_code ec;
    fs::remove_all(fs::path(scratchDir()) / name, ec);
}

bool idxHarness(const std::uint8_t* data, std::size_t size)
{
    const Variant v = splitVariant(data, size);
    removeScratch("idx");
    if (v.choice % 2 == 0) {
        const std::string images = writeScratch("idx/f-images-idx3-ubyte", v.data, v.size);
        return expectCleanRefusal("IDX images", [&] { touch(loadIdxImages(images)); });
    }
    // Labels beside four valid 2x2 images.
    const auto images4 = testing::idxImagesBytes(4, 2, 2);
    const std::string images = writeScratch("idx/f-images-idx3-ubyte", images4.data(), images4.size());
    writeScratch("idx/f-labels-idx1-ubyte", v.data, v.size);
    return expectCleanRefusal("IDX labels", [&] { touch(loadIdxImages(images)); });
}

bool imageFolderHarness(const std::uint8_t* data, std::size_t size)
{
    static const char* kExtensions[] = {".png", ".jpg", ".bmp", ".jpeg"};
    const Variant v = splitVariant(data, size);
    removeScratch("images");
    writeScratch(std::string("images/a/fuzzed") + kExtensions[v.choice % 4], v.data, v.size);
    if ((v.choice / 4) % 2 == 1) {
        // A 2x2 grayscale PNG beside it, in another class: the size and channel checks between files.
        writeScratch("images/b/valid.png", nullptr, 0);
        testing::writePng(scratchDir() + "/images/b/valid.png", 2, 2, 1, 0);
    }
    return expectCleanRefusal("image folder", [&] { touch(loadImageFolder(scratchDir() + "/images")); });
}

bool csvHarness(const std::uint8_t* data, std::size_t size)
{
    const Variant v = splitVariant(data, size);
    const std::string path = writeScratch(v.choice % 2 == 0 ? "table.csv" : "table.tsv", v.data, v.size);
    const std::string labelColumn = (v.choice / 2) % 2 == 1 ? "label" : "";
    return expectCleanRefusal("CSV", [&] { touch(loadCsv(path, labelColumn)); });
}

bool npyHarness(const std::uint8_t* data, std::size_t size)
{
    const Variant v = splitVariant(data, size);
    removeScratch("npy");
    if (v.choice % 2 == 0) {
        const std::string path = writeScratch("npy/data.npy", v.data, v.size);
        return expectCleanRefusal("npy", [&] { touch(loadNpy(path)); });
    }
    // Labels beside a valid uint8 (3, 2) table.
    const std::string path = writeScratch("npy/data.npy", nullptr, 0);
    testing::writeNpy(path, "|u1", {3, 2}, {0, 40, 80, 120, 160, 200});
    const std::string labels = writeScratch("npy/data_labels.npy", v.data, v.size);
    return expectCleanRefusal("npy labels", [&] { touch(loadNpy(path, labels)); });
}

const std::vector<Target>& coreTargets()
{
    static const std::vector<Target> targets = {
        {"idx", idxHarness},
        {"image_folder", imageFolderHarness},
        {"csv", csvHarness},
        {"npy", npyHarness},
        {"checkpoint", checkpointHarness},
        {"model_config", modelConfigHarness},
        {"torchscript", torchScriptHarness},
    };
    return targets;
}

} // namespace latentlab::fuzz
