#pragma once
// Reading a torch.save-style archive (a zip holding data.pkl and the tensors) from bytes in memory.
// torch::pickle_load does this too, but LibTorch 1.13's in-memory adapter copies whatever range miniz asks for
// without checking it against the buffer, and miniz asks for ranges that a truncated or forged zip directory
// names: the sanitizer build caught it reading past the end of the heap block. This reader answers such a
// request with the bytes that exist, so miniz sees a short read and reports a corrupt archive instead.
#include <ATen/core/ivalue.h>

#include <cstdint>
#include <vector>

namespace latentlab {

// Throws whatever LibTorch throws for a corrupt archive (c10::Error, std::exception); the caller words it.
c10::IValue readPickleArchive(const std::vector<std::uint8_t>& bytes);

} // namespace latentlab
