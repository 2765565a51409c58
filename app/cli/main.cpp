// latentlab-cli: every job of LatentLab without a screen. Links core only.
// Exit codes: 0 success, 2 bad input (the one-line message on stderr), 1 anything else.
#include "cli/commands.h"
#include "util/errors.h"

#include <iostream>
#include <string>
#include <vector>

namespace {

const char* kUsage =
    "usage: latentlab-cli COMMAND [ARGS]\n"
    "commands:\n"
    "  info PATH [--json] [--labels FILE] [--label-column NAME]\n"
    "      describe a dataset: count, sample shape, classes, value range, split\n"
    "  demo [--data PATH] [--out PNG] [--steps N] [--threads N] [--seed N]\n"
    "      train a small VAE briefly and write a grid of samples from its prior\n";

std::string oneLine(std::string s)
{
    for (char& c : s)
        if (c == '\n' || c == '\r')
            c = ' ';
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        (args.empty() ? std::cerr : std::cout) << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string command = args.front();
    args.erase(args.begin());
    try {
        if (command == "info")
            return latentlab::cli::runInfo(args);
        if (command == "demo")
            return latentlab::cli::runDemo(args);
        std::cerr << "latentlab-cli: unknown command '" << command << "'\n" << kUsage;
        return 2;
    } catch (const latentlab::BadInputError& e) {
        std::cerr << "latentlab-cli: " << oneLine(e.what()) << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "latentlab-cli: " << oneLine(e.what()) << "\n";
        return 1;
    }
}
