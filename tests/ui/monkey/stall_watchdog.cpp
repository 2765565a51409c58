#include "tests/ui/monkey/stall_watchdog.h"

#include <QMetaObject>

#include <algorithm>

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
        if (length > longest_)
            longest_ = length;
        if (length > recordMs_)
            stalls_.push_back({posted, length});
        wake_.wait_for(lock, std::chrono::milliseconds(intervalMs_), [&] { return stopping_; });
    }
}

double StallWatchdog::longestMs() const
{
    return longest_;
}

void StallWatchdog::resetLongest()
{
    longest_ = 0.0;
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
