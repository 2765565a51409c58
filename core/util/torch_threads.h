#pragma once
// LibTorch's per-thread setup, written once. Its intra-op thread count and its grad mode belong to the calling
// thread, but at::set_num_threads also stores the count in a process-wide value that every thread copies on
// its *first* parallel region (at::internal::lazy_init_num_threads, ATen/Parallel.h). A worker that asked for
// one thread and has not yet run a parallel op therefore takes whatever count another thread set last: the
// decoder, the projection, the anomaly scorer and the trainer overwrote each other's counts that way.
// useTorchThreads runs that first-time initialisation before it sets the count, so the count it sets stays.
// No torch header here: ui's thread helper calls this without compiling LibTorch's headers.
namespace latentlab {

// This thread's LibTorch thread count from now on; 0 or less: every core. Cheap enough to call per request.
void useTorchThreads(int threads);

// The count this thread's parallel LibTorch ops use (at::get_num_threads, after the lazy initialisation).
int torchThreadsInUse();

// What "every core" means: the machine's cores, or fewer where OMP_NUM_THREADS (OpenMP's own knob) says so,
// as it does for each test process under ctest -j, so their pools do not fight over two cores. At least 1.
int allCores();

// Grad mode for the rest of this thread's life (workers that only infer turn it off once).
void setTorchGradEnabled(bool enabled);
bool torchGradEnabled();

// Sets the count for a scope and gives the caller's count back however the scope ends (a t-SNE run asked for
// fewer threads than its caller uses, say).
class TorchThreadsScope {
public:
    explicit TorchThreadsScope(int threads);
    ~TorchThreadsScope();
    TorchThreadsScope(const TorchThreadsScope&) = delete;
    TorchThreadsScope& operator=(const TorchThreadsScope&) = delete;

private:
    int previous_;
    bool changed_;
};

} // namespace latentlab
