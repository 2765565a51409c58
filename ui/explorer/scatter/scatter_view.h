#pragma once
// A scatter plot that stays interactive at 100,000 points (a latent space, a t-SNE map): the points are
// stamped straight into an image (scatter_raster.h) that is cached until something it shows changes, and a
// grid of buckets (ScatterIndex) finds the point under the mouse in microseconds. QPainter draws only what is
// few: the legend, rings, the probe, a path, the hover card. Qt Charts' QScatterSeries takes half a second a
// frame at 70,000 points (twelve for its first), and its OpenGL mode needs a GPU (tests/bench/bench_scatter.cpp).
#include "ui/explorer/scatter/scatter_data.h"
#include "ui/explorer/scatter/scatter_overlay.h"
#include "ui/explorer/scatter/scatter_raster.h"
#include "ui/explorer/scatter/scatter_viewport.h"

#include <QImage>
#include <QPointF>
#include <QPolygonF>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace latentlab::ui {

class ScatterLegend;
class ScatterTool;
struct ScatterPress;

class ScatterView : public QWidget {
    Q_OBJECT
public:
    // Navigate: dragging the background pans. Probe: a press anywhere puts the probe there and drags it.
    // Rectangle, Lasso: a left drag draws that shape and selects the points inside it. In every mode the wheel
    // zooms and the middle button pans; in the first two the probe marker can be dragged and Shift or Alt +
    // drag draws a rectangle. The modifiers at a shape's start say how it meets the region (region_ops.h).
    // Each drag is a tool (scatter_tool.h) the view hands the mouse to.
    enum class Mode { Navigate, Probe, Rectangle, Lasso };
    Q_ENUM(Mode)

    explicit ScatterView(QWidget* parent = nullptr);
    ~ScatterView() override;

    // xy: 2 * N interleaved data coordinates; classes: N entries (missing ones count as -1, no class). Clears
    // values, outlines, the selection, the region, the isolation and the hover, and fits the view to the points.
    void setPoints(std::vector<float> xy, std::vector<int> classes);
    // New positions for the same N points (an animation, a model that trains): everything else stays. The view
    // follows the points until the user zooms or pans, and keeps the user's view from then until resetView().
    void updatePositions(std::vector<float> xy);
    int pointCount() const { return data_.count(); }
    QPointF position(int index) const { return data_.position(index); }
    int classOf(int index) const { return data_.classOf(index); }
    // True while updatePositions() re-fits the view (no zoom or pan since the last fit).
    bool fitOnUpdate() const { return viewport_.isFitted(); }

    // Legend labels: class k is names[k], or "Class k" past the end of the list.
    void setClassNames(QStringList names);
    // Off: no legend column (scatters side by side share one legend, drawn by the last of them).
    void setLegendShown(bool shown);
    QString className(int cls) const;
    int classCount() const;
    // Hidden classes are neither drawn nor found by nearestPoint(); the legend shows them greyed. Only a click
    // on the legend emits classToggled, as only a drag emits probeMoved.
    void setClassVisible(int cls, bool visible);
    bool classVisible(int cls) const { return data_.classVisible(cls); }

    // Non-empty (one value per point): points are coloured by value on a viridis scale, with a colour bar in
    // the legend; NaN is drawn grey. Empty: back to class colours.
    void setValues(std::vector<float> values);
    bool coloredByValue() const { return data_.coloredByValue(); }
    // The colour point `index` is drawn in, alpha included (scatter::kPointAlpha).
    QColor colorOf(int index) const { return data_.colorOf(index); }

    // Only these points are drawn and found, as if every other point's class were hidden, until
    // clearIsolated() shows everything again. Up to 500 of them get a ring each, to be found on the plane.
    void setIsolated(std::vector<int> indices);
    void clearIsolated();
    bool isIsolating() const { return data_.isolating(); }
    // Whether point `index` is drawn now (its class shown, not isolated away).
    bool isVisible(int index) const { return data_.visible(index); }

    // The selected region: many points, drawn in full colour on top while every other point fades. Sorted and
    // unique; indices outside the points are dropped. Emits regionChanged when it changes, whoever changes it.
    void setRegion(std::vector<int> indices);
    const std::vector<int>& region() const { return region_; }

    // Points drawn on top of the rest, each with a contrasting ring.
    void setOutlined(std::vector<int> indices);
    const std::vector<int>& outlined() const { return outlined_; }
    // -1 for none. Emits selectionChanged when the selection changes, whoever changes it.
    void setSelected(int index);
    int selected() const { return selected_; }
    int hoveredPoint() const { return hovered_; }

    void setMode(Mode mode);
    Mode mode() const { return mode_; }
    void setProbeVisible(bool visible);
    bool probeVisible() const { return probeVisible_; }
    // Moves the probe marker without emitting probeMoved, so a receiver can set it without a loop.
    void setProbe(QPointF dataPos);
    QPointF probe() const { return probe_; }
    // A polyline in data coordinates drawn over the points (an interpolation path); empty for none.
    void setPath(QVector<QPointF> dataPath);
    QVector<QPointF> path() const { return path_; }

    // What the hover card shows for a point; either may be empty. Small thumbnails are enlarged by whole
    // factors with nearest-neighbour (28x28 becomes 84x84).
    void setHoverProvider(std::function<QString(int)> caption, std::function<QImage(int)> thumbnail);
    // Shown over an empty plot ("No points yet" by default).
    void setPlaceholderText(const QString& text);
    QString placeholderText() const { return placeholder_; }
    // Diameter of a point in pixels (1 to 16; 4 by default).
    void setPointSize(int pixels);
    int pointSize() const { return pointSize_; }

    void resetView();
    // The part of the data plane the plot area shows, or nothing while the view follows the points (no zoom
    // or pan since the last fit). showDataRect() shows that rectangle in the plot area, as a user's view.
    std::optional<QRectF> visibleDataRect() const;
    void showDataRect(const QRectF& dataRect);
    // Scales both axes by factor about a widget position, which stays over the same data point.
    void zoomBy(double factor, QPointF widgetAnchor);
    void panBy(QPointF pixels);
    QPointF toData(QPointF widgetPos) const;
    QPointF toWidget(QPointF dataPos) const;
    // The area the points are fitted into: the widget less its margins and the legend column.
    QRect plotRect() const { return plotRect(size()); }

    // The nearest visible point within maxPixels (on screen) of a widget position, or -1.
    int nearestPoint(QPointF widgetPos, double maxPixels = 8.0) const;
    // Indices, ascending, of the visible points inside a rectangle given in widget coordinates.
    std::vector<int> pointsIn(const QRectF& widgetRect) const;
    // The same inside a polygon (odd-even: a lasso that crosses itself leaves the crossed part out).
    std::vector<int> pointsIn(const QPolygonF& widgetPolygon) const;
    // Where the legend entry of a class is drawn, in widget coordinates; empty when it is not shown.
    QRect legendEntryRect(int cls) const;

    // The point layer (background and points, outlined ones on top) as a widget of this size would show it
    // with the current view. paintEvent draws a cached copy of the same thing, made again only when the
    // points, colours, visibility, view or size change.
    QImage renderPoints(QSize size);

Q_SIGNALS:
    void hovered(int index); // -1 when the mouse leaves the last point
    void clicked(int index); // -1 for a click on empty space, which also clears the selection
    void selectionChanged(int index);
    void probeMoved(QPointF dataPos);
    void classToggled(int cls, bool visible);
    void viewChanged();
    // A gesture changed the region (a rectangle, a lasso, a click on empty space that cleared it): the
    // region as it is now. Only the user's gestures emit it, as only a click emits clicked.
    void regionSelected(const std::vector<int>& indices);
    void regionChanged(const std::vector<int>& indices);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    class Canvas;

    void pointsChanged();
    void geometryChanged();
    ScatterLegend legend(QSize size) const;
    QRect plotRect(QSize size) const;
    void setView(const scatter::Transform& view);
    void renderLayer(QImage& image, const scatter::Transform& view, qreal dpr) const;
    // A contrasting ring round each of these points that is drawn (outlined ones, a few isolated ones).
    void ringPoints(QImage& image, const scatter::Transform& t, const std::vector<int>& indices, qreal dpr) const;
    void paintMarks(QPainter& p, const scatter::Transform& view) const;
    void setHovered(int index);
    void updateHover(QPointF pos);
    void beginGesture(ScatterTool& tool, const ScatterPress& press);
    void cancelGesture();

    ScatterData data_;
    QStringList classNames_;
    std::vector<int> outlined_;
    std::vector<int> region_;
    std::vector<int> isolated_; // while isolating, sorted
    static constexpr std::size_t kRingedIsolation = 500;
    bool legendShown_ = true;
    int legendColumn_ = 0; // the legend's width and a margin; cached, as every mapping depends on it
    ScatterViewport viewport_;

    QImage layer_;
    scatter::Transform layerView_;
    bool layerStale_ = true;
    int pointSize_ = 4;

    Mode mode_ = Mode::Navigate;
    bool probeVisible_ = false;
    QPointF probe_;
    QVector<QPointF> path_;
    int selected_ = -1;
    int hovered_ = -1;
    QString placeholder_;

    std::function<QString(int)> caption_;
    std::function<QImage(int)> thumbnail_;
    scatter::HoverCard card_;
    QPointF mousePos_;

    std::unique_ptr<Canvas> canvas_; // what the tools see of this view
    std::vector<std::unique_ptr<ScatterTool>> tools_; // in the order a press is offered to them
    ScatterTool* gesture_ = nullptr; // the tool whose gesture runs, between a press and its release
};

} // namespace latentlab::ui
