// The scatter view does what a user sees it do: coordinates map both ways, the view fits the points, the
// legend hides classes from both the picture and the picking, hovering shows a card, and the pixels it renders
// carry the colours it claims. The gestures (each a tool, scatter_tool.h) are in test_scatter_tools.cpp.
#include "tests/ui/scatter_test_support.h"
#include "ui/explorer/scatter/scatter_index.h"

using namespace latentlab::ui;
using namespace latentlab::ui::scatter_test;

class TestScatterView : public ScatterSuite {
    Q_OBJECT

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

    void pointsInWidgetRectangle()
    {
        ScatterView& v = shown();
        const QRectF around(v.toWidget(pointOf(0)), v.toWidget(pointOf(4)));
        QCOMPARE(v.pointsIn(around.adjusted(-1, 1, 1, -1)), (std::vector<int> {0, 4}));
        v.setClassVisible(1, false);
        QCOMPARE(v.pointsIn(around.adjusted(-1, 1, 1, -1)), std::vector<int> {0});
        QCOMPARE(v.pointsIn(QRectF(v.rect())), (std::vector<int> {0, 2, 3}));
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
