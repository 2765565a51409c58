#include "core/analysis/umap_init.h"

#include "core/analysis/pca.h"
#include "core/util/torch_threads.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>

namespace latentlab::umap {
namespace {

// Up to this many points the N x N matrix is decomposed directly.
constexpr std::int64_t kDenseLimit = 600;
// Lanczos: at most this many vectors (N doubles each), a converged pair's residual below this.
constexpr std::int64_t kMaxLanczos = 200;
constexpr double kTolerance = 1e-4;

std::vector<double> degrees(const FuzzyGraph& g)
{
    std::vector<double> d(static_cast<std::size_t>(g.rows()), 0.0);
    for (std::int64_t i = 0; i < g.rows(); ++i)
        for (std::int64_t e = g.rowStart[static_cast<std::size_t>(i)]; e < g.rowStart[static_cast<std::size_t>(i) + 1];
             ++e)
            d[static_cast<std::size_t>(i)] += g.weights[static_cast<std::size_t>(e)];
    return d;
}

// out = D^-1/2 W D^-1/2 v, with s = D^-1/2.
void normalisedProduct(const FuzzyGraph& g, const std::vector<double>& s, const double* v, double* out)
{
    for (std::int64_t i = 0; i < g.rows(); ++i) {
        double acc = 0.0;
        for (std::int64_t e = g.rowStart[static_cast<std::size_t>(i)]; e < g.rowStart[static_cast<std::size_t>(i) + 1];
             ++e) {
            const auto j = static_cast<std::size_t>(g.cols[static_cast<std::size_t>(e)]);
            acc += g.weights[static_cast<std::size_t>(e)] * s[j] * v[j];
        }
        out[i] = s[static_cast<std::size_t>(i)] * acc;
    }
}

torch::Tensor denseSpectral(const FuzzyGraph& g, const std::vector<double>& s)
{
    const std::int64_t n = g.rows();
    torch::Tensor m = torch::zeros({n, n}, torch::kFloat64);
    double* p = m.data_ptr<double>();
    for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t e = g.rowStart[static_cast<std::size_t>(i)]; e < g.rowStart[static_cast<std::size_t>(i) + 1];
             ++e) {
            const auto j = static_cast<std::int64_t>(g.cols[static_cast<std::size_t>(e)]);
            p[i * n + j] = s[static_cast<std::size_t>(i)] * g.weights[static_cast<std::size_t>(e)] *
                           s[static_cast<std::size_t>(j)];
        }
    const auto [values, vectors] = torch::linalg_eigh(m); // ascending: the top one is sqrt(degree)
    return torch::stack({vectors.select(1, n - 2), vectors.select(1, n - 3)}, 1);
}

std::optional<torch::Tensor> lanczosSpectral(const FuzzyGraph& g, const std::vector<double>& s,
                                             const std::vector<double>& deg, std::uint64_t seed)
{
    const std::int64_t n = g.rows();
    const auto opts = torch::TensorOptions().dtype(torch::kFloat64);
    torch::Tensor top = torch::empty({n}, opts);
    for (std::int64_t i = 0; i < n; ++i)
        top[i] = std::sqrt(deg[static_cast<std::size_t>(i)]);
    top = top / top.norm();
    const std::int64_t steps = std::min<std::int64_t>(kMaxLanczos, n - 2);
    torch::Tensor q = torch::zeros({steps + 1, n}, opts); // the Lanczos vectors, one per row
    std::vector<double> alpha, beta;
    // Classical Gram-Schmidt against the deflated vector and the basis; a second pass only when the first
    // removed most of v (the DGKS test: the norm fell below 1/sqrt 2 of what it was), which is rare, so most
    // steps read the basis twice rather than four times: reading it is what a step costs at 70,000 points.
    auto orthogonalise = [&](torch::Tensor& v, std::int64_t rows) {
        for (int pass = 0; pass < 2; ++pass) {
            const double before = v.norm().item<double>();
            v -= top * top.dot(v);
            if (rows > 0) {
                const torch::Tensor basis = q.narrow(0, 0, rows);
                v -= basis.t().mv(basis.mv(v));
            }
            if (v.norm().item<double>() > before / std::sqrt(2.0))
                break;
        }
    };
    torch::Tensor v = torch::randn({n}, at::make_generator<at::CPUGeneratorImpl>(seed ^ 0x5bd1e995ULL), opts);
    orthogonalise(v, 0);
    q[0] = v / v.norm();
    torch::Tensor w = torch::empty({n}, opts);
    for (std::int64_t j = 0; j < steps; ++j) {
        const torch::Tensor qj = q[j];
        normalisedProduct(g, s, qj.data_ptr<double>(), w.data_ptr<double>());
        const double a = qj.dot(w).item<double>();
        alpha.push_back(a);
        w -= qj * a;
        if (j > 0)
            w -= q[j - 1] * beta.back();
        orthogonalise(w, j + 1);
        const double b = w.norm().item<double>();
        const bool last = j + 1 == steps || b < 1e-12;
        if (last || (j + 1 >= 20 && (j + 1) % 10 == 0)) {
            const std::int64_t m = j + 1;
            torch::Tensor t = torch::zeros({m, m}, opts);
            for (std::int64_t r = 0; r < m; ++r) {
                t[r][r] = alpha[static_cast<std::size_t>(r)];
                if (r + 1 < m)
                    t[r][r + 1] = t[r + 1][r] = beta[static_cast<std::size_t>(r)];
            }
            const auto [theta, ritz] = torch::linalg_eigh(t);
            if (m >= 2) {
                // A Ritz pair's residual is |b * last component of its eigenvector of T|.
                const double r1 = std::abs(b * ritz[m - 1][m - 1].item<double>());
                const double r2 = std::abs(b * ritz[m - 1][m - 2].item<double>());
                if (std::max(r1, r2) < kTolerance || b < 1e-12) {
                    const torch::Tensor basis = q.narrow(0, 0, m);
                    const torch::Tensor pick = torch::stack({ritz.select(1, m - 1), ritz.select(1, m - 2)}, 1);
                    return basis.t().mm(pick);
                }
            }
            if (last)
                return std::nullopt;
        }
        beta.push_back(b);
        q[j + 1] = w / b;
    }
    return std::nullopt;
}

// [N, 2] -> largest |coordinate| 10, noise N(0, 1e-4^2), each axis to [0, 10].
std::vector<float> scaled(torch::Tensor y, std::uint64_t seed)
{
    y = y.to(torch::kFloat64);
    const double largest = y.abs().max().item<double>();
    if (largest > 0.0)
        y = y * (10.0 / largest);
    y = y + torch::randn(y.sizes(), at::make_generator<at::CPUGeneratorImpl>(seed), torch::kFloat64) * 1e-4;
    const torch::Tensor lo = std::get<0>(y.min(0)), hi = std::get<0>(y.max(0));
    y = 10.0 * (y - lo) / (hi - lo).clamp_min(1e-12);
    const torch::Tensor f = y.to(torch::kFloat32).contiguous();
    return {f.data_ptr<float>(), f.data_ptr<float>() + f.numel()};
}

} // namespace

std::int64_t connectedComponents(const FuzzyGraph& g)
{
    const std::int64_t n = g.rows();
    std::vector<char> seen(static_cast<std::size_t>(n), 0);
    std::vector<std::int64_t> stack;
    std::int64_t pieces = 0;
    for (std::int64_t root = 0; root < n; ++root) {
        if (seen[static_cast<std::size_t>(root)])
            continue;
        ++pieces;
        seen[static_cast<std::size_t>(root)] = 1;
        stack.push_back(root);
        while (!stack.empty()) {
            const std::int64_t i = stack.back();
            stack.pop_back();
            for (std::int64_t e = g.rowStart[static_cast<std::size_t>(i)];
                 e < g.rowStart[static_cast<std::size_t>(i) + 1]; ++e) {
                const auto j = static_cast<std::size_t>(g.cols[static_cast<std::size_t>(e)]);
                if (!seen[j]) {
                    seen[j] = 1;
                    stack.push_back(static_cast<std::int64_t>(j));
                }
            }
        }
    }
    return pieces;
}

std::optional<torch::Tensor> spectralLayout(const FuzzyGraph& g, std::uint64_t seed)
{
    const std::int64_t n = g.rows();
    if (n < 4 || connectedComponents(g) != 1)
        return std::nullopt;
    // One LibTorch thread: Lanczos is hundreds of small vector operations, each of which would otherwise open
    // an OpenMP region whose threads then spin against the optimiser's (1.4-2.6 s at 10,000 points on two
    // threads against 0.09 s on one).
    const TorchThreadsScope oneThread(1);
    const std::vector<double> deg = degrees(g);
    std::vector<double> s(deg.size());
    for (std::size_t i = 0; i < deg.size(); ++i)
        s[i] = 1.0 / std::sqrt(deg[i]);
    torch::Tensor y = n <= kDenseLimit ? denseSpectral(g, s) : torch::Tensor();
    if (!y.defined()) {
        auto lanczos = lanczosSpectral(g, s, deg, seed);
        if (!lanczos)
            return std::nullopt;
        y = *lanczos;
    }
    if (!torch::isfinite(y).all().item<bool>())
        return std::nullopt;
    return y;
}

InitialLayout initialLayout(const torch::Tensor& x, const FuzzyGraph& graph, std::uint64_t seed)
{
    if (auto spectral = spectralLayout(graph, seed)) {
        InitialLayout out;
        out.xy = scaled(*spectral, seed);
        out.method = "spectral";
        return out;
    }
    return pcaLayout(x, seed);
}

InitialLayout pcaLayout(const torch::Tensor& x, std::uint64_t seed)
{
    InitialLayout out;
    torch::Tensor y;
    if (x.size(1) >= 2 && x.size(0) >= 2)
        y = fitPca(x, 2).project(x);
    else // one column: that column, and noise across
        y = torch::cat({x.narrow(1, 0, 1).to(torch::kFloat64), torch::zeros({x.size(0), 1}, torch::kFloat64)}, 1);
    out.xy = scaled(y, seed);
    out.method = "pca";
    return out;
}

} // namespace latentlab::umap
