#pragma once
// How long the GUI thread's event loop keeps a user waiting. A thread of its own posts a ping to the GUI
// thread (a queued call) every few milliseconds and times the answer: a ping waits behind whatever the event
// loop is doing, so the longest answer is the longest a click would have waited. Unlike a timer on the GUI
// thread it also sees a loop that never comes back (the ping is still pending when stop() asks).
// On a loaded machine a stall is partly the GUI thread waiting for a core: the kernel counts that time
// (/proc/<tid>/schedstat, time on a run queue), so every stall also says how much of it was the machine's and
// ownMs() is the rest: time the thread ran or was blocked, which is the program's doing.
// A ping left waiting past sampleAfterMs also has the GUI thread's stack sampled now and then (a signal to that
// thread, whose handler records backtrace()): what the loop was doing during a stall, named in the report.
// Shared by the monkey test and the soak benchmark.
#include <QObject>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace latentlab::ui::monkey {

class StallWatchdog {
public:
    // One look at the GUI thread: its stack, innermost frame first, or (when it did not take the signal, as a
    // thread inside a long system call does not) what the kernel says it waits in.
    struct Sample {
        std::vector<void*> frames;
        std::string kernel; // "state D, wchan ..., syscall ..." when frames is empty
    };
    struct Stall {
        double atMs = 0;     // when the ping was posted, from start()
        double lengthMs = 0; // how long it waited for its answer
        double queuedMs = 0; // of which the GUI thread was ready to run but had no core
        double ownMs() const { return lengthMs - queuedMs; }
        // The GUI thread sampled while this ping waited.
        std::vector<Sample> samples;
    };

    // Pings every intervalMs; stalls longer than recordMs are kept with their time.
    explicit StallWatchdog(int intervalMs = 10, double recordMs = 50.0);
    ~StallWatchdog();
    StallWatchdog(const StallWatchdog&) = delete;
    StallWatchdog& operator=(const StallWatchdog&) = delete;

    // Call on the GUI thread (the pings are answered by an object living there).
    void start();
    void stop();

    double longestMs() const;
    // The longest stall less its time on a run queue.
    double longestOwnMs() const;
    // The longest stall from now on (e.g. after a warm-up).
    void resetLongest();
    // A ping posted that long ago is still unanswered: the loop is stuck right now (0 when none is pending).
    double pendingMs() const;
    std::int64_t pings() const { return pings_; }
    std::vector<Stall> stalls() const;
    // The stacks sampled so far for the ping still waiting (a hang's report: it may never be answered).
    std::vector<Sample> pendingSamples() const;
    // Sample the GUI thread's stack once a ping has waited this long, then every sampleEveryMs (0: never).
    void setSampling(double sampleAfterMs, double sampleEveryMs = 250.0);
    // One sampled stack, a frame a line, demangled where the symbol is known (the program needs -rdynamic
    // for its own functions' names; otherwise module+offset, for addr2line).
    static std::string describe(const Sample& sample, int maxFrames = 24);
    // ms since start(): the clock of Stall::atMs.
    double nowMs() const;

private:
    void loop();
    // ms the GUI thread has spent ready but not running, since it started (0 where /proc does not say).
    double queuedMsSoFar() const;
    Sample sampleGuiStack();

    const int intervalMs_;
    const double recordMs_;
    QObject* receiver_ = nullptr; // lives on the GUI thread
    std::thread thread_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::uint64_t answered_ = 0; // the number of the last ping answered
    std::atomic<double> longest_ {0.0};
    std::atomic<double> longestOwn_ {0.0};
    long guiThread_ = 0;
    std::atomic<double> pendingSince_ {-1.0};
    std::atomic<std::int64_t> pings_ {0};
    std::vector<Stall> stalls_;
    std::vector<Sample> pendingSamples_;
    double sampleAfterMs_ = 0.0;
    double sampleEveryMs_ = 250.0;
    std::chrono::steady_clock::time_point start_;
};

} // namespace latentlab::ui::monkey
