#pragma once
// The points a ScatterView shows and what it derives from them: a premultiplied colour and a visible flag per
// point (the raster loop's whole input), the bounds the view fits, and the index that finds points. Kept apart
// from the widget so each derived array is remade in exactly one place when what it depends on changes.
#include "ui/explorer/scatter/scatter_index.h"

#include <QColor>
#include <QPointF>
#include <QRectF>
#include <QSet>

#include <cstdint>
#include <vector>

namespace latentlab::ui {

class ScatterData {
public:
    // Missing classes count as -1 (none); an odd trailing coordinate is dropped. Clears the values.
    void setPoints(std::vector<float> xy, std::vector<int> classes);
    // False, and nothing changes, unless there are as many positions as points.
    bool updatePositions(std::vector<float> xy);
    // One value per point, or empty for class colours; false, and nothing changes, for any other count.
    bool setValues(std::vector<float> values);
    void setClassVisible(int cls, bool visible);
    // Only these points are visible (and only those of them whose class is shown), until clearIsolated().
    // Indices outside the points are ignored. setPoints() ends the isolation.
    void setIsolated(const std::vector<int>& indices);
    void clearIsolated();
    bool isolating() const { return isolating_; }

    int count() const { return static_cast<int>(classes_.size()); }
    QPointF position(int index) const;
    int classOf(int index) const;
    float value(int index) const;
    bool visible(int index) const { return index >= 0 && index < count() && visible_[static_cast<std::size_t>(index)]; }
    bool classVisible(int cls) const { return !hidden_.contains(cls); }
    int maxClass() const { return maxClass_; }
    bool coloredByValue() const { return !values_.empty(); }
    float valueLow() const { return valueLow_; }
    float valueHigh() const { return valueHigh_; }
    // The colour a point is drawn in, alpha included.
    QColor colorOf(int index) const;
    // Of the finite positions; hasBounds() is false when there are none.
    QRectF bounds() const { return bounds_; }
    bool hasBounds() const { return hasBounds_; }

    const std::vector<float>& xy() const { return xy_; }
    const std::vector<std::uint32_t>& colors() const { return colors_; }
    // The same colours faded towards the background: the points outside a selected region.
    const std::vector<std::uint32_t>& fadedColors() const { return faded_; }
    const std::vector<std::uint8_t>& visibleMask() const { return visible_; }
    // Built on first use after the positions change, so an animation that nobody hovers never pays for it.
    const ScatterIndex& index() const;

private:
    void positionsChanged();
    void recolor();
    void refade();
    void refreshVisibility();

    std::vector<float> xy_;
    std::vector<int> classes_;
    std::vector<float> values_;
    std::vector<std::uint32_t> colors_; // premultiplied ARGB
    std::vector<std::uint32_t> faded_;
    std::vector<std::uint8_t> visible_; // 0 where the point's class is hidden, or it is isolated away
    std::vector<std::uint8_t> isolated_; // while isolating_: 1 for each point the isolation keeps
    bool isolating_ = false;
    QSet<int> hidden_;
    int maxClass_ = -1;
    float valueLow_ = 0, valueHigh_ = 0;
    QRectF bounds_;
    bool hasBounds_ = false;
    mutable ScatterIndex index_;
    mutable bool indexStale_ = true;
};

} // namespace latentlab::ui
