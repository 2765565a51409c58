#include "tests/ui/monkey/stall_watchdog.h"

#include <QMetaObject>

#include <algorithm>
#include <cstdio>

#include <sys/syscall.h>
#include <unistd.h>

namespace latentlab::ui::monkey {

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
        wake_.wait(lock, [&] { return stopping_ || answered_ >= number; });
        if (stopping_)
            break;
        const double length = nowMs() - posted;
        pendingSince_ = -1.0;
        ++pings_;
        const Stall stall {posted, length, std::clamp(queuedMsSoFar() - queuedBefore, 0.0, length)};
        if (length > longest_)
            longest_ = length;
        if (stall.ownMs() > longestOwn_)
            longestOwn_ = stall.ownMs();
        if (length > recordMs_)
            stalls_.push_back(stall);
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
