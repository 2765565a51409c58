#pragma once
// ScatterView as its tools see it. A nested class of the view, so it may reach the view's private state, which
// the tools themselves may not; only scatter_view.cpp includes this.
#include "ui/explorer/scatter/scatter_canvas.h"
#include "ui/explorer/scatter/scatter_view.h"

namespace latentlab::ui {

class ScatterView::Canvas final : public ScatterCanvas {
public:
    explicit Canvas(ScatterView& view) : view_(view) {}

    scatter::Transform transform() const override;
    void setTransform(const scatter::Transform& view) override;
    int nearestPoint(QPointF widgetPos) const override;
    std::vector<int> pointsIn(const QRectF& widgetRect) const override;
    std::vector<int> pointsIn(const QPolygonF& widgetPolygon) const override;
    bool probeMode() const override;
    bool rectangleMode() const override;
    bool lassoMode() const override;
    bool probeVisible() const override;
    QPointF probe() const override;
    void moveProbe(QPointF dataPos) override;
    void click(int index) override;
    void selectRegion(const std::vector<int>& shape, RegionOp op) override;
    void clearHover() override;
    void setCursorShape(Qt::CursorShape shape) override;
    void restoreCursor() override;
    void updateCanvas() override;
    void handOver(ScatterTool& next, const ScatterPress& press, QPointF pos) override;

private:
    ScatterView& view_;
};

} // namespace latentlab::ui
