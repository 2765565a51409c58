#include "core/analysis/exact_copies.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace latentlab {
namespace {

// A multiply-xorshift mix per 8-byte word (the finaliser of splitmix64): every input bit reaches every output
// bit, so samples that differ in one pixel get unrelated hashes.
std::uint64_t mixWord(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

struct SampleBytes {
    const unsigned char* data = nullptr;
    std::size_t size = 0;
};

SampleBytes bytesOfSample(const Dataset& data, std::int64_t index)
{
    const auto numel = static_cast<std::size_t>(data.sampleNumel());
    const auto i = static_cast<std::size_t>(index);
    if (const std::uint8_t* bytes = data.uint8Data())
        return {bytes + i * numel, numel};
    return {reinterpret_cast<const unsigned char*>(data.floatData() + i * numel), numel * sizeof(float)};
}

// Samples hashed between two looks at the cancel flag: ~3 MB of Fashion-MNIST, a millisecond or two.
constexpr std::size_t kHashBlock = 4096;

} // namespace

std::uint64_t sampleBytesHash(const unsigned char* bytes, std::size_t size)
{
    std::uint64_t h = mixWord(0x9e3779b97f4a7c15ULL ^ size);
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, bytes + i, 8);
        h = mixWord(h ^ w) + 0x9e3779b97f4a7c15ULL;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes + i, size - i);
    return mixWord(h ^ tail ^ (static_cast<std::uint64_t>(size - i) << 56));
}

std::vector<std::int64_t> firstExactCopies(const Dataset& data, const std::vector<std::int64_t>& indices,
                                           const AnalysisControl* control, const BytesHash& hash)
{
    const std::size_t n = indices.size();
    std::vector<std::pair<std::uint64_t, std::int64_t>> hashed(n); // (hash, position)
    for (std::size_t p = 0; p < n; ++p) {
        if (p % kHashBlock == 0) {
            if (control && control->cancelled())
                throw AnalysisCancelled{};
            if (control && p > 0)
                control->report(static_cast<double>(p) / static_cast<double>(n), "exact duplicates");
        }
        const SampleBytes s = bytesOfSample(data, indices[p]);
        hashed[p] = {hash(s.data, s.size), static_cast<std::int64_t>(p)};
    }
    // Equal hashes side by side, each run by position, so the first of a run of copies is the earliest.
    std::sort(hashed.begin(), hashed.end());

    std::vector<std::int64_t> first(n);
    std::vector<std::int64_t> distinct; // positions of the different byte strings seen so far in this run
    for (std::size_t r = 0; r < n;) {
        std::size_t end = r + 1;
        while (end < n && hashed[end].first == hashed[r].first)
            ++end;
        distinct.clear();
        for (std::size_t q = r; q < end; ++q) {
            const std::int64_t p = hashed[q].second;
            const SampleBytes s = bytesOfSample(data, indices[static_cast<std::size_t>(p)]);
            // A collision between different samples is rare, so the list of distinct ones stays short.
            const auto same = std::find_if(distinct.begin(), distinct.end(), [&](std::int64_t d) {
                const SampleBytes o = bytesOfSample(data, indices[static_cast<std::size_t>(d)]);
                return o.size == s.size && std::memcmp(o.data, s.data, s.size) == 0;
            });
            if (same == distinct.end()) {
                distinct.push_back(p);
                first[static_cast<std::size_t>(p)] = p;
            } else {
                first[static_cast<std::size_t>(p)] = *same;
            }
        }
        r = end;
    }
    if (control)
        control->report(1.0, "exact duplicates");
    return first;
}

} // namespace latentlab
