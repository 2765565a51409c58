#pragma once
#include <string>
#include <vector>

namespace latentlab::testing {

struct CliResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs latentlab-cli with the given arguments (no shell), capturing stdout, stderr and the exit code.
CliResult runCli(const std::vector<std::string>& args);

} // namespace latentlab::testing
