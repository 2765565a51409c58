// The loss chart's arithmetic, number by number: the expected values below are worked out by hand from the
// definitions in loss_series.h, so a change that moves a curve or an axis by a point shows up here rather than
// as a chart that merely looks a little off.
#include "ui/training/loss_series.h"

#include <QtTest>
#include <cmath>
#include <limits>

using namespace latentlab::ui;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

QList<QPointF> line(int count, double (*y)(double))
{
    QList<QPointF> points;
    for (int i = 0; i < count; ++i)
        points.append(QPointF(i, y(i)));
    return points;
}

double square(double x)
{
    return x * x;
}

// Point by point, so a failure names the point; QCOMPARE on doubles allows only rounding (1e-12 relative).
void comparePoints(const QList<QPointF>& actual, const QList<QPointF>& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].x(), expected[i].x());
        QCOMPARE(actual[i].y(), expected[i].y());
    }
}

void compareRange(const loss::AxisRange& actual, double min, double max, int ticks)
{
    QCOMPARE(actual.min, min);
    QCOMPARE(actual.max, max);
    QCOMPARE(actual.ticks, ticks);
}

} // namespace

class TestLossSeries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decimationAveragesBuckets()
    {
        // 11 points into 6: the 10 before the last make 5 buckets of 2, the last stays as it is.
        comparePoints(loss::decimated(line(11, square), 6),
            {{0.5, 0.5}, {2.5, 6.5}, {4.5, 20.5}, {6.5, 42.5}, {8.5, 72.5}, {10, 100}});
        // 8 points into 4: 7 do not split evenly into 3 buckets; the edges fall at 0, 2, 4 and 7.
        comparePoints(loss::decimated(line(8, square), 4), {{0.5, 0.5}, {2.5, 6.5}, {5, 77.0 / 3.0}, {7, 49}});
        // A flat curve stays flat.
        const QList<QPointF> flat = loss::decimated(line(100, [](double) { return 3.0; }), 10);
        QCOMPARE(flat.size(), 10);
        for (const QPointF& p : flat)
            QCOMPARE(p.y(), 3.0);
        QCOMPARE(flat.last().x(), 99.0);
    }

    void decimationOfALongRun()
    {
        // What the chart does to 10,001 steps: 2,000 points, the first the mean of steps 0..4, ending at the
        // newest step, in order.
        const QList<QPointF> points = loss::decimated(line(10001, [](double x) { return 2 * x; }), 2000);
        QCOMPARE(points.size(), 2000);
        QCOMPARE(points.first(), QPointF(2, 4));
        QCOMPARE(points.last(), QPointF(10000, 20000));
        for (int i = 1; i < points.size(); ++i)
            QVERIFY2(points[i].x() > points[i - 1].x(), qPrintable(QString::number(i)));
    }

    void decimationEdgeCases()
    {
        QVERIFY(loss::decimated({}, 4).isEmpty());
        comparePoints(loss::decimated({{7, 0.25}}, 4), {{7, 0.25}});
        // At the limit nothing is averaged.
        const QList<QPointF> four = line(4, square);
        comparePoints(loss::decimated(four, 4), four);
        // Below 2 there is no room for a bucket besides the last point.
        comparePoints(loss::decimated(four, 1), {{3, 9}});
        QVERIFY(loss::decimated(four, 0).isEmpty());
    }

    void oneTwoFiveRoundsBothWays()
    {
        QCOMPARE(loss::oneTwoFive(3.0, true), 5.0);
        QCOMPARE(loss::oneTwoFive(3.0, false), 2.0);
        QCOMPARE(loss::oneTwoFive(0.07, true), 0.1);
        QCOMPARE(loss::oneTwoFive(0.07, false), 0.05);
        QCOMPARE(loss::oneTwoFive(21.0, true), 50.0);
        QCOMPARE(loss::oneTwoFive(99.0, false), 50.0);
        QCOMPARE(loss::oneTwoFive(5.0001, true), 10.0);
        QCOMPARE(loss::oneTwoFive(1.9e-4, false), 1e-4);
        // A 1-2-5 number is its own rounding either way.
        for (double x : {1.0, 2.0, 5.0, 20.0, 0.5, 1e6}) {
            QCOMPARE(loss::oneTwoFive(x, true), x);
            QCOMPARE(loss::oneTwoFive(x, false), x);
        }
    }

    void stepNearestToSixTicks_data()
    {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<double>("step");
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<int>("ticks");
        QTest::newRow("0..10: five steps of 2") << 0.0 << 10.0 << 2.0 << 0.0 << 10.0 << 6;
        QTest::newRow("0..1") << 0.0 << 1.0 << 0.2 << 0.0 << 1.0 << 6;
        QTest::newRow("0..7: 1.4 is nearer 1") << 0.0 << 7.0 << 1.0 << 0.0 << 7.0 << 8;
        QTest::newRow("0..8: 1.6 is nearer 2") << 0.0 << 8.0 << 2.0 << 0.0 << 8.0 << 5;
        // 1.45 is nearer 1 by difference but nearer 2 by ratio (the split is at the square root of 2).
        QTest::newRow("0..7.25: nearest by ratio") << 0.0 << 7.25 << 2.0 << 0.0 << 8.0 << 5;
        QTest::newRow("3..37: rounded out") << 3.0 << 37.0 << 5.0 << 0.0 << 40.0 << 9;
        QTest::newRow("-3.2..1.1: across zero") << -3.2 << 1.1 << 1.0 << -4.0 << 2.0 << 7;
        QTest::newRow("0..25000: steps") << 0.0 << 25000.0 << 5000.0 << 0.0 << 25000.0 << 6;
        QTest::newRow("0.013..0.048: small") << 0.013 << 0.048 << 0.005 << 0.01 << 0.05 << 9;
    }

    void stepNearestToSixTicks()
    {
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(double, step);
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(int, ticks);
        QCOMPARE(loss::niceStep(lo, hi), step);
        compareRange(loss::niceLinearRange(lo, hi), min, max, ticks);
    }

    void linearRangeOfDegenerateInput()
    {
        // Empty: widened to 2..4 (a span of |lo|), whose rough step 0.4 is nearer 0.5 than 0.2.
        compareRange(loss::niceLinearRange(2.0, 2.0), 2.0, 4.0, 5);
        compareRange(loss::niceLinearRange(5.0, 1.0), 5.0, 10.0, 6);
        compareRange(loss::niceLinearRange(0.0, 0.0), 0.0, 1.0, 6);
        compareRange(loss::niceLinearRange(kNaN, 1.0), 0.0, 1.0, 6);
        compareRange(loss::niceLinearRange(0.0, kInf), 0.0, 1.0, 6);
        compareRange(loss::niceLinearRange(-kInf, 0.0), 0.0, 1.0, 6);
    }

    void linearLossRangePadsAndRounds()
    {
        // 1..3 padded to 0.9..3.1: rough step 0.44, nearer 0.5.
        compareRange(loss::linearLossRange(1.0, 3.0), 0.5, 3.5, 7);
        // Padding stops at zero when every value is positive...
        compareRange(loss::linearLossRange(0.02, 2.0), 0.0, 2.5, 6);
        // ...but not when a curve goes below it.
        compareRange(loss::linearLossRange(-0.1, 2.0), -0.5, 2.5, 7);
        // A flat curve gets half a unit each side (or 5% of a large value), not a span of nothing.
        compareRange(loss::linearLossRange(3.0, 3.0), 2.4, 3.6, 7);
        compareRange(loss::linearLossRange(0.0, 0.0), 0.0, 0.5, 6);
        compareRange(loss::linearLossRange(100.0, 100.0), 94.0, 106.0, 7);
        // What an empty chart shows: 0..1.
        compareRange(loss::linearLossRange(0.0, 1.0), 0.0, 1.2, 7);
    }

    void logRangeAndFloor()
    {
        const loss::LogRange range = loss::logLossRange(0.9, 2.0);
        QCOMPARE(range.min, 0.5);
        QCOMPARE(range.max, 5.0);
        const loss::LogRange flat = loss::logLossRange(0.1, 0.1);
        QCOMPARE(flat.min, 0.05);
        QCOMPARE(flat.max, 0.2);
        QCOMPARE(loss::logFloor(0.5), 0.05);
        QCOMPARE(loss::logFloor(kInf), 1e-6);
    }

    void smoothingOfAKnownSequence()
    {
        // Weight 0.5 on 1, 2, 3: the averages 0.5, 1.25, 2.125 debiased by 1 - 0.5^n.
        comparePoints(loss::smoothed({10, 20, 30}, {1.0, 2.0, 3.0}, 0.5),
            {{10, 1.0}, {20, 5.0 / 3.0}, {30, 17.0 / 7.0}});
        // Weight 0: the raw values.
        comparePoints(loss::smoothed({0, 1, 2}, {4.0, -1.0, 0.5}, 0.0), {{0, 4.0}, {1, -1.0}, {2, 0.5}});
        // The debiasing keeps a flat curve flat from its first point.
        for (const QPointF& p : loss::smoothed({0, 1, 2, 3, 4}, {2.0, 2.0, 2.0, 2.0, 2.0}, 0.9))
            QCOMPARE(p.y(), 2.0);
    }

    void smoothingEdgeCases()
    {
        QVERIFY(loss::smoothed({}, {}, 0.6).isEmpty());
        comparePoints(loss::smoothed({42}, {0.75}, 0.9), {{42, 0.75}});
        // Non-finite values are skipped, and the average goes on as if they had not been there.
        comparePoints(loss::smoothed({0, 1, 2, 3, 4}, {1.0, kNaN, 3.0, kInf, -kInf}, 0.5), {{0, 1.0}, {2, 7.0 / 3.0}});
        QVERIFY(loss::smoothed({0, 1}, {kNaN, kInf}, 0.6).isEmpty());
    }

    void finitePointsDropOnlyNonFinite()
    {
        comparePoints(loss::finitePoints({5, 6, 7, 8, 9}, {1.0, kNaN, kInf, -4.0, 0.0}),
            {{5, 1.0}, {8, -4.0}, {9, 0.0}});
        QVERIFY(loss::finitePoints({}, {}).isEmpty());
    }
};

QTEST_MAIN(TestLossSeries)
#include "test_loss_series.moc"
