#pragma once
// Reading a torch.save-style archive (a zip holding data.pkl and the tensors) from bytes in memory.
// torch::pickle_load does this too, but it trusts the archive: LibTorch 1.13's in-memory adapter copies whatever
// range miniz asks for without checking it against the buffer (the sanitizer build caught it reading past the
// heap block on a truncated zip), and its unpickler trusts every length and size the pickle names. This reader
// checks the archive first (util/torch_archive_check.h) and answers miniz's reads with the bytes that exist.
#include <ATen/core/ivalue.h>

#include <cstdint>
#include <vector>

namespace latentlab {

// Throws BadInputError (a clause for the caller to put after the file's name) when the checks refuse the archive,
// and whatever LibTorch throws (c10::Error, std::exception) when it cannot read one that passed them.
c10::IValue readPickleArchive(const std::vector<std::uint8_t>& bytes);

} // namespace latentlab
