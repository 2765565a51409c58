// make_seed_corpora OUT_DIR: writes the fuzz targets' seed corpora (seed_corpora.h); ctest runs it before
// the fuzzers.
#include "tests/fuzz/seed_corpora.h"

#include <exception>
#include <iostream>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: make_seed_corpora OUT_DIR\n";
        return 2;
    }
    try {
        latentlab::fuzz::writeSeedCorpora(argv[1]);
        std::cout << "seed corpora written to " << argv[1] << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "make_seed_corpora: " << e.what() << "\n";
        return 1;
    }
}
