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
        std::vector<std::vector<void*>> samples;
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

std::vector<void*> StallWatchdog::sampleGuiStack()
{
    g_frameCount.store(-1, std::memory_order_release);
    if (syscall(SYS_tgkill, static_cast<long>(::getpid()), guiThread_, samplingSignal()) != 0)
        return {};
    // The handler runs as soon as the thread is scheduled, even inside a blocking call.
    for (int waited = 0; waited < 500 && g_frameCount.load(std::memory_order_acquire) < 0; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const int n = g_frameCount.load(std::memory_order_acquire);
    // The first two frames are the handler and the kernel's signal trampoline.
    if (n <= 2)
        return {};
    return std::vector<void*>(g_frames + 2, g_frames + n);
}

std::string StallWatchdog::describe(const std::vector<void*>& frames, int maxFrames)
{
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

std::vector<StallWatchdog::Stall> StallWatchdog::stalls() const
{
    const std::lock_guard<std::mutex> lock(mutex_);
    return stalls_;
}

} // namespace latentlab::ui::monkey
