#include "ui/explorer/scatter/scatter_view.h"

#include "ui/explorer/scatter/scatter_legend.h"
#include "ui/explorer/scatter/scatter_tools.h"
#include "ui/explorer/scatter/scatter_view_canvas.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <utility>

namespace latentlab::ui {
namespace {

constexpr int kMargin = 12;
constexpr double kWheelZoom = 1.25; // per notch of a mouse wheel
const QColor kBackground(Qt::white);

} // namespace

ScatterView::ScatterView(QWidget* parent)
    : QWidget(parent)
    , placeholder_(tr("No points yet"))
    , canvas_(std::make_unique<Canvas>(*this))
{
    setMouseTracking(true);
    // The point layer covers every pixel, so Qt need not clear the background first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 120);

    // A press goes to the first tool that accepts it, so the order is the precedence of the gestures: the
    // middle button always pans, the lasso mode draws lassos, Shift or Alt (or the rectangle mode) draws a
    // rectangle, the probe comes next, and a plain left press is a click unless it moves far enough to become
    // a pan.
    std::unique_ptr<ScatterTool> pan = makePanTool(*canvas_);
    std::unique_ptr<ScatterTool> click = makeClickSelectTool(*canvas_, *pan);
    tools_.push_back(std::move(pan));
    tools_.push_back(makeLassoSelectTool(*canvas_));
    tools_.push_back(makeRectSelectTool(*canvas_));
    tools_.push_back(makeProbeTool(*canvas_));
    tools_.push_back(std::move(click));
}

ScatterView::~ScatterView() = default;

void ScatterView::setPoints(std::vector<float> xy, std::vector<int> classes)
{
    data_.setPoints(std::move(xy), std::move(classes));
    outlined_.clear();
    isolated_.clear();
    const bool hadRegion = !region_.empty();
    region_.clear();
    setHovered(-1);
    viewport_.reset();
    pointsChanged();
    geometryChanged();
    setSelected(-1);
    if (hadRegion)
        Q_EMIT regionChanged({});
    Q_EMIT viewChanged();
}

void ScatterView::updatePositions(std::vector<float> xy)
{
    if (xy.size() / 2 != static_cast<std::size_t>(pointCount())) {
        qWarning("ScatterView::updatePositions: %zu positions for %d points; taken as new points", xy.size() / 2,
                 pointCount());
        std::vector<int> classes(xy.size() / 2);
        for (std::size_t i = 0; i < classes.size(); ++i)
            classes[i] = classOf(static_cast<int>(i));
        setPoints(std::move(xy), std::move(classes));
        return;
    }
    data_.updatePositions(std::move(xy));
    pointsChanged();
    if (fitOnUpdate())
        Q_EMIT viewChanged();
    if (!gesture_ && underMouse())
        updateHover(mousePos_);
}

void ScatterView::pointsChanged()
{
    viewport_.setBounds(data_.hasBounds() ? std::optional(data_.bounds()) : std::nullopt);
    layerStale_ = true;
    if (hovered_ >= 0 && !data_.visible(hovered_))
        setHovered(-1);
    update();
}

void ScatterView::setClassNames(QStringList names)
{
    classNames_ = std::move(names);
    geometryChanged();
    update();
}

QString ScatterView::className(int cls) const
{
    if (cls >= 0 && cls < classNames_.size() && !classNames_[cls].isEmpty())
        return classNames_[cls];
    return tr("Class %1").arg(cls);
}

int ScatterView::classCount() const
{
    return std::max(static_cast<int>(classNames_.size()), data_.maxClass() + 1);
}

void ScatterView::setClassVisible(int cls, bool visible)
{
    if (visible == classVisible(cls))
        return;
    data_.setClassVisible(cls, visible);
    pointsChanged();
}

void ScatterView::setValues(std::vector<float> values)
{
    if (!data_.setValues(std::move(values))) {
        qWarning("ScatterView::setValues: not one value per point; ignored");
        return;
    }
    pointsChanged();
    geometryChanged();
    if (hovered_ >= 0)
        setHovered(hovered_); // the default caption shows the value
}

void ScatterView::setOutlined(std::vector<int> indices)
{
    const int n = pointCount();
    indices.erase(std::remove_if(indices.begin(), indices.end(), [n](int i) { return i < 0 || i >= n; }),
                  indices.end());
    outlined_ = std::move(indices);
    pointsChanged();
}

void ScatterView::setSelected(int index)
{
    if (index < 0 || index >= pointCount())
        index = -1;
    if (index == selected_)
        return;
    selected_ = index;
    update();
    Q_EMIT selectionChanged(selected_);
}

void ScatterView::setMode(Mode mode)
{
    mode_ = mode;
    setCursor(mode == Mode::Navigate ? Qt::ArrowCursor : Qt::CrossCursor);
}

void ScatterView::setProbeVisible(bool visible)
{
    probeVisible_ = visible;
    update();
}

void ScatterView::setProbe(QPointF dataPos)
{
    probe_ = dataPos;
    update();
}

void ScatterView::setPath(QVector<QPointF> dataPath)
{
    path_ = std::move(dataPath);
    update();
}

void ScatterView::setHoverProvider(std::function<QString(int)> caption, std::function<QImage(int)> thumbnail)
{
    caption_ = std::move(caption);
    thumbnail_ = std::move(thumbnail);
    if (hovered_ >= 0)
        setHovered(hovered_);
}

void ScatterView::setPlaceholderText(const QString& text)
{
    placeholder_ = text;
    update();
}

void ScatterView::setPointSize(int pixels)
{
    pointSize_ = std::clamp(pixels, 1, 16);
    pointsChanged();
    geometryChanged();
}

// Geometry -----------------------------------------------------------------------------------------------------

void ScatterView::geometryChanged()
{
    const int width = legend(size()).width();
    legendColumn_ = width > 0 ? width + kMargin : 0;
    // Points are fitted a point's size inside the frame, so none is cut by it.
    const int inset = kMargin + pointSize_;
    viewport_.setInsets(QMargins(inset, inset, inset + legendColumn_, inset));
}

void ScatterView::setLegendShown(bool shown)
{
    if (legendShown_ == shown)
        return;
    legendShown_ = shown;
    geometryChanged();
    pointsChanged();
}

ScatterLegend ScatterView::legend(QSize size) const
{
    std::vector<ScatterLegend::Entry> entries;
    const int count = legendShown_ ? classCount() : 0;
    entries.reserve(static_cast<std::size_t>(std::max(0, count)));
    // Coloured by value, a class's palette colour would suggest a value it does not have: neutral swatches.
    const bool neutral = coloredByValue();
    for (int k = 0; k < count; ++k)
        entries.push_back({className(k), neutral ? QColor(0x70, 0x70, 0x70) : scatter::classColor(k), classVisible(k)});
    ScatterLegend legend(std::move(entries), {neutral && legendShown_, data_.valueLow(), data_.valueHigh()}, font());
    legend.layout(QRect(size.width() - kMargin - legend.width(), kMargin, legend.width(), size.height() - 2 * kMargin));
    return legend;
}

QRect ScatterView::plotRect(QSize size) const
{
    return {kMargin, kMargin, std::max(1, size.width() - 2 * kMargin - legendColumn_),
            std::max(1, size.height() - 2 * kMargin)};
}

void ScatterView::setView(const scatter::Transform& view)
{
    viewport_.set(view, size());
    update();
    Q_EMIT viewChanged();
}

void ScatterView::resetView()
{
    viewport_.reset();
    update();
    Q_EMIT viewChanged();
}

std::optional<QRectF> ScatterView::visibleDataRect() const
{
    if (viewport_.isFitted())
        return std::nullopt;
    const QRectF plot(plotRect()); // QRectF: its bottom is top + height, not QRect's one pixel less
    return QRectF(toData(plot.bottomLeft()), toData(plot.topRight())).normalized();
}

void ScatterView::showDataRect(const QRectF& r)
{
    const QRectF plot(plotRect());
    if (!(r.width() > 0.0) || !(r.height() > 0.0) || plot.width() < 2 || plot.height() < 2)
        return;
    // x grows to the right and y upwards: data (left, bottom) lands on the plot's bottom-left corner.
    scatter::Transform t;
    t.ax = plot.width() / r.width();
    t.bx = plot.left() - t.ax * r.left();
    t.ay = -plot.height() / r.height();
    t.by = plot.bottom() - t.ay * r.top();
    setView(t);
}

void ScatterView::zoomBy(double factor, QPointF widgetAnchor)
{
    viewport_.zoom(size(), factor, widgetAnchor);
    update();
    Q_EMIT viewChanged();
}

void ScatterView::panBy(QPointF pixels)
{
    scatter::Transform t = viewport_.transform(size());
    t.bx += pixels.x();
    t.by += pixels.y();
    setView(t);
}

QPointF ScatterView::toData(QPointF widgetPos) const
{
    return viewport_.transform(size()).unmap(widgetPos);
}

QPointF ScatterView::toWidget(QPointF dataPos) const
{
    return viewport_.transform(size()).map(dataPos);
}

QRect ScatterView::legendEntryRect(int cls) const
{
    return legend(size()).entryRect(cls);
}

// Painting -----------------------------------------------------------------------------------------------------

QImage ScatterView::renderPoints(QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    renderLayer(image, viewport_.transform(size), 1.0);
    return image;
}

void ScatterView::renderLayer(QImage& image, const scatter::Transform& view, qreal dpr) const
{
    image.fill(kBackground);
    if (pointCount() == 0)
        return;
    const scatter::Transform t = view.scaled(dpr);
    const scatter::Sprite sprite(static_cast<int>(std::lround(pointSize_ * dpr)));
    if (region_.empty()) {
        scatter::stampPoints(image, t, sprite, data_.xy(), data_.colors(), data_.visibleMask());
    } else {
        // Everything faded, then the region over it in full colour: at 70,000 points a ring per point would
        // be a black smudge, a colour contrast reads at any density.
        // The region's own points are left out of the faded pass, so they show exactly their colour.
        std::vector<std::uint8_t> outside = data_.visibleMask();
        for (int i : region_)
            outside[static_cast<std::size_t>(i)] = 0;
        scatter::stampPoints(image, t, sprite, data_.xy(), data_.fadedColors(), outside);
        scatter::stampSome(image, t, sprite, data_.xy(), data_.colors(), data_.visibleMask(), region_);
    }
    // A few isolated points are lost on an empty plane without a ring each.
    if (data_.isolating() && isolated_.size() <= kRingedIsolation)
        ringPoints(image, t, isolated_, dpr);
    if (outlined_.empty())
        return;
    scatter::stampSome(image, t, sprite, data_.xy(), data_.colors(), data_.visibleMask(), outlined_);
    ringPoints(image, t, outlined_, dpr);
}

void ScatterView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const qreal dpr = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * dpr).toSize();
    const scatter::Transform view = viewport_.transform(size());
    if (layerStale_ || layer_.size() != pixels || layer_.devicePixelRatio() != dpr || layerView_ != view) {
        if (layer_.size() != pixels)
            layer_ = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        layer_.setDevicePixelRatio(1.0);
        renderLayer(layer_, view, dpr);
        layer_.setDevicePixelRatio(dpr);
        layerView_ = view;
        layerStale_ = false;
    }
    p.drawImage(QPointF(0, 0), layer_);

    // A faint frame instead of axes: latent coordinates have no units worth reading off.
    p.setPen(QColor(0, 0, 0, 28));
    p.drawRect(plotRect().adjusted(0, 0, -1, -1));
    if (pointCount() == 0) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::WindowText));
        p.drawText(plotRect(), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
    }
    p.setRenderHint(QPainter::Antialiasing);
    paintMarks(p, view);
    legend(size()).paint(p, palette());
    if (gesture_)
        gesture_->paint(p, palette());
    else if (hovered_ >= 0)
        card_.paint(p, mousePos_, rect(), palette());
}

void ScatterView::paintMarks(QPainter& p, const scatter::Transform& view) const
{
    QPolygonF path;
    for (const QPointF& d : path_)
        path.append(view.map(d));
    scatter::drawPath(p, path);
    const double radius = pointSize_ / 2.0;
    if (data_.visible(selected_)) {
        const QPointF c = view.map(position(selected_));
        p.setPen(Qt::NoPen);
        p.setBrush(colorOf(selected_));
        p.drawEllipse(c, radius + 1, radius + 1);
        scatter::drawRing(p, c, radius + 4, scatter::kMarkColor, 2.0);
    }
    if (hovered_ >= 0 && hovered_ != selected_)
        scatter::drawRing(p, view.map(position(hovered_)), radius + 3, QColor(0x50, 0x50, 0x50), 1.0);
    if (probeVisible_)
        scatter::drawProbe(p, view.map(probe_));
}

// Interaction --------------------------------------------------------------------------------------------------

void ScatterView::setHovered(int index)
{
    const bool changed = index != hovered_;
    hovered_ = index;
    if (index < 0) {
        card_.clear();
    } else if (caption_ || thumbnail_) {
        card_.set(caption_ ? caption_(index) : QString(), thumbnail_ ? thumbnail_(index) : QImage());
    } else {
        QString caption = tr("Point %1").arg(index);
        if (classOf(index) >= 0)
            caption += QLatin1Char('\n') + className(classOf(index));
        if (coloredByValue())
            caption += QLatin1Char('\n') + tr("Value %1").arg(double(data_.value(index)), 0, 'g', 4);
        card_.set(caption, {});
    }
    update();
    if (changed)
        Q_EMIT hovered(index);
}

void ScatterView::updateHover(QPointF pos)
{
    mousePos_ = pos;
    const int found = nearestPoint(pos);
    if (found != hovered_)
        setHovered(found);
    else if (found >= 0)
        update(); // the card follows the cursor
}

void ScatterView::beginGesture(ScatterTool& tool, const ScatterPress& press)
{
    gesture_ = &tool;
    tool.pressed(press);
}

void ScatterView::cancelGesture()
{
    if (ScatterTool* tool = std::exchange(gesture_, nullptr))
        tool->cancelled();
}

void ScatterView::mousePressEvent(QMouseEvent* event)
{
    // A second button pressed during a drag starts over rather than mixing two gestures.
    cancelGesture();
    const ScatterPress press {event->position(), event->button(), event->modifiers()};
    if (press.button == Qt::LeftButton) {
        // The legend is the view's own, not part of the plane the tools work on.
        const int cls = legend(size()).entryAt(press.pos.toPoint());
        if (cls >= 0) {
            const bool visible = !classVisible(cls);
            setClassVisible(cls, visible);
            Q_EMIT classToggled(cls, visible);
            return;
        }
    }
    for (const std::unique_ptr<ScatterTool>& tool : tools_) {
        if (tool->accepts(press)) {
            beginGesture(*tool, press);
            return;
        }
    }
    QWidget::mousePressEvent(event);
}

void ScatterView::mouseMoveEvent(QMouseEvent* event)
{
    mousePos_ = event->position();
    if (gesture_)
        gesture_->moved(mousePos_);
    else
        updateHover(mousePos_);
}

void ScatterView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    // Cleared first: what the release emits (a click, a region) reaches receivers with no gesture running.
    if (ScatterTool* tool = std::exchange(gesture_, nullptr))
        tool->released(event->position());
    updateHover(event->position());
}

void ScatterView::mouseDoubleClickEvent(QMouseEvent* event)
{
    // On the legend the second click of a double click toggles again, as two single clicks would.
    if (event->button() != Qt::LeftButton || legend(size()).entryAt(event->position().toPoint()) >= 0) {
        mousePressEvent(event);
        return;
    }
    cancelGesture();
    resetView();
}

void ScatterView::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    const int steps = delta.y() != 0 ? delta.y() : delta.x();
    if (steps == 0) {
        event->ignore();
        return;
    }
    zoomBy(std::pow(kWheelZoom, steps / 120.0), event->position());
    if (!gesture_)
        updateHover(event->position());
    event->accept();
}

void ScatterView::leaveEvent(QEvent* event)
{
    if (!gesture_)
        setHovered(-1);
    QWidget::leaveEvent(event);
}

void ScatterView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        geometryChanged();
        update();
    }
    QWidget::changeEvent(event);
}

} // namespace latentlab::ui
