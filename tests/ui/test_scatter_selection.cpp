// Selections on the scatter, by the mouse events a user sends: a lasso takes the points inside its outline
// (not those of its bounding box), the rectangle and the lasso meet the region as the modifiers at the press
// say (none replaces, Shift adds, Alt subtracts, Shift + Alt intersects), the region is drawn in full colour
// over faded points, an isolation shows and finds only its points, and a lasso over 70,000 points finds what
// testing every point would, quickly.
#include "tests/ui/scatter_test_support.h"

#include "ui/explorer/scatter/scatter_raster.h"

#include <QElapsedTimer>
#include <QPolygonF>

using namespace latentlab::ui;
using namespace latentlab::ui::scatter_test;

namespace {

// The mouse along an outline, a few pixels a step, as a hand draws it.
void drawLasso(QWidget& w, const QPolygonF& outline, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    press(w, outline.first(), Qt::LeftButton, modifiers);
    for (qsizetype k = 1; k < outline.size(); ++k) {
        const QPointF a = outline[k - 1], b = outline[k];
        const int steps = std::max(1, int(QLineF(a, b).length() / 5));
        for (int s = 1; s <= steps; ++s)
            moveTo(w, a + (b - a) * (double(s) / steps), Qt::LeftButton, modifiers);
    }
    release(w, outline.last(), Qt::LeftButton, modifiers);
}

void drawBand(QWidget& w, QPointF from, QPointF to, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    press(w, from, Qt::LeftButton, modifiers);
    moveTo(w, (from + to) / 2, Qt::LeftButton, modifiers);
    moveTo(w, to, Qt::LeftButton, modifiers);
    release(w, to, Qt::LeftButton, modifiers);
}

// The widget box around some of the five points, 15 px wide of them.
QRectF boxAround(const ScatterView& v, std::initializer_list<int> points)
{
    QRectF box;
    for (int i : points) {
        const QPointF p = v.toWidget(pointOf(i));
        box = box.isNull() ? QRectF(p, QSizeF(0.001, 0.001)) : box.united(QRectF(p, QSizeF(0.001, 0.001)));
    }
    return box.adjusted(-15, -15, 15, 15);
}

// That box as a lasso outline, drawn round from its top left corner.
QPolygonF outlineOf(const QRectF& box)
{
    return QPolygonF({box.topLeft(), box.topRight(), box.bottomRight(), box.bottomLeft(), box.topLeft() + QPointF(0, 3)});
}

} // namespace

class TestScatterSelection : public ScatterSuite {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { view_.reset(); }

    void lassoTakesThePointsInsideItsOutline()
    {
        ScatterView& v = shown();
        v.setMode(ScatterView::Mode::Lasso);
        QCOMPARE(v.cursor().shape(), Qt::CrossCursor);
        QSignalSpy regions(&v, &ScatterView::regionSelected);
        QSignalSpy clicks(&v, &ScatterView::clicked);
        const QPointF p0 = v.toWidget(pointOf(0)), p4 = v.toWidget(pointOf(4));
        // A band along the diagonal from point 0 to point 4.
        drawLasso(v, QPolygonF({p0 + QPointF(-15, 0), p0 + QPointF(0, 15), p4 + QPointF(15, 0), p4 + QPointF(0, -15)}));
        QCOMPARE(regions.count(), 1);
        QCOMPARE(regions.last().at(0).value<std::vector<int>>(), (std::vector<int> {0, 4}));
        QCOMPARE(v.region(), (std::vector<int> {0, 4}));
        QVERIFY(clicks.isEmpty());
        QVERIFY2(v.fitOnUpdate(), "a lasso is not a pan");

        // An L along the bottom and up the right: its bounding box holds point 4 in the middle, the outline
        // does not.
        const QPointF p1 = v.toWidget(pointOf(1)), p3 = v.toWidget(pointOf(3));
        drawLasso(v, QPolygonF({p0 + QPointF(-15, 15), p1 + QPointF(15, 15), p3 + QPointF(15, -15), p3 + QPointF(-15, -15),
                                p1 + QPointF(-15, -15), p0 + QPointF(-15, -15)}));
        QCOMPARE(v.region(), (std::vector<int> {0, 1, 3}));

        // While it is drawn, the lasso tints what it covers; afterwards nothing of it stays on screen.
        const QPointF inside = (p0 + p1) / 2 + QPointF(0, -5);
        press(v, p0 + QPointF(-15, 15));
        moveTo(v, p1 + QPointF(15, 15));
        moveTo(v, p1 + QPointF(15, -15));
        moveTo(v, p0 + QPointF(-15, -15));
        QVERIFY(pixelAt(v.grab().toImage(), inside) != qRgb(255, 255, 255));
        release(v, p0 + QPointF(-15, -15));
        QCOMPARE(pixelAt(v.grab().toImage(), inside), qRgb(255, 255, 255));
        QCOMPARE(v.region(), (std::vector<int> {0, 1}));
    }

    void setOperationsFollowTheModifiersAtThePress_data()
    {
        QTest::addColumn<bool>("lasso");
        QTest::newRow("rectangle") << false;
        QTest::newRow("lasso") << true;
    }

    void setOperationsFollowTheModifiersAtThePress()
    {
        QFETCH(bool, lasso);
        ScatterView& v = shown();
        v.setMode(lasso ? ScatterView::Mode::Lasso : ScatterView::Mode::Rectangle);
        QSignalSpy regions(&v, &ScatterView::regionSelected);
        const auto select = [&](std::initializer_list<int> points, Qt::KeyboardModifiers modifiers) {
            const QRectF box = boxAround(v, points);
            if (lasso)
                drawLasso(v, outlineOf(box), modifiers);
            else
                drawBand(v, box.topLeft(), box.bottomRight(), modifiers);
            return regions.last().at(0).value<std::vector<int>>();
        };
        QCOMPARE(select({0, 4}, Qt::NoModifier), (std::vector<int> {0, 4}));                     // replaces
        QCOMPARE(select({1}, Qt::ShiftModifier), (std::vector<int> {0, 1, 4}));                  // adds
        QCOMPARE(select({0}, Qt::AltModifier), (std::vector<int> {1, 4}));                       // subtracts
        QCOMPARE(select({3, 4}, Qt::ShiftModifier | Qt::AltModifier), (std::vector<int> {4}));   // intersects
        QCOMPARE(select({2}, Qt::NoModifier), (std::vector<int> {2}));                           // replaces again
        QCOMPARE(regions.count(), 5);
        QCOMPARE(v.region(), (std::vector<int> {2}));

        // The modifiers at the press count, not those at the release.
        const QRectF box = boxAround(v, {3});
        const QPolygonF path = lasso ? outlineOf(box) : QPolygonF({box.topLeft(), box.center(), box.bottomRight()});
        press(v, path.first(), Qt::LeftButton, Qt::ShiftModifier);
        for (const QPointF& p : path.mid(1))
            moveTo(v, p, Qt::LeftButton, Qt::NoModifier);
        release(v, path.last(), Qt::LeftButton, Qt::NoModifier);
        QCOMPARE(v.region(), (std::vector<int> {2, 3}));
    }

    void navigateModeSelectsWithShiftOrAltAndPansWithout()
    {
        ScatterView& v = shown();
        QSignalSpy regions(&v, &ScatterView::regionSelected);
        const QRectF all = boxAround(v, {0, 1, 2, 3});
        drawBand(v, all.topLeft(), all.bottomRight(), Qt::ShiftModifier);
        QCOMPARE(v.region(), (std::vector<int> {0, 1, 2, 3, 4}));
        const QRectF corner = boxAround(v, {2});
        drawBand(v, corner.topLeft(), corner.bottomRight(), Qt::AltModifier);
        QCOMPARE(v.region(), (std::vector<int> {0, 1, 3, 4}));
        QVERIFY(v.fitOnUpdate());
        // Without a modifier the same drag pans and leaves the region alone.
        drawBand(v, corner.topLeft(), corner.bottomRight());
        QVERIFY(!v.fitOnUpdate());
        QCOMPARE(v.region(), (std::vector<int> {0, 1, 3, 4}));
        QCOMPARE(regions.count(), 2);
    }

    void aClickInASelectModeStillSelectsAPoint()
    {
        ScatterView& v = shown();
        v.setMode(ScatterView::Mode::Rectangle);
        v.setRegion({0, 1});
        QSignalSpy clicks(&v, &ScatterView::clicked);
        QSignalSpy regions(&v, &ScatterView::regionSelected);
        click(v, v.toWidget(pointOf(2)));
        QCOMPARE(v.selected(), 2);
        QCOMPARE(clicks.count(), 1);
        QCOMPARE(v.region(), (std::vector<int> {0, 1}));
        // On empty space the click clears the selection and the region.
        v.setMode(ScatterView::Mode::Lasso);
        click(v, (v.toWidget(pointOf(0)) + v.toWidget(pointOf(4))) / 2);
        QCOMPARE(v.selected(), -1);
        QVERIFY(v.region().empty());
        QCOMPARE(regions.count(), 1);
        QVERIFY(regions.last().at(0).value<std::vector<int>>().empty());
    }

    void regionIsDrawnInFullColourOverFadedPoints()
    {
        ScatterView& v = shown();
        QSignalSpy changed(&v, &ScatterView::regionChanged);
        QSignalSpy selected(&v, &ScatterView::regionSelected);
        const QPointF p0 = v.toWidget(pointOf(0)), p2 = v.toWidget(pointOf(2));
        const QRgb full0 = overWhite(v.colorOf(0)), full2 = overWhite(v.colorOf(2));
        QVERIFY(sameColor(pixelAt(v.grab().toImage(), p0), full0));

        // Set from code: out-of-range and repeated indices are dropped; regionChanged, not regionSelected.
        v.setRegion({2, 2, 99, -1});
        QCOMPARE(v.region(), (std::vector<int> {2}));
        QCOMPARE(changed.count(), 1);
        QVERIFY(selected.isEmpty());
        const QImage shot = v.grab().toImage();
        QVERIFY(sameColor(pixelAt(shot, p2), full2));
        const QRgb faded = pixelAt(shot, p0);
        QVERIFY(!sameColor(faded, full0, 20));
        QVERIFY2(qGray(faded) > qGray(full0) + 40, "points outside the region fade towards the background");
        QVERIFY(faded != qRgb(255, 255, 255)); // but still show where they are
        v.setRegion({2});
        QCOMPARE(changed.count(), 1);

        // New points clear the region.
        v.setPoints(kXy, kClasses);
        QVERIFY(v.region().empty());
        QCOMPARE(changed.count(), 2);
        QVERIFY(sameColor(pixelAt(v.grab().toImage(), p0), full0));
    }

    void isolationShowsAndFindsOnlyItsPoints()
    {
        ScatterView& v = shown();
        const QPointF p0 = v.toWidget(pointOf(0)), p1 = v.toWidget(pointOf(1));
        v.setIsolated({1, 3, 77});
        QVERIFY(v.isIsolating());
        QCOMPARE(v.nearestPoint(p0), -1);
        QCOMPARE(v.nearestPoint(p1), 1);
        QCOMPARE(v.pointsIn(QRectF(v.rect())), (std::vector<int> {1, 3}));
        QCOMPARE(pixelAt(v.grab().toImage(), p0), qRgb(255, 255, 255));
        QVERIFY(sameColor(pixelAt(v.grab().toImage(), p1), overWhite(v.colorOf(1))));
        // Hidden classes stay hidden inside an isolation.
        v.setClassVisible(1, false);
        QCOMPARE(v.pointsIn(QRectF(v.rect())), (std::vector<int> {3}));
        v.setClassVisible(1, true);
        // An empty isolation shows nothing (not everything).
        v.setIsolated({});
        QVERIFY(v.pointsIn(QRectF(v.rect())).empty());
        v.clearIsolated();
        QVERIFY(!v.isIsolating());
        QCOMPARE(v.pointsIn(QRectF(v.rect())), (std::vector<int> {0, 1, 2, 3, 4}));
        QCOMPARE(v.nearestPoint(p0), 0);
        v.setIsolated({0});
        v.setPoints(kXy, kClasses);
        QVERIFY(!v.isIsolating());
    }

    void lassoOverSeventyThousandPointsIsExactAndQuick()
    {
        std::mt19937 rng(8);
        ScatterView v;
        v.resize(1200, 800);
        v.setPoints(randomPoints(70000, rng), std::vector<int>(70000, 0));
        // A wobbly loop of 400 vertices around the middle, as a hand draws one.
        QPolygonF outline;
        const QPointF centre = QRectF(v.plotRect()).center();
        for (int k = 0; k < 400; ++k) {
            const double a = 2 * M_PI * k / 400, r = 250 + 60 * std::sin(7 * a);
            outline << centre + QPointF(r * std::cos(a), 0.8 * r * std::sin(a));
        }
        QElapsedTimer clock;
        clock.start();
        const std::vector<int> got = v.pointsIn(outline);
        const qint64 ms = clock.elapsed();
        std::vector<int> want;
        for (int i = 0; i < v.pointCount(); ++i)
            if (v.isVisible(i) && std::isfinite(v.position(i).x())
                && outline.containsPoint(v.toWidget(v.position(i)), Qt::OddEvenFill))
                want.push_back(i);
        QCOMPARE(got, want);
        QVERIFY(want.size() > 10000);
        qInfo("lasso of 400 vertices over 70,000 points: %lld ms, %zu inside", ms, got.size());
        QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));
    }
};

QTEST_MAIN(TestScatterSelection)
#include "test_scatter_selection.moc"
