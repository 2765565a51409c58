#include "tests/cli/cli_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace latentlab::testing {

static std::string slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

CliProcess::CliProcess(const std::vector<std::string>& args, const std::string& cwd)
{
    char outName[] = "/tmp/latentlab-cli-out-XXXXXX";
    char errName[] = "/tmp/latentlab-cli-err-XXXXXX";
    const int outFd = mkstemp(outName);
    const int errFd = mkstemp(errName);
    if (outFd < 0 || errFd < 0)
        throw std::runtime_error("cannot create temp files for the CLI output");
    outName_ = outName;
    errName_ = errName;
    std::vector<std::string> argvStore{LATENTLAB_CLI};
    argvStore.insert(argvStore.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argvStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, outFd, 1);
    posix_spawn_file_actions_adddup2(&actions, errFd, 2);
    if (!cwd.empty())
        posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(outFd);
    close(errFd);
    if (rc != 0) {
        unlink(outName_.c_str());
        unlink(errName_.c_str());
        throw std::runtime_error("cannot start " + argvStore[0]);
    }
}

CliProcess::~CliProcess()
{
    if (!exited_) {
        ::kill(pid_, SIGKILL);
        reap(true);
    }
    unlink(outName_.c_str());
    unlink(errName_.c_str());
}

void CliProcess::reap(bool block)
{
    if (exited_)
        return;
    int status = 0;
    pid_t r;
    do
        r = waitpid(pid_, &status, block ? 0 : WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == pid_) {
        exited_ = true;
        status_ = status;
    }
}

bool CliProcess::running()
{
    reap(false);
    return !exited_;
}

void CliProcess::signal(int sig)
{
    if (running())
        ::kill(pid_, sig);
}

bool CliProcess::waitFor(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

CliResult CliProcess::result()
{
    reap(true);
    CliResult r;
    r.exitCode = WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
    r.out = slurp(outName_);
    r.err = slurp(errName_);
    return r;
}

CliResult runCli(const std::vector<std::string>& args, const std::string& cwd)
{
    return CliProcess(args, cwd).result();
}

} // namespace latentlab::testing
