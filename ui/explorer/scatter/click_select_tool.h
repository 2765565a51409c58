#pragma once
// A left press that the other tools leave (no Shift, not on the probe, not in probe mode): released where it
// began, give or take a few pixels of wobble, it is a click that selects the point under the mouse, or clears
// the selection on empty space. Moved further, it is a drag, and the gesture goes to the drag tool (the pan).
#include "ui/explorer/scatter/scatter_tool.h"

namespace latentlab::ui {

class ClickSelectTool final : public ScatterTool {
public:
    // How far, in pixels (Manhattan), a press may move and still be a click.
    static constexpr int kClickSlop = 4;

    ClickSelectTool(ScatterCanvas& canvas, ScatterTool& dragTool);

    bool accepts(const ScatterPress& press) const override;
    void pressed(const ScatterPress& press) override;
    void moved(QPointF pos) override;
    void released(QPointF pos) override;

private:
    ScatterTool& dragTool_;
    ScatterPress press_;
};

} // namespace latentlab::ui
