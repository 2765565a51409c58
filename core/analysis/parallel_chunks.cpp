#include "core/analysis/parallel_chunks.h"

namespace latentlab::tsne {

ChunkRunner::ChunkRunner(int threads)
{
    for (int t = 1; t < threads; ++t)
        helpers_.emplace_back([this] { helperLoop(); });
}

ChunkRunner::~ChunkRunner()
{
    {
        const std::lock_guard<std::mutex> lock(lock_);
        stop_ = true;
    }
    wake_.notify_all();
    for (auto& h : helpers_)
        h.join();
}

void ChunkRunner::run(const std::function<void()>& body, bool share)
{
    if (helpers_.empty() || !share) {
        body();
        return;
    }
    {
        const std::lock_guard<std::mutex> lock(lock_);
        job_ = &body;
        ++generation_;
    }
    wake_.notify_all();
    body();
    // Close the job to late helpers, then wait only for those already inside it (each finishes its chunk).
    std::unique_lock<std::mutex> lock(lock_);
    job_ = nullptr;
    idle_.wait(lock, [this] { return active_ == 0; });
}

void ChunkRunner::helperLoop()
{
    std::uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(lock_);
    for (;;) {
        wake_.wait(lock, [&] { return stop_ || (job_ && generation_ != seen); });
        if (stop_)
            return;
        seen = generation_;
        const std::function<void()>* job = job_;
        ++active_;
        lock.unlock();
        (*job)();
        lock.lock();
        if (--active_ == 0)
            idle_.notify_all();
    }
}

} // namespace latentlab::tsne
