#include "ui/explorer/scatter/scatter_index.h"

#include <algorithm>
#include <cmath>

namespace latentlab::ui {
namespace {

constexpr double kPointsPerBucket = 2.0;
// Keeps a degenerate cloud (all points on a line) from asking for millions of buckets along one axis.
constexpr int kMaxBucketsPerAxis = 2048;

bool allowed(const std::vector<std::uint8_t>& visible, int index)
{
    return visible.empty() || (static_cast<std::size_t>(index) < visible.size() && visible[index]);
}

} // namespace

void ScatterIndex::clear()
{
    count_ = columns_ = rows_ = 0;
    start_.clear();
    entries_.clear();
}

void ScatterIndex::build(const std::vector<float>& xy)
{
    clear();
    const int n = static_cast<int>(xy.size() / 2);
    int finite = 0;
    left_ = top_ = HUGE_VAL;
    right_ = bottom_ = -HUGE_VAL;
    for (int i = 0; i < n; ++i) {
        const float x = xy[2 * i], y = xy[2 * i + 1];
        if (!std::isfinite(x) || !std::isfinite(y))
            continue;
        ++finite;
        left_ = std::min<double>(left_, x);
        right_ = std::max<double>(right_, x);
        top_ = std::min<double>(top_, y);
        bottom_ = std::max<double>(bottom_, y);
    }
    count_ = n;
    if (finite == 0)
        return;

    const double width = std::max(right_ - left_, 1e-30);
    const double height = std::max(bottom_ - top_, 1e-30);
    const double buckets = std::max(1.0, finite / kPointsPerBucket);
    columns_ = std::clamp(static_cast<int>(std::lround(std::sqrt(buckets * width / height))), 1, kMaxBucketsPerAxis);
    rows_ = std::clamp(static_cast<int>(std::ceil(buckets / columns_)), 1, kMaxBucketsPerAxis);
    cellWidth_ = width / columns_;
    cellHeight_ = height / rows_;

    // Counting sort: count per bucket, turn counts into starts, then place.
    std::vector<int> bucketOf(static_cast<std::size_t>(n), -1);
    start_.assign(static_cast<std::size_t>(columns_) * rows_ + 1, 0);
    for (int i = 0; i < n; ++i) {
        const float x = xy[2 * i], y = xy[2 * i + 1];
        if (!std::isfinite(x) || !std::isfinite(y))
            continue;
        bucketOf[i] = row(y) * columns_ + column(x);
        ++start_[bucketOf[i] + 1];
    }
    for (std::size_t b = 1; b < start_.size(); ++b)
        start_[b] += start_[b - 1];
    entries_.resize(static_cast<std::size_t>(finite));
    std::vector<int> next(start_.begin(), start_.end() - 1);
    for (int i = 0; i < n; ++i)
        if (bucketOf[i] >= 0)
            entries_[next[bucketOf[i]]++] = {xy[2 * i], xy[2 * i + 1], i};
}

// Clamped before the conversion: a far-off query (a zoomed-out view, a huge rectangle) would overflow an int.
int ScatterIndex::column(double x) const
{
    return static_cast<int>(std::clamp((x - left_) / cellWidth_, 0.0, columns_ - 1.0));
}

int ScatterIndex::row(double y) const
{
    return static_cast<int>(std::clamp((y - top_) / cellHeight_, 0.0, rows_ - 1.0));
}

template <class Visit> void ScatterIndex::forEachNear(double x0, double x1, double y0, double y1, Visit visit) const
{
    // Written so that NaN bounds find nothing.
    if (entries_.empty() || !(x0 <= right_ && x1 >= left_ && y0 <= bottom_ && y1 >= top_))
        return;
    const int c0 = column(x0), c1 = column(x1);
    for (int r = row(y0), r1 = row(y1); r <= r1; ++r) {
        const int first = start_[r * columns_ + c0], last = start_[r * columns_ + c1 + 1];
        for (int e = first; e < last; ++e)
            visit(entries_[e]);
    }
}

int ScatterIndex::nearest(QPointF p, double maxDx, double maxDy, const std::vector<std::uint8_t>& visible) const
{
    if (!(maxDx > 0) || !(maxDy > 0))
        return -1;
    int best = -1;
    double bestDistance = HUGE_VAL;
    forEachNear(p.x() - maxDx, p.x() + maxDx, p.y() - maxDy, p.y() + maxDy, [&](const Entry& entry) {
        const double dx = std::abs(entry.x - p.x()) / maxDx, dy = std::abs(entry.y - p.y()) / maxDy;
        if (dx > 1 || dy > 1 || !allowed(visible, entry.index))
            return;
        const double d = dx * dx + dy * dy;
        if (d < bestDistance || (d == bestDistance && entry.index > best)) {
            bestDistance = d;
            best = entry.index;
        }
    });
    return best;
}

std::vector<int> ScatterIndex::pointsInRect(const QRectF& rect, const std::vector<std::uint8_t>& visible) const
{
    std::vector<int> found;
    const QRectF r = rect.normalized();
    forEachNear(r.left(), r.right(), r.top(), r.bottom(), [&](const Entry& entry) {
        if (entry.x >= r.left() && entry.x <= r.right() && entry.y >= r.top() && entry.y <= r.bottom()
            && allowed(visible, entry.index))
            found.push_back(entry.index);
    });
    std::sort(found.begin(), found.end());
    return found;
}

} // namespace latentlab::ui
