#pragma once
// The repulsive half of the t-SNE gradient by Barnes-Hut: a quadtree over the layout, and for each point the
// sum over all others of q = 1/(1 + |yi - yj|^2) and of q^2 (yi - yj), where a cell seen under a small enough
// angle (side / distance < theta) stands for all its points at their centre of mass.
//
// Two things make it fast. The tree is built from the points sorted by their Morton (Z-order) code, so a
// cell is a run of consecutive points and its centre of mass comes from prefix sums. And points are walked
// in groups (Barnes 1990): one traversal per small cell collects the cells and points that act on all its
// points (a cell is summarised only if the angle criterion holds from the nearest point of the group's box,
// so it holds for each of them), then a branch-free loop applies that list to every point of the group.
#include "core/analysis/parallel_chunks.h"

#include <cstdint>
#include <vector>

namespace latentlab::tsne {

class QuadTree {
public:
    // xy: n points, interleaved (x0, y0, x1, y1, ...). Rebuilt every iteration: the layout moves.
    void build(const double* xy, std::int64_t n);

    // Tree position -> point index: the Morton order, in which close points are close in memory.
    const std::vector<std::int32_t>& order() const { return order_; }
    std::int64_t size() const { return static_cast<std::int64_t>(order_.size()); }
    std::int64_t nodeCount() const { return static_cast<std::int64_t>(nodes_.size()); }

    // The points are walked in groups; groups [first, last) write forces[2i], forces[2i+1] = sum over j != i
    // of q_ij^2 (yi - yj) for each of their points i, and return the sum of q_ij over those i and all j != i.
    // Disjoint ranges may run at the same time. theta 0 summarises nothing (exact, O(N^2)).
    std::int64_t groupCount() const { return static_cast<std::int64_t>(groups_.size()); }
    double repelGroups(std::int64_t first, std::int64_t last, double theta, double* forces) const;
    // A chunk of work for a thread: ~256 points.
    static constexpr std::int64_t kGroupsPerChunk = 8;

private:

    struct Node {
        double cx = 0.0, cy = 0.0; // centre of mass
        double side = 0.0;         // of the square cell
        std::int32_t begin = 0, end = 0; // its points, as tree positions
        std::int32_t firstChild = -1;    // children are consecutive; -1 for a leaf
        std::int32_t childCount = 0;
    };
    void split(std::int32_t node, int level, bool inGroup);
    void sortByMorton(const double* xy, std::int64_t n, double minX, double minY, double side);

    std::vector<Node> nodes_;
    std::vector<std::int32_t> groups_;  // nodes walked as one group; together they hold every point once
    std::vector<std::int32_t> order_;
    std::vector<std::uint64_t> keys_;   // Morton codes in tree order
    std::vector<double> px_, py_;       // coordinates in tree order
    std::vector<double> sumX_, sumY_;   // prefix sums of px_, py_ (size n + 1)
    std::vector<std::uint64_t> scratchKeys_;
    std::vector<std::int32_t> scratchOrder_;
};

// Repulsion for every point (forces has 2 N entries afterwards), in parallel over fixed chunks of groups, so
// the result does not depend on the thread count. Returns Z, the sum of all q_ij over i != j.
double repulsiveForces(const QuadTree& tree, double theta, std::vector<double>& forces, ChunkRunner& runner);

} // namespace latentlab::tsne
