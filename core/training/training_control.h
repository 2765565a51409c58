#pragma once
// The knobs another thread turns while Trainer::run() works: pause, resume, stop, and a new learning rate or
// beta that takes effect at the next step. Lock-free for the trainer's per-step checks; a condition variable
// only so a paused trainer sleeps instead of spinning.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace latentlab {

class TrainingControl {
public:
    void pause();
    void resume();
    // Stops at the next batch boundary (also wakes a paused trainer).
    void requestStop();
    void setLearningRate(double lr);
    void setBeta(double beta);

    bool isPaused() const { return paused_.load(); }
    bool stopRequested() const { return stop_.load(); }

    // Trainer side. Each pending change is handed out once.
    std::optional<double> takeLearningRate();
    std::optional<double> takeBeta();
    // Blocks while paused; returns false when a stop was requested.
    bool waitWhilePaused();

private:
    std::atomic<bool> paused_{false};
    std::atomic<bool> stop_{false};
    std::atomic<bool> lrPending_{false};
    std::atomic<bool> betaPending_{false};
    std::atomic<double> lr_{0.0};
    std::atomic<double> beta_{0.0};
    std::mutex mutex_;
    std::condition_variable wake_;
};

} // namespace latentlab
