// The checks a PyTorch archive passes before LibTorch reads it: what LibTorch writes passes, and each number
// LibTorch would trust (a string's length, a memo id, a storage's size) is refused when it cannot be right.
#include "core/util/pickle_scan.h"
#include "core/util/torch_archive_check.h"

#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>
#include <torch/script.h>
#include <torch/serialize.h>

#include <algorithm>
#include <string>

using namespace latentlab;
using latentlab::testing::badInputMessage;

namespace {

std::vector<std::uint8_t> bytesOf(const std::vector<char>& chars) { return {chars.begin(), chars.end()}; }

std::vector<std::uint8_t> pickleOf(const std::vector<std::uint8_t>& archive)
{
    for (const ZipRecord& r : readZipDirectory(archive.size(), memoryReadAt(archive)))
        if (r.name.size() > 4 && r.name.compare(r.name.size() - 4, 4, ".pkl") == 0)
            return readRecord(archive.size(), memoryReadAt(archive), r);
    ADD_FAILURE() << "no pickle in the archive";
    return {};
}

std::string scanMessage(std::string pickle)
{
    return badInputMessage([&] { scanPickle(reinterpret_cast<const std::uint8_t*>(pickle.data()), pickle.size()); });
}

std::string u32(std::uint32_t v) { return {char(v), char(v >> 8), char(v >> 16), char(v >> 24)}; }

} // namespace

TEST(PickleScan, FindsEveryStorageOfACheckpointWithItsSizeInBytes)
{
    c10::Dict<std::string, at::Tensor> dict;
    dict.insert("w", torch::ones({3, 5}));
    dict.insert("steps", torch::zeros({7}, torch::kLong));
    const std::vector<std::uint8_t> archive = bytesOf(torch::pickle_save(c10::IValue(dict)));
    const std::vector<std::uint8_t> pickle = pickleOf(archive);
    std::vector<PickledStorage> storages = scanPickle(pickle.data(), pickle.size());
    ASSERT_EQ(storages.size(), 2u);
    std::vector<std::uint64_t> bytes{storages[0].bytes, storages[1].bytes};
    std::sort(bytes.begin(), bytes.end());
    EXPECT_EQ(bytes, (std::vector<std::uint64_t>{56, 60}));
    EXPECT_NO_THROW(checkTorchArchive(archive.size(), memoryReadAt(archive)));
}

TEST(PickleScan, ATorchScriptModuleWithParametersPasses)
{
    latentlab::testing::TempDir dir;
    torch::jit::Module m("Holder");
    m.register_parameter("weight", torch::randn({4, 6}), false);
    m.register_buffer("counts", torch::arange(10));
    m.save(dir.file("holder.pt"));
    EXPECT_NO_THROW(checkTorchArchiveFile(dir.file("holder.pt")));
    // The module's data.pkl names both tensors' storages, so the check above held each against its record.
    const ZipFileReader file(dir.file("holder.pt"));
    std::vector<std::uint64_t> bytes;
    for (const ZipRecord& r : readZipDirectory(file.size(), file.readAt())) {
        if (r.name.size() < 9 || r.name.compare(r.name.size() - 9, 9, "/data.pkl") != 0)
            continue;
        const std::vector<std::uint8_t> pickle = readRecord(file.size(), file.readAt(), r);
        for (const PickledStorage& s : scanPickle(pickle.data(), pickle.size()))
            bytes.push_back(s.bytes);
    }
    std::sort(bytes.begin(), bytes.end());
    EXPECT_EQ(bytes, (std::vector<std::uint64_t>{80, 96}));
}

TEST(PickleScan, AStringLongerThanThePickleIsRefusedBeforeAnythingIsAllocated)
{
    // BINUNICODE claiming 4 GB: LibTorch would resize a string to that before reading it.
    const std::string m = scanMessage("\x80\x02X" + u32(0xFFFFFFFFu) + "abc.");
    EXPECT_NE(m.find("its pickle claims 4294967295 bytes where 4 are left (at byte 2)"), std::string::npos) << m;
    // BINUNICODE8 likewise, and a FRAME that runs past the end.
    EXPECT_NE(scanMessage(std::string("\x8d\xff\xff\xff\xff\xff\xff\xff\x7f", 9) + ".").find("bytes where 1 are left"),
              std::string::npos);
    EXPECT_NE(scanMessage(std::string("\x95\x00\x00\x00\x00\x01\x00\x00\x00", 9) + "N.").find("claims 4294967296"),
              std::string::npos);
}

TEST(PickleScan, AMemoIdOutOfOrderIsRefused)
{
    // LONG_BINPUT 4e9: LibTorch reserves room for twice the id (128 GB of values).
    EXPECT_NE(scanMessage("N" + std::string("r") + u32(4000000000u) + ".")
                  .find("fills memo slot 4000000000 where slot 0 comes next"),
              std::string::npos);
    EXPECT_NE(scanMessage(std::string("Nq\x00Nq\x02.", 7)).find("fills memo slot 2 where slot 1 comes next"),
              std::string::npos);
    // A GET of a slot never filled.
    EXPECT_NE(scanMessage(std::string("Nq\x00h\x05.", 6)).find("reads memo slot 5"), std::string::npos);
}

TEST(PickleScan, StackMisuseIsRefused)
{
    EXPECT_NE(scanMessage("0.").find("uses a value its stack does not have"), std::string::npos);
    EXPECT_NE(scanMessage("(0N.").find("uses a value its stack does not have"), std::string::npos);
    EXPECT_NE(scanMessage("Nt.").find("closes a mark it never set"), std::string::npos);
    EXPECT_NE(scanMessage("N").find("ends before its STOP opcode"), std::string::npos);
    EXPECT_NE(scanMessage(".").find("stops with nothing on its stack"), std::string::npos);
    EXPECT_NE(scanMessage("N\xff.").find("has an opcode no pickle protocol defines (255)"), std::string::npos);
}

TEST(PickleScan, NestingDeeperThanAThousandLevelsIsRefused)
{
    // N followed by TUPLE1 1001 times: LibTorch would destroy it recursively.
    EXPECT_NE(scanMessage("N" + std::string(1001, '\x85') + ".").find("nests values deeper than 1000 levels"),
              std::string::npos);
    const std::vector<std::uint8_t> ok = [] {
        std::string p = "N" + std::string(999, '\x85') + ".";
        return std::vector<std::uint8_t>(p.begin(), p.end());
    }();
    EXPECT_NO_THROW(scanPickle(ok.data(), ok.size()));
}

TEST(PickleScan, AStorageLargerThanItsRecordIsRefused)
{
    // A 4-element float tensor, its pickled element count changed to 255: LibTorch would build a 1020-byte storage
    // over the 16-byte record and read past it when the tensor is copied.
    std::vector<std::uint8_t> archive = bytesOf(torch::pickle_save(c10::IValue(torch::ones({4}))));
    const std::string storageTuple = std::string("X\x03\x00\x00\x00", 5) + "cpuq";
    auto at = std::search(archive.begin(), archive.end(), storageTuple.begin(), storageTuple.end());
    ASSERT_NE(at, archive.end());
    auto numel = at + static_cast<std::ptrdiff_t>(storageTuple.size()) + 1;  // past the memo id: K <numel>
    ASSERT_EQ(*numel, 'K');
    ASSERT_EQ(*(numel + 1), 4);
    *(numel + 1) = 255;
    const std::string m = badInputMessage([&] { checkTorchArchive(archive.size(), memoryReadAt(archive)); });
    EXPECT_NE(m.find("data.pkl': its pickle says the tensor storage '0' holds 1020 bytes, but its record holds 16"),
              std::string::npos) << m;
}

TEST(PickleScan, ATensorReachingPastItsStorageIsRefused)
{
    // The same tensor with its storage's element count changed to 2 (and its record left alone): the tensor's
    // 4 elements would reach past the storage (the fuzzer found it as a null read in the copy of the weights).
    std::vector<std::uint8_t> archive = bytesOf(torch::pickle_save(c10::IValue(torch::ones({4}))));
    const std::string storageTuple = std::string("X\x03\x00\x00\x00", 5) + "cpuq";
    auto at = std::search(archive.begin(), archive.end(), storageTuple.begin(), storageTuple.end());
    ASSERT_NE(at, archive.end());
    *(at + static_cast<std::ptrdiff_t>(storageTuple.size()) + 2) = 2;
    const std::string m = badInputMessage([&] { checkTorchArchive(archive.size(), memoryReadAt(archive)); });
    EXPECT_NE(m.find("its pickle rebuilds a tensor that reaches element 3 of a storage of 2"), std::string::npos) << m;

    // A tensor over an empty storage is fine as long as it has no elements either.
    const std::vector<std::uint8_t> empty = bytesOf(torch::pickle_save(c10::IValue(torch::ones({0, 3}))));
    EXPECT_NO_THROW(checkTorchArchive(empty.size(), memoryReadAt(empty)));
}
