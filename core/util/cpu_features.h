#pragma once
// What the CPU can do, asked at run time: the binary is built for any x86-64, and a hot loop that gains from
// AVX2 and FMA (the fused training step's loss sweep) carries a second version for CPUs that have them,
// compiled with __attribute__((target("avx2,fma"))). Adam's sweep was tried too: it is bound by memory, and
// gained nothing.
namespace latentlab {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define LATENTLAB_X86_DISPATCH 1
#endif

bool cpuHasAvx2Fma();

} // namespace latentlab
