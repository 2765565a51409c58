#pragma once
// The checks a PyTorch archive (a checkpoint or a TorchScript module) passes before LibTorch reads it: the zip
// directory's record sizes (util/zip_directory.h), and every pickle in it walked opcode by opcode
// (util/pickle_scan.h), each tensor storage it names no larger than the record that holds the storage's bytes.
// LibTorch 1.13 trusts all of these numbers; a forged file would otherwise make it allocate gigabytes, or read
// past a buffer.
#include "core/util/zip_directory.h"

#include <string>

namespace latentlab {

// Throws BadInputError with a clause ("its record 'archive/data.pkl': its pickle ...") for the caller to put after
// the file's name.
void checkTorchArchive(std::uint64_t fileSize, const ReadAt& read);

// The same for a file on disk.
void checkTorchArchiveFile(const std::string& path);

} // namespace latentlab
