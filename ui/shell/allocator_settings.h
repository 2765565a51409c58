#pragma once
// How the window's process hands freed memory back to the system. glibc raises its mmap threshold each time
// a large block is freed (up to 32 MiB), after which every large tensor (a dataset as floats, 70,000 latents,
// a page of decoded images) comes from an arena and stays resident after it is freed: in the monkey's random
// sessions resident memory reached 3-10 times what malloc had in use. A fixed threshold keeps large blocks
// mapped on their own, so freeing one returns it. And every thread that allocates gets an arena of its own
// (up to 8 per core), each keeping what its thread freed: the workers (training, layouts, scores, decoding)
// share a few instead. Measured with the monkey (130 s, seed 20261203): resident memory after the window
// closed and malloc_trim 435-500 MiB by default, 302 MiB with both, the longest stall unchanged.
// Call once, first thing in main() (app/gui, and the tests and benchmarks that stand in for it).
namespace latentlab::ui {

// Blocks of at least this many bytes are mapped on their own and unmapped when freed.
constexpr int kOwnMappingFromBytes = 4 << 20;
// Arenas in all: more would hold more freed memory, fewer would make threads wait on each other's malloc.
constexpr int kArenas = 4;

// Returns false where the C library does not take the setting (not glibc).
bool returnLargeBlocksWhenFreed();

} // namespace latentlab::ui
