#pragma once
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace latentlab::testing {

struct CliResult {
    int exitCode = -1; // the exit status, or 128 + the signal that ended it
    std::string out;
    std::string err;
};

// Runs latentlab-cli with the given arguments (no shell), capturing stdout, stderr and the exit code;
// in the folder `cwd` where one is given.
CliResult runCli(const std::vector<std::string>& args, const std::string& cwd = {});

// latentlab-cli running in the background, for tests that signal it mid-run. The destructor kills and reaps
// a process that is still running, so a failed assertion never leaves one behind.
class CliProcess {
public:
    explicit CliProcess(const std::vector<std::string>& args, const std::string& cwd = {});
    ~CliProcess();
    CliProcess(const CliProcess&) = delete;
    CliProcess& operator=(const CliProcess&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    void signal(int sig);
    // Waits until it exits, up to `timeout`; false if it still runs then.
    bool waitFor(std::chrono::milliseconds timeout);
    // Waits (without limit) and returns what it printed and how it ended.
    CliResult result();

private:
    void reap(bool block);

    pid_t pid_ = -1;
    bool exited_ = false;
    int status_ = 0;
    std::string outName_, errName_;
};

} // namespace latentlab::testing
