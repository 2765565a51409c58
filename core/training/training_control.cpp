#include "core/training/training_control.h"

namespace latentlab {

void TrainingControl::pause()
{
    paused_.store(true);
}

void TrainingControl::resume()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        paused_.store(false);
    }
    wake_.notify_all();
}

void TrainingControl::requestStop()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_.store(true);
    }
    wake_.notify_all();
}

void TrainingControl::setLearningRate(double lr)
{
    lr_.store(lr);
    lrPending_.store(true);
}

void TrainingControl::setBeta(double beta)
{
    beta_.store(beta);
    betaPending_.store(true);
}

std::optional<double> TrainingControl::takeLearningRate()
{
    if (!lrPending_.exchange(false))
        return std::nullopt;
    return lr_.load();
}

std::optional<double> TrainingControl::takeBeta()
{
    if (!betaPending_.exchange(false))
        return std::nullopt;
    return beta_.load();
}

bool TrainingControl::waitWhilePaused()
{
    if (paused_.load() && !stop_.load()) {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [this] { return !paused_.load() || stop_.load(); });
    }
    return !stop_.load();
}

} // namespace latentlab
