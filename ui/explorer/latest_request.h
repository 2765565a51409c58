#pragma once
// Latest-request-wins hand-over between the GUI thread and a worker (which answers are stale is the
// business of RequestTags; this only keeps a drag from building a queue). A drag sends a request per mouse move,
// far more than a decoder answers while the worker is busy; queueing them all would make the image trail
// the mouse further behind with every move. Here a new request replaces the one still waiting, so the worker
// only ever takes the newest, and only one wake-up call is in the worker's event queue at a time.
#include <mutex>
#include <optional>
#include <utility>

namespace latentlab::ui {

template <typename Request>
class LatestRequest {
public:
    // GUI thread. True when the caller must wake the worker (no wake-up is pending yet).
    bool put(Request request)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_ = std::move(request);
        if (awake_)
            return false;
        awake_ = true;
        return true;
    }

    // Worker thread: the newest request, or nothing (and then the next put() wakes the worker again).
    std::optional<Request> take()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        std::optional<Request> out = std::move(pending_);
        pending_.reset();
        if (!out)
            awake_ = false;
        return out;
    }

private:
    std::mutex mutex_;
    std::optional<Request> pending_;
    bool awake_ = false;
};

} // namespace latentlab::ui
