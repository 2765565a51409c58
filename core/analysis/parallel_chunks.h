#pragma once
// Splitting a loop over n items into fixed chunks that a few threads take in turn. The chunks do not depend
// on the thread count, so per-chunk partial sums added in chunk order give the same result on 1 or 16
// threads; taking chunks from a shared counter balances uneven work (dense and sparse parts of a layout).
//
// Our own threads rather than at::parallel_for, which splits a range into one piece per thread: sums would then
// depend on the thread count, and a piece with the dense part of a layout would keep the others waiting. The
// work is plain C++ loops (no LibTorch calls), so the helpers need none of LibTorch's thread state.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace latentlab::tsne {

class ChunkPlan {
public:
    ChunkPlan(std::int64_t n, std::int64_t chunkSize) : n_(n), size_(std::max<std::int64_t>(1, chunkSize)) {}
    std::int64_t chunks() const { return (n_ + size_ - 1) / size_; }
    std::int64_t begin(std::int64_t chunk) const { return chunk * size_; }
    std::int64_t end(std::int64_t chunk) const { return std::min(n_, (chunk + 1) * size_); }

private:
    std::int64_t n_, size_;
};

// Helper threads kept for a whole run (t-SNE calls it three times an iteration, a thousand iterations). The
// calling thread works too and never waits for a helper to wake up: on a busy machine a helper may be
// scheduled late, so whoever is running takes the chunks, and a helper that arrives after the last chunk
// was taken just goes back to sleep.
class ChunkRunner {
public:
    explicit ChunkRunner(int threads);
    ~ChunkRunner();
    ChunkRunner(const ChunkRunner&) = delete;
    ChunkRunner& operator=(const ChunkRunner&) = delete;

    int threads() const { return static_cast<int>(helpers_.size()) + 1; }

    // f(chunk, begin, end) for every chunk of the plan. The first exception stops the remaining chunks and is
    // rethrown here.
    template <typename F>
    void forEach(const ChunkPlan& plan, F&& f)
    {
        const std::int64_t chunks = plan.chunks();
        std::atomic<std::int64_t> next{0};
        std::exception_ptr error;
        std::mutex errorLock;
        std::function<void()> body = [&] {
            try {
                for (std::int64_t c = next++; c < chunks; c = next++)
                    f(c, plan.begin(c), plan.end(c));
            } catch (...) {
                const std::lock_guard<std::mutex> lock(errorLock);
                if (!error)
                    error = std::current_exception();
                next = chunks;
            }
        };
        run(body, chunks > 1);
        if (error)
            std::rethrow_exception(error);
    }

private:
    void run(const std::function<void()>& body, bool share);
    void helperLoop();

    std::vector<std::thread> helpers_;
    std::mutex lock_;
    std::condition_variable wake_, idle_;
    const std::function<void()>* job_ = nullptr; // open for helpers to join while set
    std::uint64_t generation_ = 0;
    int active_ = 0; // helpers inside the current job
    bool stop_ = false;
};

} // namespace latentlab::tsne
