#include "ui/common/freed_memory.h"

#include <atomic>
#include <chrono>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace latentlab::ui {

void returnFreedPagesNowAndThen()
{
#if defined(__GLIBC__)
    using Clock = std::chrono::steady_clock;
    static std::atomic<Clock::rep> last{0};
    const Clock::rep now = Clock::now().time_since_epoch().count();
    Clock::rep previous = last.load();
    const auto second = std::chrono::duration_cast<Clock::duration>(std::chrono::seconds(1)).count();
    if (now - previous < second || !last.compare_exchange_strong(previous, now))
        return; // trimmed a moment ago, or another worker is trimming now
    malloc_trim(0);
#endif
}

} // namespace latentlab::ui
