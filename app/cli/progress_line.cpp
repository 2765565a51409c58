#include "app/cli/progress_line.h"

#include <cstdio>
#include <unistd.h>

namespace latentlab::cli {

ProgressLine::ProgressLine() : tty_(::isatty(STDERR_FILENO) != 0) {}

void ProgressLine::update(double fraction, const std::string& text, bool force)
{
    if (!tty_)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && drawn_ && now - last_ < std::chrono::milliseconds(100))
        return;
    last_ = now;
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(std::max(0.0, std::min(1.0, fraction)) * kWidth + 0.5);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kWidth - filled), '.');
    std::fprintf(stderr, "\r\033[K[%s] %3.0f%% %s", bar.c_str(), fraction * 100.0, text.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressLine::clear()
{
    if (tty_ && drawn_) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
    }
    drawn_ = false;
}

std::string durationText(double seconds)
{
    const long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

} // namespace latentlab::cli
