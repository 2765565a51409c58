// The scatter's gestures, driven with the mouse events a user would send: the wheel zooms about the cursor, a
// drag pans, a click selects, the probe follows the mouse, Shift + drag selects a region; each is a tool the
// view hands the mouse to (scatter_tool.h), and these check where one gesture ends and another begins. The
// lasso, the select modes and the set operations are test_scatter_selection.cpp's.
#include "tests/ui/scatter_test_support.h"

using namespace latentlab::ui;
using namespace latentlab::ui::scatter_test;

class TestScatterTools : public ScatterSuite {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { view_.reset(); }

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

        QCOMPARE(v.region(), (std::vector<int> {0, 4}));

        // Dragged the other way round, over hidden class 1, in probe mode: Shift still selects, and adds what
        // is visible (point 4, hidden now, stays from before); the probe stays where it was.
        v.setClassVisible(1, false);
        v.setMode(ScatterView::Mode::Probe);
        QSignalSpy moved(&v, &ScatterView::probeMoved);
        press(v, QPointF(v.rect().bottomRight()) - QPointF(1, 1), Qt::LeftButton, Qt::ShiftModifier);
        moveTo(v, QPointF(1, 1), Qt::LeftButton, Qt::ShiftModifier);
        release(v, QPointF(1, 1), Qt::LeftButton, Qt::ShiftModifier);
        QCOMPARE(regions.last().at(0).value<std::vector<int>>(), (std::vector<int> {0, 2, 3, 4}));
        QVERIFY(moved.isEmpty());
        QVERIFY(!v.probeVisible());

        // A Shift + click adds nothing: no change, no signal. A plain click on empty space clears the region.
        press(v, inside, Qt::LeftButton, Qt::ShiftModifier);
        moveTo(v, inside + QPointF(1, 1), Qt::LeftButton, Qt::ShiftModifier);
        release(v, inside + QPointF(1, 1), Qt::LeftButton, Qt::ShiftModifier);
        QCOMPARE(regions.count(), 2);
        QCOMPARE(v.region().size(), std::size_t(4));
        v.setMode(ScatterView::Mode::Navigate);
        click(v, inside);
        QCOMPARE(regions.count(), 3);
        QVERIFY(regions.last().at(0).value<std::vector<int>>().empty());
        QVERIFY(v.region().empty());
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
};

QTEST_MAIN(TestScatterTools)
#include "test_scatter_tools.moc"
