#pragma once
// Which samples are the same bytes as another: every sample's stored values (uint8 pixels or float32 values,
// sampleNumel() of them) hashed, equal hashes grouped, and each group confirmed by comparing the bytes in full,
// so a hash collision can never join two different samples. The hash is a parameter so a test can force
// collisions; everyone else takes sampleBytesHash.
#include "core/analysis/analysis_control.h"
#include "core/data/dataset.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace latentlab {

using BytesHash = std::function<std::uint64_t(const unsigned char* bytes, std::size_t size)>;

// A 64-bit hash of a run of bytes (not cryptographic: distinct samples colliding only costs a comparison).
std::uint64_t sampleBytesHash(const unsigned char* bytes, std::size_t size);

// For each position p of indices, the first position whose sample has the same bytes (p itself when none
// before it has): positions sharing that value are byte-identical copies. Indices must lie in the data
// (the caller checks). Cancellable between blocks of samples; progress goes to control as "exact duplicates".
std::vector<std::int64_t> firstExactCopies(const Dataset& data, const std::vector<std::int64_t>& indices,
                                           const AnalysisControl* control = nullptr,
                                           const BytesHash& hash = sampleBytesHash);

} // namespace latentlab
