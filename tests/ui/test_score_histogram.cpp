// The score histogram shows where the highest scores sit: a long tail goes into an overflow bar labelled
// "≥ x" at the axis's right end instead of past it, and the threshold line can be dragged into that bar and
// through it to the highest score, the count above following it.
#include "ui/anomaly/score_histogram.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QtTest>

#include <algorithm>
#include <random>

using namespace latentlab::ui;

namespace {

// 10,000 ordinary scores in [0, 0.1] and five far above them, the highest 0.2175.
std::vector<double> longTail()
{
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> u(0.0, 0.1);
    std::vector<double> scores(10000);
    for (double& s : scores)
        s = u(rng);
    for (double s : {0.15, 0.16, 0.18, 0.2, 0.2175})
        scores.push_back(s);
    return scores;
}

std::int64_t countAbove(const std::vector<double>& scores, double t)
{
    return std::count_if(scores.begin(), scores.end(), [t](double s) { return s > t; });
}

QChartView* chartView(ScoreHistogram& h)
{
    return h.findChild<QChartView*>();
}

// The plot area (inside the axes) in the histogram's coordinates.
QRect plotArea(ScoreHistogram& h)
{
    QChartView* view = chartView(h);
    const QRectF scene = view->chart()->plotArea();
    const QRect inView = view->mapFromScene(scene).boundingRect();
    return inView.translated(view->viewport()->mapTo(&h, QPoint(0, 0)));
}

void drag(ScoreHistogram& h, QPoint from, QPoint to)
{
    QWidget* viewport = chartView(h)->viewport();
    const QPoint a = viewport->mapFrom(&h, from), b = viewport->mapFrom(&h, to);
    QTest::mousePress(viewport, Qt::LeftButton, {}, a);
    QMouseEvent move(QEvent::MouseMove, b, viewport->mapToGlobal(b), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, b);
}

} // namespace

class TestScoreHistogram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theHighestScoresAreOnTheAxis()
    {
        ScoreHistogram h;
        h.resize(700, 400);
        h.show();
        const std::vector<double> scores = longTail();
        h.setScores(scores, 0.05);
        QTRY_VERIFY(plotArea(h).width() > 300);
        QCOMPARE(h.axisHigh(), 0.2175);
        const QRect plot = plotArea(h).adjusted(-1, -1, 1, 1);
        for (double s : {0.0, 0.1, 0.15, 0.2175})
            QVERIFY2(plot.contains(h.positionOf(s)), qPrintable(QStringLiteral("%1 is off the axis").arg(s)));
        // The tail is one bar at the right, labelled with where it starts, holding every score past that.
        QVERIFY(h.overflowStart() < 0.15);
        QCOMPARE(h.overflowCount(), countAbove(scores, h.overflowStart()));
        QVERIFY(h.overflowLabel().startsWith(QStringLiteral("≥")));
        auto* axis = qobject_cast<QCategoryAxis*>(chartView(h)->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axis);
        QVERIFY(axis->categoriesLabels().contains(h.overflowLabel()));
        // Higher scores lie further right, inside the bar too.
        QVERIFY(h.positionOf(0.16).x() < h.positionOf(0.2).x());
        QVERIFY(h.positionOf(0.2).x() < h.positionOf(0.2175).x());
    }

    void theThresholdDragsIntoTheOverflowBar()
    {
        ScoreHistogram h;
        h.resize(700, 400);
        h.show();
        const std::vector<double> scores = longTail();
        h.setScores(scores, 0.05);
        QTRY_VERIFY(plotArea(h).width() > 300);
        QSignalSpy moved(&h, &ScoreHistogram::thresholdChanged);
        drag(h, h.thresholdPosition(), h.positionOf(0.19));
        QVERIFY(!moved.isEmpty());
        QVERIFY2(std::abs(h.threshold() - 0.19) < 0.01, qPrintable(QString::number(h.threshold())));
        QCOMPARE(h.countAbove(), countAbove(scores, h.threshold()));
        QVERIFY(h.countAbove() >= 1 && h.countAbove() <= 2);
        // Past the axis's end: the highest score, nothing above it.
        drag(h, h.thresholdPosition(), h.positionOf(0.2175) + QPoint(60, 0));
        QCOMPARE(h.threshold(), 0.2175);
        QCOMPARE(h.countAbove(), std::int64_t(0));
    }

    void aShortTailNeedsNoOverflowBar()
    {
        ScoreHistogram h;
        h.resize(700, 400);
        h.show();
        std::vector<double> scores;
        for (int i = 0; i <= 1000; ++i)
            scores.push_back(i / 1000.0);
        h.setScores(scores, 0.5);
        QCOMPARE(h.overflowCount(), std::int64_t(0));
        QVERIFY(h.overflowLabel().isEmpty());
        QCOMPARE(h.axisHigh(), 1.0);
        QTRY_VERIFY(plotArea(h).width() > 300);
        QVERIFY(plotArea(h).adjusted(-1, -1, 1, 1).contains(h.positionOf(1.0)));
    }
};

QTEST_MAIN(TestScoreHistogram)
#include "test_score_histogram.moc"
