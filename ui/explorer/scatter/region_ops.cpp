#include "ui/explorer/scatter/region_ops.h"

#include <algorithm>
#include <iterator>

namespace latentlab::ui {

RegionOp regionOpFor(Qt::KeyboardModifiers modifiers)
{
    const bool shift = modifiers & Qt::ShiftModifier, alt = modifiers & Qt::AltModifier;
    if (shift && alt)
        return RegionOp::Intersect;
    if (shift)
        return RegionOp::Add;
    if (alt)
        return RegionOp::Subtract;
    return RegionOp::Replace;
}

std::vector<int> combineRegion(const std::vector<int>& region, const std::vector<int>& shape, RegionOp op)
{
    std::vector<int> out;
    switch (op) {
    case RegionOp::Replace: return shape;
    case RegionOp::Add:
        std::set_union(region.begin(), region.end(), shape.begin(), shape.end(), std::back_inserter(out));
        break;
    case RegionOp::Subtract:
        std::set_difference(region.begin(), region.end(), shape.begin(), shape.end(), std::back_inserter(out));
        break;
    case RegionOp::Intersect:
        std::set_intersection(region.begin(), region.end(), shape.begin(), shape.end(), std::back_inserter(out));
        break;
    }
    return out;
}

std::vector<int> cleanRegion(std::vector<int> indices, int count)
{
    indices.erase(std::remove_if(indices.begin(), indices.end(), [count](int i) { return i < 0 || i >= count; }),
                  indices.end());
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    return indices;
}

} // namespace latentlab::ui
