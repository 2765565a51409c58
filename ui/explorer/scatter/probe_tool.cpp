// Drags the probe, the point of the latent space the explorer decodes, emitting probeMoved at every step. In
// probe mode a press anywhere puts the probe there; in any mode a press on the visible marker grabs it where
// it was touched, so the marker does not jump to the cursor.
#include "ui/explorer/scatter/scatter_tools.h"

#include "ui/explorer/scatter/scatter_overlay.h"

#include <QLineF>

namespace latentlab::ui {
namespace {

class ProbeTool final : public ScatterTool {
public:
    using ScatterTool::ScatterTool;

    bool accepts(const ScatterPress& press) const override
    {
        return press.button == Qt::LeftButton && (canvas().probeMode() || onMarker(press.pos));
    }

    void pressed(const ScatterPress& press) override
    {
        if (onMarker(press.pos)) {
            // The probe has not moved yet, so nothing is decoded until the marker is dragged.
            grabOffset_ = canvas().transform().map(canvas().probe()) - press.pos;
            return;
        }
        grabOffset_ = {};
        canvas().clearHover();
        moveTo(press.pos);
    }

    void moved(QPointF pos) override { moveTo(pos); }
    void released(QPointF) override {}

private:
    bool onMarker(QPointF pos) const
    {
        return canvas().probeVisible()
            && QLineF(canvas().transform().map(canvas().probe()), pos).length() <= scatter::kProbeGrabRadius;
    }

    void moveTo(QPointF pos) { canvas().moveProbe(canvas().transform().unmap(pos + grabOffset_)); }

    QPointF grabOffset_; // from the mouse to the marker, in pixels
};

} // namespace

std::unique_ptr<ScatterTool> makeProbeTool(ScatterCanvas& canvas)
{
    return std::make_unique<ProbeTool>(canvas);
}

} // namespace latentlab::ui
