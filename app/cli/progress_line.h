#pragma once
// A one-line progress bar redrawn in place on a terminal (stderr), at most ten times a second; silent when
// stderr is not a terminal, so logs and pipes get only the per-epoch lines.
#include <chrono>
#include <string>

namespace latentlab::cli {

class ProgressLine {
public:
    ProgressLine();
    // fraction in [0,1]; text follows the bar.
    void update(double fraction, const std::string& text, bool force = false);
    // Clears the line so normal output can follow.
    void clear();
    bool active() const { return tty_; }

private:
    bool tty_ = false;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
};

std::string durationText(double seconds);

} // namespace latentlab::cli
