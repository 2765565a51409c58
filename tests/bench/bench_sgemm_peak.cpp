// The machine's matrix-multiply rate, the ceiling the training figures are read against: one 2048 x 2048 x 2048
// sgemm through LibTorch's at::mm (the BLAS it links, OpenBLAS on Debian) and through oneDNN's dnnl_sgemm (the
// kernels PyTorch's convolutions use), best of 5 after a warm-up, on the threads given. compare_training_speed.sh
// runs it before and after its rounds, so a machine that changed speed in between shows.
//   build/tests/bench/bench_sgemm_peak [--threads 2] [--size 2048]
#include <oneapi/dnnl/dnnl.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>

namespace {

using Clock = std::chrono::steady_clock;

// Best of 5: on a shared machine the fastest run is the one least disturbed, which is what a peak means.
double bestSeconds(const std::function<void()>& run)
{
    run(); // warm-up: thread pools, packing buffers, page faults on the output
    double best = 1e30;
    for (int i = 0; i < 5; ++i) {
        const auto t0 = Clock::now();
        run();
        best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
    }
    return best;
}

} // namespace

int main(int argc, char** argv)
{
    int threads = 2;
    std::int64_t n = 2048;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--size"))
            n = std::atoll(argv[i + 1]);
    }
    // Both libraries parallelise with this thread's OpenMP pool (libgomp), which at::set_num_threads sizes.
    at::set_num_threads(threads);
    torch::manual_seed(0);
    const torch::Tensor a = torch::randn({n, n}), b = torch::randn({n, n});
    torch::Tensor c = torch::empty({n, n});
    const double flops = 2.0 * static_cast<double>(n) * static_cast<double>(n) * static_cast<double>(n);

    const double torchSeconds = bestSeconds([&] { at::mm_out(c, a, b); });
    const double dnnlSeconds = bestSeconds([&] {
        const dnnl_status_t s = dnnl_sgemm('N', 'N', n, n, n, 1.0f, a.data_ptr<float>(), n, b.data_ptr<float>(), n,
                                           0.0f, c.data_ptr<float>(), n);
        if (s != dnnl_success) {
            std::fprintf(stderr, "dnnl_sgemm failed with status %d\n", static_cast<int>(s));
            std::exit(1);
        }
    });
    std::printf("sgemm %lld x %lld x %lld  %d thread(s)  at::mm %.1f GFLOP/s  dnnl_sgemm %.1f GFLOP/s\n",
                static_cast<long long>(n), static_cast<long long>(n), static_cast<long long>(n), threads,
                flops / torchSeconds * 1e-9, flops / dnnlSeconds * 1e-9);
    return 0;
}
