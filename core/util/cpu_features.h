#pragma once
// What the CPU can do, asked at run time: the binary is built for any x86-64, and the few hot loops that gain
// from AVX2 and FMA (the fused training step's loss sweep, Adam) carry a second version for CPUs that have
// them, compiled with __attribute__((target("avx2,fma"))).
namespace latentlab {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define LATENTLAB_X86_DISPATCH 1
#endif

bool cpuHasAvx2Fma();

} // namespace latentlab
