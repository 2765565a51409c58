#pragma once
// Which point is near a position, and which points lie in a rectangle, without looking at all of them: a
// uniform grid of buckets over the points' bounding box, in data space, with about two points a bucket. A
// grid rather than a tree because it is rebuilt whenever positions change (every frame of a t-SNE animation)
// and a counting sort builds it in one pass; latent points are dense enough that few buckets stay empty.
#include <QPointF>
#include <QRectF>

#include <cstdint>
#include <vector>

namespace latentlab::ui {

class ScatterIndex {
public:
    // xy: 2 * N interleaved coordinates. Points with a non-finite coordinate are never found.
    void build(const std::vector<float>& xy);
    void clear();
    int pointCount() const { return count_; }

    // The point nearest to p among those with |dx| <= maxDx and |dy| <= maxDy, or -1. Distance is measured in
    // units of maxDx and maxDy, so that when the caller passes the same number of pixels times each axis' data
    // per pixel, "nearest" means nearest on the screen even though the axes have different scales. An empty
    // mask means every point may be found; otherwise only points whose mask entry is non-zero. On a tie the
    // higher index wins: it is drawn later, so it is the one on top.
    int nearest(QPointF p, double maxDx, double maxDy, const std::vector<std::uint8_t>& visible = {}) const;

    // Indices, ascending, of the points with left <= x <= right and top <= y <= bottom of the (normalized)
    // rectangle, filtered by the mask as for nearest().
    std::vector<int> pointsInRect(const QRectF& rect, const std::vector<std::uint8_t>& visible = {}) const;

private:
    struct Entry {
        float x, y;
        int index;
    };
    int column(double x) const;
    int row(double y) const;
    // Calls visit(entry) for every entry in the buckets that overlap x0..x1, y0..y1.
    template <class Visit> void forEachNear(double x0, double x1, double y0, double y1, Visit visit) const;

    int count_ = 0;
    int columns_ = 0, rows_ = 0;
    double left_ = 0, top_ = 0, right_ = 0, bottom_ = 0;
    double cellWidth_ = 1, cellHeight_ = 1;
    std::vector<int> start_; // bucket b holds entries_[start_[b] .. start_[b + 1])
    std::vector<Entry> entries_; // bucket by bucket, so a bucket's points sit together in memory
};

} // namespace latentlab::ui
