// The scatter view does what a user sees it do: coordinates map both ways, the view fits the points, the
// wheel zooms about the cursor and a drag pans, the probe follows the mouse, the legend hides classes from
// both the picture and the picking, clicks select, and the pixels it renders carry the colours it claims.
// Each drag is a tool the view hands the mouse to (scatter_tool.h); every tool's gesture is driven here with
// the mouse events a user would send, including where one gesture ends and another begins.
#include "ui/explorer/scatter/scatter_index.h"
#include "ui/explorer/scatter/scatter_view.h"

#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

using namespace latentlab::ui;

namespace {

// Five points far apart (about 80 px on a 500 x 400 widget): classes 0, 1, 2, 0, 1.
const std::vector<float> kXy {0, 0, 10, 0, 0, 10, 10, 10, 5, 5};
const std::vector<int> kClasses {0, 1, 2, 0, 1};

QPointF pointOf(int i)
{
    return {kXy[2 * i], kXy[2 * i + 1]};
}

void mouse(QWidget& w, QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons,
           Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QMouseEvent event(type, pos, w.mapToGlobal(pos), button, buttons, modifiers);
    QCoreApplication::sendEvent(&w, &event);
}

void press(QWidget& w, QPointF pos, Qt::MouseButton button = Qt::LeftButton,
           Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    mouse(w, QEvent::MouseButtonPress, pos, button, button, modifiers);
}

void moveTo(QWidget& w, QPointF pos, Qt::MouseButtons buttons = Qt::LeftButton,
            Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    mouse(w, QEvent::MouseMove, pos, Qt::NoButton, buttons, modifiers);
}

void release(QWidget& w, QPointF pos, Qt::MouseButton button = Qt::LeftButton,
             Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    mouse(w, QEvent::MouseButtonRelease, pos, button, Qt::NoButton, modifiers);
}

void click(QWidget& w, QPointF pos)
{
    press(w, pos);
    release(w, pos);
}

void wheel(QWidget& w, QPointF pos, int angle)
{
    QWheelEvent event(pos, w.mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&w, &event);
}

bool near(QPointF a, QPointF b, double tolerance = 1e-6)
{
    return std::abs(a.x() - b.x()) <= tolerance && std::abs(a.y() - b.y()) <= tolerance;
}

// A pixel where a single point of this colour, at kPointAlpha, lies over the white background.
QRgb overWhite(const QColor& c)
{
    const QRgb p = qPremultiply(c.rgba());
    const int rest = 255 - qAlpha(p);
    return qRgb(qRed(p) + rest, qGreen(p) + rest, qBlue(p) + rest);
}

bool sameColor(QRgb a, QRgb b, int tolerance = 2)
{
    return std::abs(qRed(a) - qRed(b)) <= tolerance && std::abs(qGreen(a) - qGreen(b)) <= tolerance
        && std::abs(qBlue(a) - qBlue(b)) <= tolerance;
}

int countColor(const QImage& image, QRgb color)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += sameColor(image.pixel(x, y), color);
    return n;
}

// How close the image comes to a colour: the smallest largest-channel difference over its pixels.
int closestTo(const QImage& image, QRgb color)
{
    int best = 255;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            best = std::min(best, std::max({std::abs(qRed(p) - qRed(color)), std::abs(qGreen(p) - qGreen(color)),
                                            std::abs(qBlue(p) - qBlue(color))}));
        }
    return best;
}

QRgb pixelAt(const QImage& image, QPointF widgetPos)
{
    return image.pixel(int(widgetPos.x()), int(widgetPos.y()));
}

std::vector<float> randomPoints(int n, std::mt19937& rng)
{
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    std::uniform_real_distribution<float> uniform(-5.0f, 5.0f);
    std::vector<float> xy;
    for (int i = 0; i < n; ++i) {
        // Half clustered, half spread, and a few that can never be found.
        const bool cluster = i % 2 == 0;
        xy.push_back(i % 97 == 0 ? NAN : cluster ? gauss(rng) * 0.3f + 2.0f : uniform(rng));
        xy.push_back(cluster ? gauss(rng) * 3.0f : uniform(rng) * 10.0f);
    }
    return xy;
}

} // namespace

class TestScatterView : public QObject {
    Q_OBJECT

    std::unique_ptr<ScatterView> view_;

    ScatterView& shown()
    {
        view_ = std::make_unique<ScatterView>();
        view_->resize(500, 400);
        view_->setPoints(kXy, kClasses);
        view_->show();
        if (!QTest::qWaitForWindowExposed(view_.get()))
            qFatal("the view was never exposed");
        return *view_;
    }

private Q_SLOTS:
    void cleanup() { view_.reset(); }

    void mappingsAreInverse()
    {
        ScatterView& v = shown();
        for (QPointF p : {QPointF(0, 0), QPointF(123.5, 77.25), QPointF(499, 399), QPointF(-40, 600)})
            QVERIFY(near(v.toWidget(v.toData(p)), p, 1e-9));
        v.zoomBy(3.0, QPointF(100, 100));
        v.panBy(QPointF(17, -9));
        for (QPointF d : {QPointF(0, 0), QPointF(3.5, -2), QPointF(1e3, 1e-3)})
            QVERIFY(near(v.toData(v.toWidget(d)), d, 1e-9));
        // Data y grows upwards, as on a plot.
        QVERIFY(v.toWidget(QPointF(0, 10)).y() < v.toWidget(QPointF(0, 0)).y());
    }

    void fitPutsEveryPointInside()
    {
        ScatterView& v = shown();
        QVERIFY(v.fitOnUpdate());
        const QRect plot = v.plotRect();
        QVERIFY(v.rect().contains(plot));
        for (int i = 0; i < v.pointCount(); ++i)
            QVERIFY2(plot.contains(v.toWidget(pointOf(i)).toPoint()), qPrintable(QString::number(i)));
        // The fit uses most of the plot rather than a corner of it.
        QVERIFY(v.toWidget(pointOf(1)).x() - v.toWidget(pointOf(0)).x() > plot.width() * 0.8);
        QVERIFY(v.toWidget(pointOf(0)).y() - v.toWidget(pointOf(2)).y() > plot.height() * 0.8);
        // The legend sits beside the plot, not over the points.
        QVERIFY(!v.legendEntryRect(0).isEmpty());
        QVERIFY(!plot.intersects(v.legendEntryRect(0)));
    }

    void nearestPointRespectsDistanceAndVisibility()
    {
        ScatterView& v = shown();
        for (int i = 0; i < v.pointCount(); ++i)
            QCOMPARE(v.nearestPoint(v.toWidget(pointOf(i)) + QPointF(3, -2)), i);
        const QPointF p3 = v.toWidget(pointOf(3));
        QCOMPARE(v.nearestPoint(p3 + QPointF(7, 0), 8.0), 3);
        QCOMPARE(v.nearestPoint(p3 + QPointF(7, 0), 6.0), -1);
        // Round, not square: 6 px each way is 8.5 px away.
        QCOMPARE(v.nearestPoint(p3 + QPointF(6, 6), 8.0), -1);
        QCOMPARE(v.nearestPoint(p3 + QPointF(6, 6), 9.0), 3);
        // Between two points, the nearer on the screen wins.
        const QPointF p0 = v.toWidget(pointOf(0)), p4 = v.toWidget(pointOf(4));
        QCOMPARE(v.nearestPoint(p0 + (p4 - p0) * 0.4, 1000.0), 0);
        QCOMPARE(v.nearestPoint(p0 + (p4 - p0) * 0.6, 1000.0), 4);

        v.setClassVisible(0, false);
        QVERIFY(!v.classVisible(0));
        QCOMPARE(v.nearestPoint(p3), -1);
        QCOMPARE(v.nearestPoint(p0 + (p4 - p0) * 0.4, 1000.0), 4);
        v.setClassVisible(0, true);
        QCOMPARE(v.nearestPoint(p3), 3);
    }

    void wheelZoomsAboutTheCursor()
    {
        ScatterView& v = shown();
        QSignalSpy changed(&v, &ScatterView::viewChanged);
        const QPointF cursor(140, 260);
        const QPointF under = v.toData(cursor);
        const double span = v.toData(cursor + QPointF(100, 0)).x() - under.x();
        wheel(v, cursor, 120);
        QVERIFY(near(v.toWidget(under), cursor, 1e-6));
        QVERIFY(near(v.toData(cursor), under, 1e-9));
        const double zoomed = v.toData(cursor + QPointF(100, 0)).x() - v.toData(cursor).x();
        QVERIFY2(std::abs(span / zoomed - 1.25) < 1e-9, qPrintable(QString::number(span / zoomed)));
        QVERIFY(!changed.isEmpty());
        QVERIFY(!v.fitOnUpdate());
        wheel(v, cursor, -240);
        QVERIFY(near(v.toWidget(under), cursor, 1e-6));
        // A double click goes back to the fitted view.
        mouse(v, QEvent::MouseButtonDblClick, QPointF(250, 200), Qt::LeftButton, Qt::LeftButton);
        QVERIFY(v.fitOnUpdate());
    }

    void dragPans()
    {
        ScatterView& v = shown();
        QSignalSpy clicks(&v, &ScatterView::clicked);
        // Between points, so the press is on empty background.
        const QPointF from = (v.toWidget(pointOf(0)) + v.toWidget(pointOf(4))) / 2 + QPointF(0, 20);
        const QPointF to = from + QPointF(60, -35);
        const QPointF grabbed = v.toData(from);
        press(v, from);
        moveTo(v, from + QPointF(2, 0));
        QVERIFY2(v.fitOnUpdate(), "a press that has barely moved is still a click, not a pan");
        moveTo(v, to);
        release(v, to);
        QVERIFY(near(v.toData(to), grabbed, 1e-9));
        QVERIFY(!v.fitOnUpdate());
        QVERIFY(clicks.isEmpty());

        // The middle button pans in Probe mode too, where the left button moves the probe.
        v.setMode(ScatterView::Mode::Probe);
        QSignalSpy probed(&v, &ScatterView::probeMoved);
        const QPointF before = v.toData(to);
        press(v, to, Qt::MiddleButton);
        moveTo(v, from, Qt::MiddleButton);
        release(v, from, Qt::MiddleButton);
        QVERIFY(near(v.toData(from), before, 1e-9));
        QVERIFY(probed.isEmpty());
        QVERIFY(clicks.isEmpty());
    }

    void panToolKeepsTheGrabbedPointUnderTheCursor()
    {
        ScatterView& v = shown();
        v.setSelected(0);
        QSignalSpy clicks(&v, &ScatterView::clicked);
        QSignalSpy hovered(&v, &ScatterView::hovered);
        const QPointF p4 = v.toWidget(pointOf(4));
        moveTo(v, p4, Qt::NoButton);
        QCOMPARE(v.hoveredPoint(), 4);
        QCOMPARE(v.cursor().shape(), Qt::ArrowCursor);

        // The middle button pans even from a point: the hover goes, the hand closes.
        press(v, p4, Qt::MiddleButton);
        QCOMPARE(v.hoveredPoint(), -1);
        QCOMPARE(v.cursor().shape(), Qt::ClosedHandCursor);
        const int hoversAtPress = int(hovered.count());
        // Over point 3's old place and on: no hover while the view moves, and the view follows every move.
        const QPointF p3 = v.toWidget(pointOf(3));
        moveTo(v, p3, Qt::MiddleButton);
        QVERIFY(near(v.toWidget(pointOf(4)), p3, 1e-9));
        const QPointF end = p3 + QPointF(-30, 50);
        moveTo(v, end, Qt::MiddleButton);
        QVERIFY(near(v.toWidget(pointOf(4)), end, 1e-9));
        QCOMPARE(hovered.count(), hoversAtPress);
        release(v, end, Qt::MiddleButton);
        QCOMPARE(v.cursor().shape(), Qt::ArrowCursor);
        // After the release the hover comes back: the grabbed point is still under the cursor.
        QCOMPARE(v.hoveredPoint(), 4);
        QVERIFY(clicks.isEmpty());
        QCOMPARE(v.selected(), 0);
        QVERIFY(!v.fitOnUpdate());

        // In probe mode the cursor goes back to the crosshair.
        v.setMode(ScatterView::Mode::Probe);
        press(v, end, Qt::MiddleButton);
        QCOMPARE(v.cursor().shape(), Qt::ClosedHandCursor);
        release(v, end, Qt::MiddleButton);
        QCOMPARE(v.cursor().shape(), Qt::CrossCursor);
    }

    void leftDragFromAPointPansInsteadOfClicking()
    {
        ScatterView& v = shown();
        v.setSelected(0);
        QSignalSpy clicks(&v, &ScatterView::clicked);
        QSignalSpy selection(&v, &ScatterView::selectionChanged);
        const QPointF p2 = v.toWidget(pointOf(2));
        press(v, p2);
        // 3 px (Manhattan) is a wobble; 4 px is a drag, which pans by exactly the way the mouse went.
        moveTo(v, p2 + QPointF(1, 2));
        QVERIFY(v.fitOnUpdate());
        QCOMPARE(v.cursor().shape(), Qt::ArrowCursor);
        moveTo(v, p2 + QPointF(2, 2));
        QVERIFY(!v.fitOnUpdate());
        QCOMPARE(v.cursor().shape(), Qt::ClosedHandCursor);
        QVERIFY(near(v.toWidget(pointOf(2)), p2 + QPointF(2, 2), 1e-9));
        moveTo(v, p2 + QPointF(40, 25));
        release(v, p2 + QPointF(40, 25));
        QVERIFY(near(v.toWidget(pointOf(2)), p2 + QPointF(40, 25), 1e-9));
        QVERIFY(clicks.isEmpty());
        QVERIFY(selection.isEmpty());
        QCOMPARE(v.selected(), 0);
        QCOMPARE(v.cursor().shape(), Qt::ArrowCursor);
    }

    void probeToolTakesPressesInProbeMode()
    {
        ScatterView& v = shown();
        v.setMode(ScatterView::Mode::Probe);
        QCOMPARE(v.cursor().shape(), Qt::CrossCursor);
        QSignalSpy clicks(&v, &ScatterView::clicked);
        QSignalSpy moved(&v, &ScatterView::probeMoved);
        const QPointF p1 = v.toWidget(pointOf(1));
        moveTo(v, p1, Qt::NoButton);
        QCOMPARE(v.hoveredPoint(), 1);
        // On a point the probe goes there; the point is neither clicked nor selected, and the hover yields.
        press(v, p1);
        QCOMPARE(moved.count(), 1);
        QVERIFY(near(v.probe(), pointOf(1), 1e-9));
        QCOMPARE(v.hoveredPoint(), -1);
        release(v, p1);
        QVERIFY(clicks.isEmpty());
        QCOMPARE(v.selected(), -1);
        QCOMPARE(v.cursor().shape(), Qt::CrossCursor);

        // Now the marker is there: grabbed off centre, it does not jump, and it is not decoded until it moves.
        press(v, p1 + QPointF(-3, 5));
        QCOMPARE(moved.count(), 1);
        moveTo(v, p1 + QPointF(27, 45));
        QCOMPARE(moved.count(), 2);
        QVERIFY(near(v.toWidget(v.probe()), p1 + QPointF(30, 40), 1e-6));
        release(v, p1 + QPointF(27, 45));
        QVERIFY(v.fitOnUpdate());
    }

    void probeMarkerIsGrabbedOnlyWhereItIsShown()
    {
        ScatterView& v = shown();
        const QPointF empty = (v.toWidget(pointOf(0)) + v.toWidget(pointOf(4))) / 2;
        v.setProbe(v.toData(empty));
        QSignalSpy moved(&v, &ScatterView::probeMoved);
        QSignalSpy clicks(&v, &ScatterView::clicked);
        // Hidden, the marker is not there to grab: the press is a click on empty space.
        click(v, empty);
        QVERIFY(moved.isEmpty());
        QCOMPARE(clicks.count(), 1);
        QCOMPARE(clicks.last().at(0).toInt(), -1);

        v.setProbeVisible(true);
        // Just outside the grab radius (8 px) it is a drag of the background...
        press(v, empty + QPointF(9, 0));
        moveTo(v, empty + QPointF(29, 0));
        release(v, empty + QPointF(29, 0));
        QVERIFY(moved.isEmpty());
        QVERIFY(!v.fitOnUpdate());
        v.resetView();
        // ...and just inside it, a drag of the marker, which leaves the view alone.
        press(v, empty + QPointF(7.5, 0));
        moveTo(v, empty + QPointF(27.5, 0));
        release(v, empty + QPointF(27.5, 0));
        QCOMPARE(moved.count(), 1);
        QVERIFY(near(v.toWidget(v.probe()), empty + QPointF(20, 0), 1e-6));
        QVERIFY(v.fitOnUpdate());
        QCOMPARE(clicks.count(), 1);
    }

    void rectSelectToolSelectsTheRegionOnRelease()
    {
        ScatterView& v = shown();
        v.setSelected(2);
        QSignalSpy regions(&v, &ScatterView::regionSelected);
        QSignalSpy clicks(&v, &ScatterView::clicked);
        const QPointF p0 = v.toWidget(pointOf(0)), p4 = v.toWidget(pointOf(4));
        // Around points 0 and 4, from below left to above right; the middle of the band holds no point.
        const QPointF from = p0 + QPointF(-15, 15), to = p4 + QPointF(15, -15);
        const QPointF inside = (p0 + p4) / 2;
        const QRgb white = qRgb(255, 255, 255);
        QCOMPARE(pixelAt(v.grab().toImage(), inside), white);

        press(v, from, Qt::LeftButton, Qt::ShiftModifier);
        moveTo(v, (from + to) / 2, Qt::LeftButton, Qt::ShiftModifier);
        moveTo(v, to, Qt::LeftButton, Qt::ShiftModifier);
        QVERIFY(regions.isEmpty());
        // While it is drawn, the band tints what it covers.
        QVERIFY(pixelAt(v.grab().toImage(), inside) != white);
        QCOMPARE(pixelAt(v.grab().toImage(), p4 + QPointF(40, -40)), white);
        release(v, to, Qt::LeftButton, Qt::ShiftModifier);
        QCOMPARE(regions.count(), 1);
        QCOMPARE(regions.last().at(0).value<std::vector<int>>(), (std::vector<int> {0, 4}));
        QCOMPARE(pixelAt(v.grab().toImage(), inside), white);
        // A region is neither a pan nor a click.
        QVERIFY(v.fitOnUpdate());
        QVERIFY(clicks.isEmpty());
        QCOMPARE(v.selected(), 2);

        // Dragged the other way round, over hidden class 1, in probe mode: Shift still selects, the probe stays.
        v.setClassVisible(1, false);
        v.setMode(ScatterView::Mode::Probe);
        QSignalSpy moved(&v, &ScatterView::probeMoved);
        press(v, QPointF(v.rect().bottomRight()) - QPointF(1, 1), Qt::LeftButton, Qt::ShiftModifier);
        moveTo(v, QPointF(1, 1), Qt::LeftButton, Qt::ShiftModifier);
        release(v, QPointF(1, 1), Qt::LeftButton, Qt::ShiftModifier);
        QCOMPARE(regions.last().at(0).value<std::vector<int>>(), (std::vector<int> {0, 2, 3}));
        QVERIFY(moved.isEmpty());
        QVERIFY(!v.probeVisible());

        // A Shift + click is an empty region, which clears one.
        press(v, inside, Qt::LeftButton, Qt::ShiftModifier);
        moveTo(v, inside + QPointF(1, 1), Qt::LeftButton, Qt::ShiftModifier);
        release(v, inside + QPointF(1, 1), Qt::LeftButton, Qt::ShiftModifier);
        QCOMPARE(regions.count(), 3);
        QVERIFY(regions.last().at(0).value<std::vector<int>>().empty());
    }

    void aSecondButtonAbandonsTheRunningGesture()
    {
        ScatterView& v = shown();
        QSignalSpy regions(&v, &ScatterView::regionSelected);
        QSignalSpy clicks(&v, &ScatterView::clicked);
        const QPointF a(60, 60), b(200, 220), c(260, 180);
        const QPointF inside = (a + b) / 2;
        press(v, a, Qt::LeftButton, Qt::ShiftModifier);
        moveTo(v, b, Qt::LeftButton, Qt::ShiftModifier);
        QVERIFY(pixelAt(v.grab().toImage(), inside) != qRgb(255, 255, 255));
        // The middle button, pressed with the left still down, pans from there; the band is gone for good.
        const QPointF grabbed = v.toData(b);
        press(v, b, Qt::MiddleButton);
        QCOMPARE(pixelAt(v.grab().toImage(), inside), qRgb(255, 255, 255));
        moveTo(v, c, Qt::LeftButton | Qt::MiddleButton);
        QVERIFY(near(v.toData(c), grabbed, 1e-9));
        release(v, c, Qt::MiddleButton);
        QCOMPARE(v.cursor().shape(), Qt::ArrowCursor);
        // The left button's release ends nothing: no region, no click.
        release(v, c);
        QVERIFY(regions.isEmpty());
        QVERIFY(clicks.isEmpty());

        // Likewise a middle press during a left press on the background, and the cursor does not stay a hand.
        press(v, a);
        press(v, a, Qt::MiddleButton);
        QCOMPARE(v.cursor().shape(), Qt::ClosedHandCursor);
        press(v, a);
        QCOMPARE(v.cursor().shape(), Qt::ArrowCursor);
        release(v, a);
        QCOMPARE(clicks.count(), 1);
    }

    void pointsInWidgetRectangle()
    {
        ScatterView& v = shown();
        const QRectF around(v.toWidget(pointOf(0)), v.toWidget(pointOf(4)));
        QCOMPARE(v.pointsIn(around.adjusted(-1, 1, 1, -1)), (std::vector<int> {0, 4}));
        v.setClassVisible(1, false);
        QCOMPARE(v.pointsIn(around.adjusted(-1, 1, 1, -1)), std::vector<int> {0});
        QCOMPARE(v.pointsIn(QRectF(v.rect())), (std::vector<int> {0, 2, 3}));
    }

    void probeModeDragEmitsProbeMoved()
    {
        ScatterView& v = shown();
        v.setMode(ScatterView::Mode::Probe);
        QSignalSpy moved(&v, &ScatterView::probeMoved);
        const QPointF a(100, 120), b(180, 90), c(220, 300);
        press(v, a);
        QCOMPARE(moved.count(), 1);
        QVERIFY(near(moved.last().at(0).toPointF(), v.toData(a)));
        QVERIFY(v.probeVisible());
        moveTo(v, b);
        moveTo(v, c);
        QCOMPARE(moved.count(), 3);
        QVERIFY(near(moved.last().at(0).toPointF(), v.toData(c)));
        release(v, c);
        QVERIFY(near(v.probe(), v.toData(c)));
        QVERIFY2(v.fitOnUpdate(), "probing must not pan");
        // Set from code, the probe moves without a signal.
        v.setProbe(QPointF(1, 2));
        QCOMPARE(moved.count(), 3);
        QVERIFY(near(v.probe(), QPointF(1, 2)));
    }

    void probeMarkerDragsInNavigateMode()
    {
        ScatterView& v = shown();
        v.setProbe(QPointF(5, 2));
        v.setProbeVisible(true);
        QSignalSpy moved(&v, &ScatterView::probeMoved);
        const QPointF marker = v.toWidget(QPointF(5, 2));
        // Grabbed a little off centre, the marker keeps that offset instead of jumping to the cursor.
        press(v, marker + QPointF(4, 3));
        moveTo(v, marker + QPointF(44, -27));
        release(v, marker + QPointF(44, -27));
        QCOMPARE(moved.count(), 1);
        QVERIFY(near(v.toWidget(v.probe()), marker + QPointF(40, -30), 1e-6));
        QVERIFY(v.fitOnUpdate());
    }

    void legendClickHidesClass()
    {
        ScatterView& v = shown();
        v.setClassNames({QStringLiteral("zero"), QStringLiteral("one")});
        QCOMPARE(v.className(1), QStringLiteral("one"));
        QCOMPARE(v.className(2), QStringLiteral("Class 2"));
        const QRect entry = v.legendEntryRect(1);
        QVERIFY(!entry.isEmpty());
        QVERIFY(v.legendEntryRect(3).isEmpty());
        const QRgb one = overWhite(v.colorOf(1));
        QVERIFY(countColor(v.renderPoints(v.size()), one) > 0);
        const QImage entryShown = v.grab().toImage().copy(entry);

        QSignalSpy toggled(&v, &ScatterView::classToggled);
        click(v, entry.center());
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(toggled.last().at(0).toInt(), 1);
        QCOMPARE(toggled.last().at(1).toBool(), false);
        QVERIFY(!v.classVisible(1));
        QCOMPARE(v.nearestPoint(v.toWidget(pointOf(1))), -1);
        QCOMPARE(v.nearestPoint(v.toWidget(pointOf(4))), -1);
        const QImage hidden = v.renderPoints(v.size());
        QCOMPARE(countColor(hidden, one), 0);
        QCOMPARE(pixelAt(hidden, v.toWidget(pointOf(1))), qRgb(255, 255, 255));
        QVERIFY(sameColor(pixelAt(hidden, v.toWidget(pointOf(0))), overWhite(v.colorOf(0))));
        // The entry itself is drawn greyed: its pixels change, and come back when the class does.
        QVERIFY(v.grab().toImage().copy(entry) != entryShown);

        click(v, entry.center());
        QVERIFY(v.classVisible(1));
        QCOMPARE(v.grab().toImage().copy(entry), entryShown);
        QCOMPARE(toggled.last().at(1).toBool(), true);
        QCOMPARE(v.nearestPoint(v.toWidget(pointOf(1))), 1);
        // From code, no signal.
        v.setClassVisible(2, false);
        QCOMPARE(toggled.count(), 2);
    }

    void clickSelectsPoint()
    {
        ScatterView& v = shown();
        // The neighbourhood of point 4 as painted with nothing selected, for the selection ring below.
        const QPoint at4 = v.toWidget(pointOf(4)).toPoint();
        const QRect around4(at4 - QPoint(12, 12), QSize(25, 25));
        const QImage unselected = v.grab().toImage().copy(around4);
        QSignalSpy clicks(&v, &ScatterView::clicked);
        QSignalSpy selection(&v, &ScatterView::selectionChanged);
        click(v, v.toWidget(pointOf(2)) + QPointF(2, 2));
        QCOMPARE(clicks.count(), 1);
        QCOMPARE(clicks.last().at(0).toInt(), 2);
        QCOMPARE(v.selected(), 2);
        QCOMPARE(selection.count(), 1);
        QCOMPARE(selection.last().at(0).toInt(), 2);
        // A wobble under the slop is still a click.
        press(v, v.toWidget(pointOf(4)));
        moveTo(v, v.toWidget(pointOf(4)) + QPointF(1, 2));
        release(v, v.toWidget(pointOf(4)) + QPointF(1, 2));
        QCOMPARE(v.selected(), 4);
        QVERIFY(v.grab().toImage().copy(around4) != unselected); // the selection ring is painted
        click(v, (v.toWidget(pointOf(0)) + v.toWidget(pointOf(4))) / 2);
        QCOMPARE(clicks.last().at(0).toInt(), -1);
        QCOMPARE(v.selected(), -1);
        QCOMPARE(selection.count(), 3);
        v.setSelected(-1);
        QCOMPARE(selection.count(), 3);
    }

    void hoverFindsPointAndShowsCard()
    {
        ScatterView& v = shown();
        QVector<int> asked;
        QImage digit(28, 28, QImage::Format_Grayscale8);
        digit.fill(0);
        digit.setPixel(3, 4, 255);
        v.setHoverProvider(
            [&](int i) {
                asked.append(i);
                return QStringLiteral("sample %1").arg(i);
            },
            [&](int) { return digit; });
        QSignalSpy hovered(&v, &ScatterView::hovered);
        const QPointF at = v.toWidget(pointOf(4)) + QPointF(2, 1);
        const QImage before = v.grab().toImage();
        moveTo(v, at, Qt::NoButton);
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.last().at(0).toInt(), 4);
        QCOMPARE(v.hoveredPoint(), 4);
        QVERIFY(asked.contains(4));
        // The card (84 px thumbnail and caption) is drawn beside the cursor.
        const QImage after = v.grab().toImage();
        const QRect card = QRect(at.toPoint() + QPoint(20, 20), QSize(80, 80)).intersected(v.rect());
        QVERIFY(before.copy(card) != after.copy(card));
        moveTo(v, at + QPointF(1, 0), Qt::NoButton);
        QCOMPARE(hovered.count(), 1); // still the same point
        moveTo(v, (v.toWidget(pointOf(0)) + v.toWidget(pointOf(4))) / 2, Qt::NoButton);
        QCOMPARE(hovered.last().at(0).toInt(), -1);
    }

    void updatePositionsKeepsTheUsersView()
    {
        ScatterView& v = shown();
        std::vector<float> doubled(kXy);
        for (float& x : doubled)
            x *= 2;
        // Not zoomed: the view follows the points.
        v.updatePositions(doubled);
        QVERIFY(v.fitOnUpdate());
        QVERIFY(v.plotRect().contains(v.toWidget(QPointF(20, 20)).toPoint()));
        QCOMPARE(v.position(3), QPointF(20, 20));

        v.setSelected(2);
        v.setClassVisible(1, false);
        v.zoomBy(2.0, QPointF(200, 150));
        const QPointF anchor = v.toData(QPointF(10, 10));
        v.updatePositions(kXy);
        QVERIFY(!v.fitOnUpdate());
        QVERIFY(near(v.toData(QPointF(10, 10)), anchor, 1e-9));
        QCOMPARE(v.selected(), 2);
        QVERIFY(!v.classVisible(1));
        QCOMPARE(v.classOf(4), 1);
        v.resetView();
        QVERIFY(v.plotRect().contains(v.toWidget(pointOf(3)).toPoint()));
    }

    void renderPaintsClassColors()
    {
        ScatterView& v = shown();
        const QImage image = v.renderPoints(v.size());
        QCOMPARE(image.size(), v.size());
        for (int i = 0; i < v.pointCount(); ++i) {
            const QColor c = v.colorOf(i);
            QVERIFY(c.alpha() > 100 && c.alpha() < 255); // see-through, so density shows
            const QRgb got = pixelAt(image, v.toWidget(pointOf(i)));
            QVERIFY2(
                sameColor(got, overWhite(c)),
                qPrintable(
                    QStringLiteral("point %1: %2 for %3").arg(i).arg(QColor(got).name(), QColor(overWhite(c)).name())));
        }
        // Same class, same colour; another class, another.
        QCOMPARE(v.colorOf(0), v.colorOf(3));
        QVERIFY(v.colorOf(0) != v.colorOf(1));
        QCOMPARE(pixelAt(image, QPointF(2, 2)), qRgb(255, 255, 255));
        // Another size maps the same view onto more pixels, fitted to it.
        const QImage large = v.renderPoints(QSize(900, 700));
        QCOMPARE(large.size(), QSize(900, 700));
        QCOMPARE(countColor(large, overWhite(v.colorOf(2))), countColor(image, overWhite(v.colorOf(2))));
        // Many classes still get distinct colours.
        std::vector<int> many(20);
        for (int k = 0; k < 20; ++k)
            many[k] = k;
        v.setPoints(std::vector<float>(40, 0.0f), many);
        QSet<QRgb> colors;
        for (int k = 0; k < 20; ++k)
            colors.insert(v.colorOf(k).rgba());
        QCOMPARE(colors.size(), 20);
    }

    void valuesRecolorPoints()
    {
        ScatterView& v = shown();
        const QColor byClass = v.colorOf(2);
        v.setValues({0.0f, 1.0f, 4.0f, NAN, 2.0f});
        QVERIFY(v.coloredByValue());
        QVERIFY(v.colorOf(2) != byClass);
        // Lowest and highest values take the ends of the scale; NaN is neither.
        // (Within a unit: colours are kept premultiplied.)
        QVERIFY(sameColor(v.colorOf(0).rgb(), scatter::colormap(0.0).rgb(), 1));
        QVERIFY(sameColor(v.colorOf(2).rgb(), scatter::colormap(1.0).rgb(), 1));
        QVERIFY(v.colorOf(3).rgb() != v.colorOf(0).rgb() && v.colorOf(3).rgb() != v.colorOf(2).rgb());
        // Classes 0 and 0 differ by value now.
        QVERIFY(v.colorOf(0) != v.colorOf(3));
        const QImage image = v.renderPoints(v.size());
        QVERIFY(sameColor(pixelAt(image, v.toWidget(pointOf(2))), overWhite(v.colorOf(2))));
        // The colour bar: the top of the scale, opaque (no translucent point over white comes that close),
        // and gone with the values.
        const QRgb top = scatter::colormap(1.0).rgb();
        QImage point(1, 1, QImage::Format_RGB32);
        point.setPixel(0, 0, overWhite(v.colorOf(2))); // the highest value's point, as painted
        QVERIFY(closestTo(point, top) > 30);
        QVERIFY(closestTo(v.grab().toImage(), top) <= 20);
        v.setValues({});
        QCOMPARE(v.colorOf(2), byClass);
        QVERIFY(closestTo(v.grab().toImage(), top) > 30);
    }

    void outlinedPointsAreRingedOnTop()
    {
        ScatterView& v = shown();
        const QImage plain = v.renderPoints(v.size());
        v.setOutlined({3, 99, -1});
        QCOMPARE(v.outlined(), std::vector<int> {3});
        const QImage ringed = v.renderPoints(v.size());
        const QPointF c = v.toWidget(pointOf(3));
        // The ring darkens pixels a few pixels out from the point, where there were none before.
        int darker = 0;
        for (int dy = -6; dy <= 6; ++dy)
            for (int dx = -6; dx <= 6; ++dx)
                darker += qGray(ringed.pixel(int(c.x()) + dx, int(c.y()) + dy)) + 40
                    < qGray(plain.pixel(int(c.x()) + dx, int(c.y()) + dy));
        QVERIFY2(darker > 8, qPrintable(QString::number(darker)));
    }

    void renderSurvivesAnyViewAndSize()
    {
        // Points cut by every edge, at every point size, on images down to nothing: a stamp that wrote outside
        // the image would corrupt the heap (the sanitizer build catches it at once).
        std::mt19937 rng(3);
        std::vector<float> xy = randomPoints(5000, rng);
        xy[10] = INFINITY;
        xy[13] = -INFINITY;
        ScatterView v;
        v.resize(320, 240);
        v.setPoints(xy, std::vector<int>(xy.size() / 2, 1));
        v.setOutlined({0, 1, 2, 3, 4, 5, 6, 7});
        for (int size : {1, 3, 16}) {
            v.setPointSize(size);
            for (double zoom : {1e-3, 1.0, 7.0, 1e6}) {
                v.resetView();
                v.zoomBy(zoom, QPointF(5, 230));
                for (QSize image : {QSize(0, 0), QSize(1, 1), QSize(3, 700), QSize(333, 31)})
                    QCOMPARE(v.renderPoints(image).size(), image);
            }
        }
        QVERIFY(!v.fitOnUpdate());
    }

    void emptyViewShowsPlaceholder()
    {
        ScatterView v;
        v.resize(300, 200);
        QCOMPARE(v.pointCount(), 0);
        QCOMPARE(v.placeholderText(), QStringLiteral("No points yet"));
        QCOMPARE(v.nearestPoint(QPointF(150, 100), 1000.0), -1);
        QVERIFY(v.legendEntryRect(0).isEmpty());
        const QImage empty = v.grab().toImage();
        v.setPlaceholderText(QStringLiteral("Encode the dataset to see it"));
        const QImage other = v.grab().toImage();
        QVERIFY(empty != other);
        QCOMPARE(countColor(v.renderPoints(QSize(50, 40)), qRgb(255, 255, 255)), 50 * 40);
    }

    void indexMatchesBruteForce()
    {
        std::mt19937 rng(7);
        const std::vector<float> xy = randomPoints(3000, rng);
        const int n = int(xy.size() / 2);
        std::vector<std::uint8_t> mask(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            mask[i] = i % 5 != 0;
        ScatterIndex index;
        index.build(xy);
        QCOMPARE(index.pointCount(), n);
        std::uniform_real_distribution<double> where(-7.0, 7.0), size(0.0, 4.0);
        for (int trial = 0; trial < 300; ++trial) {
            const QRectF rect(QPointF(where(rng), where(rng) * 3), QPointF(where(rng), where(rng) * 3));
            const QRectF r = rect.normalized();
            const bool masked = trial % 2 == 1;
            std::vector<int> expected;
            for (int i = 0; i < n; ++i) {
                const float x = xy[2 * i], y = xy[2 * i + 1];
                if (x >= r.left() && x <= r.right() && y >= r.top() && y <= r.bottom() && (!masked || mask[i]))
                    expected.push_back(i);
            }
            QCOMPARE(index.pointsInRect(rect, masked ? mask : std::vector<std::uint8_t> {}), expected);

            const QPointF p(where(rng), where(rng) * 3);
            const double maxDx = size(rng) * 0.2, maxDy = size(rng) * 0.6;
            int best = -1;
            double bestDistance = HUGE_VAL;
            for (int i = 0; i < n; ++i) {
                const double dx = std::abs(xy[2 * i] - p.x()), dy = std::abs(xy[2 * i + 1] - p.y());
                if (dx > maxDx || dy > maxDy || (masked && !mask[i]))
                    continue;
                const double d = (dx / maxDx) * (dx / maxDx) + (dy / maxDy) * (dy / maxDy);
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = i;
                }
            }
            QCOMPARE(index.nearest(p, maxDx, maxDy, masked ? mask : std::vector<std::uint8_t> {}), best);
        }
        // Degenerate clouds: one point, points on a line, nothing finite.
        index.build({1.0f, 2.0f});
        QCOMPARE(index.nearest(QPointF(1.1, 2.0), 0.2, 0.2), 0);
        QCOMPARE(index.pointsInRect(QRectF(0, 0, 3, 3)), std::vector<int> {0});
        index.build({0, 1, 0, 2, 0, 3});
        QCOMPARE(index.nearest(QPointF(0.1, 2.2), 0.5, 0.5), 1);
        index.build({NAN, 1.0f});
        QCOMPARE(index.nearest(QPointF(0, 1), 10, 10), -1);
        QVERIFY(index.pointsInRect(QRectF(-10, -10, 20, 20)).empty());
    }
};

QTEST_MAIN(TestScatterView)
#include "test_scatter_view.moc"
