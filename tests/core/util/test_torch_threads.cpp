// LibTorch's thread count is per thread, except for a process-wide value every thread copies on its first
// parallel region. These tests interleave two threads so that copy would land in between.
#include "core/util/torch_threads.h"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace latentlab {
namespace {

// Lets two threads take turns: each waits for its turn number, does its part, passes the turn on.
class Turns {
public:
    void waitFor(int turn)
    {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return turn_ == turn; });
    }
    void pass()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++turn_;
        wake_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    int turn_ = 0;
};

// A parallel op inside LibTorch: on a thread that has not run one yet, it performs the lazy initialisation.
void runParallelOp()
{
    const torch::Tensor x = torch::rand({1 << 16});
    (void)(x * 2.0).sum().item<float>();
}

TEST(TorchThreads, TwoThreadsKeepTheCountsTheyAskedFor)
{
    Turns turns;
    int seenByOne = 0, seenByThree = 0;
    // One asks for 1 thread and has not run anything parallel; then the other asks for 3; then the first runs
    // its first parallel op. With at::set_num_threads alone, that op would copy the other's 3.
    std::thread one([&] {
        turns.waitFor(0);
        useTorchThreads(1);
        turns.pass();
        turns.waitFor(2);
        runParallelOp();
        seenByOne = torchThreadsInUse();
        turns.pass();
    });
    std::thread three([&] {
        turns.waitFor(1);
        useTorchThreads(3);
        runParallelOp();
        turns.pass();
        turns.waitFor(3);
        runParallelOp();
        seenByThree = torchThreadsInUse();
    });
    one.join();
    three.join();
    EXPECT_EQ(seenByOne, 1);
    EXPECT_EQ(seenByThree, 3);
}

TEST(TorchThreads, AScopeGivesTheCountBack)
{
    std::thread worker([] {
        useTorchThreads(2);
        {
            const TorchThreadsScope scope(1);
            EXPECT_EQ(torchThreadsInUse(), 1);
        }
        EXPECT_EQ(torchThreadsInUse(), 2);
        {
            const TorchThreadsScope keep(0); // 0: leave the count as it is
            EXPECT_EQ(torchThreadsInUse(), 2);
        }
        useTorchThreads(0); // every core
        EXPECT_EQ(torchThreadsInUse(), allCores());
    });
    worker.join();
}

TEST(TorchThreads, GradModeIsPerThread)
{
    setTorchGradEnabled(true);
    std::thread worker([] {
        setTorchGradEnabled(false);
        EXPECT_FALSE(torchGradEnabled());
    });
    worker.join();
    EXPECT_TRUE(torchGradEnabled());
}

} // namespace
} // namespace latentlab
