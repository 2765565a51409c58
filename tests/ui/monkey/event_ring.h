#pragma once
// The monkey's last events, one line each, kept in fixed buffers so that a crash handler can still write
// them out (write(2) only: no allocation, no locks) and a failed run can be replayed from its seed.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <unistd.h>

namespace latentlab::ui::monkey {

class EventRing {
public:
    static constexpr int kSize = 50;
    static constexpr std::size_t kLine = 200;

    void add(const std::string& line)
    {
        char* slot = lines_[static_cast<std::size_t>(count_ % kSize)];
        const std::size_t n = std::min(line.size(), kLine - 2);
        std::memcpy(slot, line.data(), n);
        slot[n] = '\n';
        slot[n + 1] = '\0';
        ++count_;
    }
    long count() const { return count_; }
    // Oldest first, to fd; safe in a signal handler.
    void write(int fd) const
    {
        const long first = count_ > kSize ? count_ - kSize : 0;
        for (long i = first; i < count_; ++i) {
            const char* line = lines_[static_cast<std::size_t>(i % kSize)];
            if (::write(fd, line, std::strlen(line)) < 0)
                return;
        }
    }
    std::string text() const
    {
        std::string out;
        const long first = count_ > kSize ? count_ - kSize : 0;
        for (long i = first; i < count_; ++i)
            out += lines_[static_cast<std::size_t>(i % kSize)];
        return out;
    }

private:
    char lines_[kSize][kLine] = {};
    long count_ = 0;
};

} // namespace latentlab::ui::monkey
