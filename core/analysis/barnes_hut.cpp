#include "core/analysis/barnes_hut.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace latentlab::tsne {
namespace {

// Up to this many points a cell is a leaf: its points are applied one by one (exactly) when it is too near
// to summarise.
constexpr std::int32_t kLeafSize = 8;
// Points walked together. Larger groups share one traversal among more points but, seen from a larger box,
// fewer cells pass the angle criterion.
constexpr std::int32_t kGroupSize = 32;
// 32 bits per coordinate in the Morton code: cells below 2^-32 of the layout's width are not split further
// (only identical or nearly identical points get there; they share a leaf and are applied exactly).
constexpr int kLevels = 32;

// The bits of v spread to the even positions of a 64-bit word.
std::uint64_t spreadBits(std::uint64_t v)
{
    v &= 0xffffffffULL;
    v = (v | (v << 16)) & 0x0000ffff0000ffffULL;
    v = (v | (v << 8)) & 0x00ff00ff00ff00ffULL;
    v = (v | (v << 4)) & 0x0f0f0f0f0f0f0f0fULL;
    v = (v | (v << 2)) & 0x3333333333333333ULL;
    v = (v | (v << 1)) & 0x5555555555555555ULL;
    return v;
}

// The quadrant (0..3) of a key at a level (0 = the root's children).
int quadrant(std::uint64_t key, int level)
{
    return static_cast<int>((key >> (2 * (kLevels - 1 - level))) & 3U);
}

// Applies an interaction list to `count` points at once: independent accumulators per point, so the
// divisions of different points overlap (and the compiler may pair them in SIMD registers).
template <int Count>
void applyList(const double* x, const double* y, const double* lx, const double* ly, const double* lm,
               std::size_t size, double* sumQ, double* fx, double* fy)
{
    double s[Count] = {}, gx[Count] = {}, gy[Count] = {};
    for (std::size_t k = 0; k < size; ++k) {
        for (int i = 0; i < Count; ++i) {
            const double dx = x[i] - lx[k], dy = y[i] - ly[k];
            const double q = 1.0 / (1.0 + dx * dx + dy * dy);
            const double mq = lm[k] * q;
            s[i] += mq;
            gx[i] += mq * q * dx;
            gy[i] += mq * q * dy;
        }
    }
    for (int i = 0; i < Count; ++i) {
        sumQ[i] = s[i];
        fx[i] = gx[i];
        fy[i] = gy[i];
    }
}

} // namespace

void QuadTree::sortByMorton(const double* xy, std::int64_t n, double minX, double minY, double side)
{
    const auto un = static_cast<std::size_t>(n);
    keys_.resize(un);
    order_.resize(un);
    const double scale = 4294967296.0 / side; // 2^32 cells across
    for (std::size_t i = 0; i < un; ++i) {
        const double fx = std::min((xy[2 * i] - minX) * scale, 4294967295.0);
        const double fy = std::min((xy[2 * i + 1] - minY) * scale, 4294967295.0);
        keys_[i] = (spreadBits(static_cast<std::uint64_t>(fx)) << 1) | spreadBits(static_cast<std::uint64_t>(fy));
        order_[i] = static_cast<std::int32_t>(i);
    }
    // LSD radix sort, 8 bits a pass; stable, so equal keys keep index order and the result is deterministic.
    scratchKeys_.resize(un);
    scratchOrder_.resize(un);
    for (int shift = 0; shift < 64; shift += 8) {
        std::array<std::size_t, 257> count{};
        for (const auto k : keys_)
            ++count[((k >> shift) & 0xff) + 1];
        if (count[((keys_.empty() ? 0 : keys_[0] >> shift) & 0xff) + 1] == un)
            continue; // every key has the same byte here
        std::partial_sum(count.begin(), count.end(), count.begin());
        for (std::size_t i = 0; i < un; ++i) {
            const std::size_t to = count[(keys_[i] >> shift) & 0xff]++;
            scratchKeys_[to] = keys_[i];
            scratchOrder_[to] = order_[i];
        }
        keys_.swap(scratchKeys_);
        order_.swap(scratchOrder_);
    }
}

void QuadTree::build(const double* xy, std::int64_t n)
{
    nodes_.clear();
    groups_.clear();
    order_.clear();
    px_.resize(static_cast<std::size_t>(n));
    py_.resize(static_cast<std::size_t>(n));
    sumX_.assign(static_cast<std::size_t>(n) + 1, 0.0);
    sumY_.assign(static_cast<std::size_t>(n) + 1, 0.0);
    if (n == 0)
        return;
    double minX = xy[0], maxX = xy[0], minY = xy[1], maxY = xy[1];
    for (std::int64_t i = 1; i < n; ++i) {
        minX = std::min(minX, xy[2 * i]);
        maxX = std::max(maxX, xy[2 * i]);
        minY = std::min(minY, xy[2 * i + 1]);
        maxY = std::max(maxY, xy[2 * i + 1]);
    }
    // A little margin so the largest coordinate falls strictly inside the cell; all points equal: any side.
    double side = std::max(maxX - minX, maxY - minY) * (1.0 + 1e-9);
    if (!(side > 0.0))
        side = 1.0;
    sortByMorton(xy, n, minX, minY, side);
    for (std::size_t p = 0; p < order_.size(); ++p) {
        const auto i = static_cast<std::size_t>(order_[p]);
        px_[p] = xy[2 * i];
        py_[p] = xy[2 * i + 1];
        sumX_[p + 1] = sumX_[p] + px_[p];
        sumY_[p + 1] = sumY_[p] + py_[p];
    }
    Node root;
    root.side = side;
    root.end = static_cast<std::int32_t>(n);
    nodes_.reserve(static_cast<std::size_t>(n / 2 + 16));
    nodes_.push_back(root);
    split(0, 0, false);
}

// Children are the runs of equal 2-bit digits at this level in the node's (sorted) range. The first node on
// the way down that is small enough (or cannot be split) becomes a group.
void QuadTree::split(std::int32_t index, int level, bool inGroup)
{
    Node& node = nodes_[static_cast<std::size_t>(index)];
    const double mass = static_cast<double>(node.end - node.begin);
    node.cx = (sumX_[static_cast<std::size_t>(node.end)] - sumX_[static_cast<std::size_t>(node.begin)]) / mass;
    node.cy = (sumY_[static_cast<std::size_t>(node.end)] - sumY_[static_cast<std::size_t>(node.begin)]) / mass;
    const bool leaf = node.end - node.begin <= kLeafSize || level >= kLevels;
    if (!inGroup && (leaf || node.end - node.begin <= kGroupSize)) {
        groups_.push_back(index);
        inGroup = true;
    }
    if (leaf)
        return;
    const std::int32_t begin = node.begin, end = node.end;
    const double half = node.side * 0.5;
    const auto firstChild = static_cast<std::int32_t>(nodes_.size());
    std::int32_t children = 0;
    for (std::int32_t b = begin; b < end;) {
        const int q = quadrant(keys_[static_cast<std::size_t>(b)], level);
        const auto* stop = std::partition_point(keys_.data() + b, keys_.data() + end, [&](std::uint64_t k) {
            return quadrant(k, level) == q;
        });
        Node child;
        child.side = half;
        child.begin = b;
        child.end = static_cast<std::int32_t>(stop - keys_.data());
        nodes_.push_back(child); // may reallocate: `node` is not used after this
        ++children;
        b = child.end;
    }
    nodes_[static_cast<std::size_t>(index)].firstChild = firstChild;
    nodes_[static_cast<std::size_t>(index)].childCount = children;
    for (std::int32_t c = 0; c < children; ++c)
        split(firstChild + c, level + 1, inGroup);
}

double QuadTree::repelGroups(std::int64_t first, std::int64_t last, double theta, double* forces) const
{
    const double theta2 = theta * theta;
    std::vector<double> lx, ly, lm;
    std::vector<std::int32_t> stack;
    double z = 0.0;
    for (std::int64_t g = first; g < last; ++g) {
        const Node& group = nodes_[static_cast<std::size_t>(groups_[static_cast<std::size_t>(g)])];
        const auto gb = static_cast<std::size_t>(group.begin), ge = static_cast<std::size_t>(group.end);
        const auto [minX, maxX] = std::minmax_element(px_.begin() + static_cast<std::ptrdiff_t>(gb),
                                                      px_.begin() + static_cast<std::ptrdiff_t>(ge));
        const auto [minY, maxY] = std::minmax_element(py_.begin() + static_cast<std::ptrdiff_t>(gb),
                                                      py_.begin() + static_cast<std::ptrdiff_t>(ge));
        lx.clear();
        ly.clear();
        lm.clear();
        auto addPoints = [&](const Node& nd) {
            for (auto p = static_cast<std::size_t>(nd.begin); p < static_cast<std::size_t>(nd.end); ++p) {
                lx.push_back(px_[p]);
                ly.push_back(py_[p]);
                lm.push_back(1.0);
            }
        };
        stack.assign(1, 0);
        while (!stack.empty()) {
            const Node& nd = nodes_[static_cast<std::size_t>(stack.back())];
            stack.pop_back();
            const auto nb = static_cast<std::size_t>(nd.begin), ne = static_cast<std::size_t>(nd.end);
            const bool overlaps = nb < ge && gb < ne;
            if (!overlaps) {
                // Distance from the centre of mass to the nearest point of the group's box.
                const double dx = std::max({*minX - nd.cx, 0.0, nd.cx - *maxX});
                const double dy = std::max({*minY - nd.cy, 0.0, nd.cy - *maxY});
                if (nd.side * nd.side < theta2 * (dx * dx + dy * dy)) {
                    lx.push_back(nd.cx);
                    ly.push_back(nd.cy);
                    lm.push_back(static_cast<double>(nd.end - nd.begin));
                    continue;
                }
            }
            // Cells holding group points, and cells too near, are opened down to their points.
            if (nd.firstChild < 0 || (nb >= gb && ne <= ge)) {
                addPoints(nd);
            } else {
                for (std::int32_t c = nd.childCount - 1; c >= 0; --c)
                    stack.push_back(nd.firstChild + c);
            }
        }
        // Every point of the group is in its own list: itself at distance 0 adds exactly 1 to its sum and
        // nothing to its force, so 1 is taken back.
        constexpr int kBlock = 4;
        double sumQ[kBlock], fx[kBlock], fy[kBlock];
        for (std::size_t p = gb; p < ge; p += kBlock) {
            const std::size_t count = std::min<std::size_t>(kBlock, ge - p);
            if (count == kBlock) {
                applyList<kBlock>(&px_[p], &py_[p], lx.data(), ly.data(), lm.data(), lx.size(), sumQ, fx, fy);
            } else {
                for (std::size_t i = 0; i < count; ++i)
                    applyList<1>(&px_[p + i], &py_[p + i], lx.data(), ly.data(), lm.data(), lx.size(), sumQ + i,
                                 fx + i, fy + i);
            }
            for (std::size_t i = 0; i < count; ++i) {
                const auto point = static_cast<std::size_t>(order_[p + i]);
                forces[2 * point] = fx[i];
                forces[2 * point + 1] = fy[i];
                z += sumQ[i] - 1.0;
            }
        }
    }
    return z;
}

double repulsiveForces(const QuadTree& tree, double theta, std::vector<double>& forces, ChunkRunner& runner)
{
    forces.resize(static_cast<std::size_t>(2 * tree.size()));
    const ChunkPlan plan(tree.groupCount(), QuadTree::kGroupsPerChunk);
    std::vector<double> partialZ(static_cast<std::size_t>(plan.chunks()), 0.0);
    runner.forEach(plan, [&](std::int64_t chunk, std::int64_t first, std::int64_t last) {
        partialZ[static_cast<std::size_t>(chunk)] = tree.repelGroups(first, last, theta, forces.data());
    });
    // Summed in chunk order: the same total whichever thread did which chunk.
    return std::accumulate(partialZ.begin(), partialZ.end(), 0.0);
}

} // namespace latentlab::tsne
