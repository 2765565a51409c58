#pragma once
// A walk over a pickle's opcodes before LibTorch's unpickler runs it. LibTorch 1.13's unpickler trusts the
// numbers in the stream: it sizes a string at the length an opcode claims before reading it (4 GB from an 8 KB
// file), reserves memo room for the largest id it meets, pops stacks without looking, and builds a tensor storage
// of the element count the pickle names over a record that may be smaller, then lays a tensor over it with
// whatever offset, sizes and strides the pickle gives (either way, copying the tensor reads past its memory).
// This walk models the stack just far enough to refuse all of those, and hands back the storages the pickle
// refers to so that the caller can hold each against its record (util/torch_archive_check.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct PickledStorage {
    std::string key;          // the record's name under the pickle's folder ("0" for "archive/data/0")
    std::uint64_t bytes = 0;  // what the pickle says the storage holds: elements times the element size
};

// Throws BadInputError with a clause ("its pickle claims 4294967295 bytes where 12 are left, at byte 40").
std::vector<PickledStorage> scanPickle(const std::uint8_t* data, std::size_t size);

} // namespace latentlab
