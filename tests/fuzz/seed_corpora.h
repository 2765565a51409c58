#pragma once
// The seed corpus of every fuzz target: valid files of each format and variant, made with the same fixture
// writers and core savers the tests use, each prefixed with the variant byte its harness reads
// (fuzz_harness.h). dir/<target>/seed-N; the folder is replaced.
#include <string>

namespace latentlab::fuzz {

void writeSeedCorpora(const std::string& dir);

} // namespace latentlab::fuzz
