// The libFuzzer entry point of one target; LATENTLAB_FUZZ_HARNESS names the harness (set per executable).
#include "tests/fuzz/fuzz_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    latentlab::fuzz::LATENTLAB_FUZZ_HARNESS(data, size);
    return 0;
}
