#pragma once
// Dragging moves the view with the mouse: the data point first grabbed stays under the cursor. Started by the
// middle button in any mode, and by a left drag on the background, which ClickSelectTool hands over.
#include "ui/explorer/scatter/scatter_tool.h"

namespace latentlab::ui {

class PanTool final : public ScatterTool {
public:
    using ScatterTool::ScatterTool;

    bool accepts(const ScatterPress& press) const override;
    void pressed(const ScatterPress& press) override;
    void moved(QPointF pos) override;
    void released(QPointF pos) override;
    void cancelled() override;

private:
    QPointF pressPos_;
    scatter::Transform viewAtPress_;
};

} // namespace latentlab::ui
