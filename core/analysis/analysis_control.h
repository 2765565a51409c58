#pragma once
// What a long analysis (encode-all, t-SNE, scoring) needs from its caller: a way to be cancelled from another
// thread and a place to report progress. Core stays thread-agnostic: the GUI's worker passes one whose
// callback emits a queued signal; the CLI passes one that draws a progress bar. Plain values only.
#include <atomic>
#include <functional>
#include <string>

namespace latentlab {

class AnalysisControl {
public:
    AnalysisControl() = default;
    explicit AnalysisControl(std::function<void(double fraction, const std::string& what)> progress)
        : progress_(std::move(progress))
    {
    }

    // Any thread.
    void cancel() { cancelled_.store(true); }
    bool cancelled() const { return cancelled_.load(); }

    // The working thread: fraction in [0, 1].
    void report(double fraction, const std::string& what) const
    {
        if (progress_)
            progress_(fraction, what);
    }

private:
    std::atomic<bool> cancelled_{false};
    std::function<void(double, const std::string&)> progress_;
};

// Thrown by an analysis that saw cancelled(); callers that cancel expect it and drop the partial result.
struct AnalysisCancelled {};

// Throws AnalysisCancelled when control (which may be null) was cancelled.
inline void throwIfCancelled(const AnalysisControl* control)
{
    if (control && control->cancelled())
        throw AnalysisCancelled{};
}

} // namespace latentlab
