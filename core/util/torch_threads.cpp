#include "core/util/torch_threads.h"

#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace latentlab {

void useTorchThreads(int threads)
{
    // First the one-time copy of the process-wide count (a no-op after the first call on this thread), then
    // this thread's own count, which no later lazy initialisation can replace.
    at::internal::lazy_init_num_threads();
    const int n = threads > 0 ? threads : allCores();
    if (at::get_num_threads() != n)
        at::set_num_threads(n);
}

int torchThreadsInUse()
{
    at::internal::lazy_init_num_threads();
    return at::get_num_threads();
}

int allCores()
{
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const char* cap = std::getenv("OMP_NUM_THREADS");
    const int limit = cap ? std::atoi(cap) : 0;
    return limit > 0 ? std::min(cores, limit) : cores;
}

void setTorchGradEnabled(bool enabled)
{
    c10::GradMode::set_enabled(enabled);
}

bool torchGradEnabled()
{
    return c10::GradMode::is_enabled();
}

TorchThreadsScope::TorchThreadsScope(int threads) : previous_(torchThreadsInUse()), changed_(threads > 0)
{
    if (changed_)
        useTorchThreads(threads);
}

TorchThreadsScope::~TorchThreadsScope()
{
    if (changed_)
        useTorchThreads(previous_);
}

} // namespace latentlab
