#pragma once
// Drags the probe, the point of the latent space the explorer decodes, emitting probeMoved at every step. In
// probe mode a press anywhere puts the probe there; in any mode a press on the visible marker grabs it where
// it was touched, so the marker does not jump to the cursor.
#include "ui/explorer/scatter/scatter_tool.h"

namespace latentlab::ui {

class ProbeTool final : public ScatterTool {
public:
    using ScatterTool::ScatterTool;

    bool accepts(const ScatterPress& press) const override;
    void pressed(const ScatterPress& press) override;
    void moved(QPointF pos) override;
    void released(QPointF pos) override;

private:
    bool onMarker(QPointF pos) const;
    void moveTo(QPointF pos);

    QPointF grabOffset_; // from the mouse to the marker, in pixels
};

} // namespace latentlab::ui
