#pragma once
// How a selection gesture (a rectangle, a lasso) combines what it encloses with the region already selected,
// decided by the modifiers held when it starts, as in most drawing programs: none replaces, Shift adds, Alt
// subtracts, Shift + Alt keeps only what both hold. Regions are sorted, unique point indices.
#include <Qt>

#include <vector>

namespace latentlab::ui {

enum class RegionOp { Replace, Add, Subtract, Intersect };

RegionOp regionOpFor(Qt::KeyboardModifiers modifiers);
// Both sorted and unique; so is the result.
std::vector<int> combineRegion(const std::vector<int>& region, const std::vector<int>& shape, RegionOp op);
// Sorted, duplicates and indices outside 0..count-1 removed.
std::vector<int> cleanRegion(std::vector<int> indices, int count);

} // namespace latentlab::ui
