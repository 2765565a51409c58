#pragma once
// Shift + drag draws a rubber band; on release the visible points inside it are the selected region
// (ScatterView::regionSelected). A band too small to mean a region (a Shift + click) selects none, which
// clears one. Shift wins over probe mode, so a region can be drawn while probing.
#include "ui/explorer/scatter/scatter_tool.h"

#include <QRectF>

namespace latentlab::ui {

class RectSelectTool final : public ScatterTool {
public:
    using ScatterTool::ScatterTool;

    bool accepts(const ScatterPress& press) const override;
    void pressed(const ScatterPress& press) override;
    void moved(QPointF pos) override;
    void released(QPointF pos) override;
    void cancelled() override;
    void paint(QPainter& painter, const QPalette& palette) const override;

private:
    QPointF pressPos_;
    QRectF band_; // as drawn, in widget coordinates
};

} // namespace latentlab::ui
