#include "tests/ui/monkey/stall_watchdog.h"

#include <QMetaObject>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>

#include <sys/syscall.h>
#include <unistd.h>

namespace latentlab::ui::monkey {

namespace {

// One sample at a time: the watchdog thread asks, the GUI thread's handler answers into these.
constexpr int kMaxFrames = 64;
constexpr std::size_t kMaxSamplesPerStall = 16;
void* g_frames[kMaxFrames];
std::atomic<int> g_frameCount {-1};

extern "C" void recordStack(int)
{
    const int n = ::backtrace(g_frames, kMaxFrames);
    g_frameCount.store(n, std::memory_order_release);
}

int samplingSignal()
{
    static const int sig = [] {
        // backtrace() loads libgcc on its first call, which is no work for a signal handler: do it here.
        void* warm[4];
        ::backtrace(warm, 4);
        const int chosen = SIGRTMIN + 5;
        struct sigaction action {};
        action.sa_handler = recordStack;
        action.sa_flags = SA_RESTART;
        sigemptyset(&action.sa_mask);
        sigaction(chosen, &action, nullptr);
        return chosen;
    }();
    return sig;
}

} // namespace

StallWatchdog::StallWatchdog(int intervalMs, double recordMs)
    : intervalMs_(intervalMs)
    , recordMs_(recordMs)
{
}

StallWatchdog::~StallWatchdog()
{
    stop();
}

double StallWatchdog::nowMs() const
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
}

void StallWatchdog::start()
{
    if (thread_.joinable())
        return;
    receiver_ = new QObject;
    guiThread_ = static_cast<long>(syscall(SYS_gettid));
    start_ = std::chrono::steady_clock::now();
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void StallWatchdog::stop()
{
    if (!thread_.joinable())
        return;
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    // Deleted on the GUI thread, which is the caller: a ping still queued for it is dropped with it.
    delete receiver_;
    receiver_ = nullptr;
}

void StallWatchdog::loop()
{
    std::uint64_t number = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        ++number;
        const double posted = nowMs();
        const double queuedBefore = queuedMsSoFar();
        pendingSince_ = posted;
        QMetaObject::invokeMethod(
            receiver_,
            [this, number] {
                {
                    const std::lock_guard<std::mutex> answer(mutex_);
                    answered_ = std::max(answered_, number);
                }
                wake_.notify_all();
            },
            Qt::QueuedConnection);
        const auto answeredOrStopping = [&] { return stopping_ || answered_ >= number; };
        std::vector<Sample> samples;
        pendingSamples_.clear();
        if (sampleAfterMs_ <= 0.0) {
            wake_.wait(lock, answeredOrStopping);
        } else {
            double nextSample = posted + sampleAfterMs_;
            while (!wake_.wait_for(lock, std::chrono::duration<double, std::milli>(std::max(1.0, nextSample - nowMs())),
                                   answeredOrStopping)) {
                if (samples.size() < kMaxSamplesPerStall) {
                    lock.unlock(); // the GUI thread may be on its way to answer: it takes mutex_
                    samples.push_back(sampleGuiStack());
                    lock.lock();
                    pendingSamples_ = samples;
                } else {
                    // A hang: keep the latest stack as the last one, where the loop is still stuck.
                    lock.unlock();
                    Sample latest = sampleGuiStack();
                    lock.lock();
                    pendingSamples_.back() = std::move(latest);
                }
                nextSample += sampleEveryMs_;
            }
        }
        if (stopping_)
            break;
        const double length = nowMs() - posted;
        pendingSince_ = -1.0;
        ++pings_;
        Stall stall {posted, length, std::clamp(queuedMsSoFar() - queuedBefore, 0.0, length), std::move(samples)};
        if (length > longest_)
            longest_ = length;
        if (stall.ownMs() > longestOwn_)
            longestOwn_ = stall.ownMs();
        if (length > recordMs_)
            stalls_.push_back(std::move(stall));
        wake_.wait_for(lock, std::chrono::milliseconds(intervalMs_), [&] { return stopping_; });
    }
}

double StallWatchdog::longestMs() const
{
    return longest_;
}

double StallWatchdog::longestOwnMs() const
{
    return longestOwn_;
}

double StallWatchdog::queuedMsSoFar() const
{
    // "ns on a cpu, ns waiting on a run queue, timeslices"
    char path[64];
    std::snprintf(path, sizeof path, "/proc/self/task/%ld/schedstat", guiThread_);
    std::FILE* f = std::fopen(path, "r");
    if (!f)
        return 0.0;
    unsigned long long running = 0, waiting = 0;
    const int read = std::fscanf(f, "%llu %llu", &running, &waiting);
    std::fclose(f);
    return read == 2 ? waiting / 1e6 : 0.0;
}

void StallWatchdog::setSampling(double sampleAfterMs, double sampleEveryMs)
{
    const std::lock_guard<std::mutex> lock(mutex_);
    sampleAfterMs_ = sampleAfterMs;
    sampleEveryMs_ = std::max(10.0, sampleEveryMs);
    if (sampleAfterMs_ > 0.0)
        samplingSignal();
}

StallWatchdog::Sample StallWatchdog::sampleGuiStack()
{
    g_frameCount.store(-1, std::memory_order_release);
    Sample sample;
    if (syscall(SYS_tgkill, static_cast<long>(::getpid()), guiThread_, samplingSignal()) != 0)
        return sample;
    // The handler runs as soon as the thread returns to user space, even from a blocking call that can be
    // interrupted; a thread in an uninterruptible wait (a page fault, the mmap lock) answers only after it.
    for (int waited = 0; waited < 200 && g_frameCount.load(std::memory_order_acquire) < 0; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const int n = g_frameCount.load(std::memory_order_acquire);
    // The first two frames are the handler and the kernel's signal trampoline.
    if (n > 2) {
        sample.frames.assign(g_frames + 2, g_frames + n);
        return sample;
    }
    const auto read = [&](const char* what) {
        char path[96];
        std::snprintf(path, sizeof path, "/proc/self/task/%ld/%s", guiThread_, what);
        std::string text;
        if (std::FILE* f = std::fopen(path, "r")) {
            char buffer[512];
            const std::size_t got = std::fread(buffer, 1, sizeof buffer - 1, f);
            text.assign(buffer, got);
            std::fclose(f);
        }
        while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
            text.pop_back();
        return text;
    };
    const std::string stat = read("stat");
    const std::size_t close = stat.rfind(')');
    const std::string state = close != std::string::npos && close + 2 < stat.size() ? stat.substr(close + 2, 1) : "?";
    std::string stack = read("stack"); // the kernel's stack: root only
    for (char& c : stack)
        if (c == '\n')
            c = ' ';
    sample.kernel = "no answer to the signal in 200 ms: state " + state + ", wchan " + read("wchan") + ", syscall "
                    + read("syscall") + (stack.empty() ? "" : ", kernel stack " + stack.substr(0, 300));
    return sample;
}

std::string StallWatchdog::describe(const Sample& sample, int maxFrames)
{
    if (sample.frames.empty())
        return "  " + (sample.kernel.empty() ? std::string("(no stack)") : sample.kernel) + "\n";
    const std::vector<void*>& frames = sample.frames;
    std::string text;
    const int count = std::min(static_cast<int>(frames.size()), maxFrames);
    for (int i = 0; i < count; ++i) {
        Dl_info info {};
        char line[400];
        if (dladdr(frames[i], &info) && info.dli_sname) {
            int status = 0;
            char* demangled = abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status);
            const char* name = status == 0 && demangled ? demangled : info.dli_sname;
            std::snprintf(line, sizeof line, "  #%d %.300s\n", i, name);
            std::free(demangled);
        } else if (info.dli_fname) {
            std::snprintf(line, sizeof line, "  #%d %s+0x%lx\n", i, info.dli_fname,
                          static_cast<unsigned long>(static_cast<char*>(frames[i]) - static_cast<char*>(info.dli_fbase)));
        } else {
            std::snprintf(line, sizeof line, "  #%d %p\n", i, frames[i]);
        }
        text += line;
    }
    return text;
}

void StallWatchdog::resetLongest()
{
    longest_ = 0.0;
    longestOwn_ = 0.0;
    const std::lock_guard<std::mutex> lock(mutex_);
    stalls_.clear();
}

double StallWatchdog::pendingMs() const
{
    const double since = pendingSince_;
    return since < 0 ? 0.0 : nowMs() - since;
}

std::vector<StallWatchdog::Sample> StallWatchdog::pendingSamples() const
{
    const std::lock_guard<std::mutex> lock(mutex_);
    return pendingSamples_;
}

std::vector<StallWatchdog::Stall> StallWatchdog::stalls() const
{
    const std::lock_guard<std::mutex> lock(mutex_);
    return stalls_;
}

} // namespace latentlab::ui::monkey
