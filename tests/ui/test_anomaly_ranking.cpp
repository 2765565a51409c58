// The anomaly gallery's ranking and paging without a widget: the order (NaN first, then highest score, ties by
// index), the class and region filters, and which samples each page holds.
#include "ui/anomaly/anomaly_ranking.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <numeric>
#include <set>

using latentlab::ui::AnomalyRanking;

namespace {

std::vector<qint64> pageOfRanking(const AnomalyRanking& r)
{
    const QVector<qint64> page = r.pageIndices();
    return std::vector<qint64>(page.begin(), page.end());
}

// n samples, scores i * 7 mod n (a permutation, so no ties), labels i % 3.
AnomalyRanking permuted(int n, int pageSize)
{
    AnomalyRanking r(pageSize);
    std::vector<std::int32_t> labels(static_cast<std::size_t>(n));
    std::vector<double> scores(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        labels[static_cast<std::size_t>(i)] = i % 3;
        scores[static_cast<std::size_t>(i)] = (i * 7) % n;
    }
    r.reset(std::move(labels));
    r.setScores(std::move(scores));
    return r;
}

} // namespace

class TestAnomalyRanking : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nanFirstThenHighestThenByIndex()
    {
        AnomalyRanking r;
        r.reset({0, 1, 0, 1, 0});
        const double nan = std::numeric_limits<double>::quiet_NaN();
        r.setScores({0.1, nan, 0.5, 0.5, 0.3});
        QCOMPARE(r.ranked(), (std::vector<qint64>{1, 2, 3, 4, 0}));
        QCOMPARE(r.pageCount(), 1);
        QCOMPARE(pageOfRanking(r), r.ranked());
        const QVector<double> scores = r.pageScores();
        QCOMPARE(scores.size(), 5);
        QVERIFY(std::isnan(scores[0]));
        QCOMPARE(scores[1], 0.5);
        QCOMPARE(scores[4], 0.1);
    }

    void pagesHoldEverySampleOnceInRankOrder()
    {
        AnomalyRanking r = permuted(50, 24);
        QCOMPARE(r.pageCount(), 3);
        std::vector<qint64> seen;
        for (int p = 0; p < r.pageCount(); ++p) {
            r.setPage(p);
            QCOMPARE(r.page(), p);
            const std::vector<qint64> page = pageOfRanking(r);
            QCOMPARE(page.size(), std::size_t(p < 2 ? 24 : 2));
            const QVector<double> scores = r.pageScores();
            for (std::size_t k = 0; k < page.size(); ++k) {
                QCOMPARE(scores[static_cast<int>(k)], double((page[k] * 7) % 50));
                QCOMPARE(r.pageOf(page[k]), p);
            }
            seen.insert(seen.end(), page.begin(), page.end());
        }
        QCOMPARE(seen, r.ranked());
        QCOMPARE(std::set<qint64>(seen.begin(), seen.end()).size(), std::size_t(50));
        // Highest first: the sample scored 49 leads, the one scored 0 (sample 0) ends.
        QCOMPARE((seen.front() * 7) % 50, qint64(49));
        QCOMPARE(seen.back(), qint64(0));

        r.setPage(10);
        QCOMPARE(r.page(), 2);
        r.setPage(-3);
        QCOMPARE(r.page(), 0);
    }

    void theClassFilterKeepsOneClassAndTurnsToTheFirstPage()
    {
        AnomalyRanking r = permuted(50, 4);
        r.setPage(3);
        r.setClassFilter(1);
        QCOMPARE(r.classFilter(), 1);
        QCOMPARE(r.page(), 0);
        QCOMPARE(r.ranked().size(), std::size_t(17)); // 1, 4, ..., 49
        for (std::size_t k = 0; k < r.ranked().size(); ++k) {
            QCOMPARE(r.ranked()[k] % 3, qint64(1));
            if (k > 0)
                QVERIFY((r.ranked()[k - 1] * 7) % 50 > (r.ranked()[k] * 7) % 50);
        }
        QCOMPARE(r.pageOf(0), -1); // class 0: filtered out
        r.setClassFilter(-1);
        QCOMPARE(r.ranked().size(), std::size_t(50));
        QVERIFY(r.pageOf(0) >= 0);

        // Without labels a class holds nothing, and there is still one (empty) page.
        AnomalyRanking unlabelled;
        unlabelled.reset({});
        unlabelled.setScores({0.3, 0.2, 0.1});
        QCOMPARE(unlabelled.ranked().size(), std::size_t(3));
        unlabelled.setClassFilter(0);
        QVERIFY(unlabelled.ranked().empty());
        QCOMPARE(unlabelled.pageCount(), 1);
        QVERIFY(unlabelled.pageIndices().isEmpty());
    }

    void theRegionFilterKeepsItsSamplesAndCombinesWithTheClass()
    {
        AnomalyRanking r = permuted(30, 24);
        r.setPage(1);
        r.setRegion({3, 4, 5, 6, 7, -1, 30, 99}, 30); // outside indices are ignored
        QVERIFY(r.hasRegion());
        QCOMPARE(r.page(), 0);
        QCOMPARE(std::set<qint64>(r.ranked().begin(), r.ranked().end()), (std::set<qint64>{3, 4, 5, 6, 7}));
        r.setClassFilter(0);
        QCOMPARE(std::set<qint64>(r.ranked().begin(), r.ranked().end()), (std::set<qint64>{3, 6}));
        r.setRegion({}, 30);
        QVERIFY(!r.hasRegion());
        QCOMPARE(r.ranked().size(), std::size_t(10)); // class 0 of all 30
        // No samples to hold a region: no region.
        r.setRegion({1, 2}, 0);
        QVERIFY(!r.hasRegion());
    }

    void resetForgetsScoresAndFilters()
    {
        AnomalyRanking r = permuted(30, 24);
        r.setClassFilter(2);
        r.setRegion({1, 2, 3}, 30);
        r.reset({0, 0});
        QVERIFY(!r.hasScores());
        QVERIFY(!r.hasRegion());
        QCOMPARE(r.classFilter(), -1);
        QVERIFY(r.ranked().empty());
        QCOMPARE(r.pageCount(), 1);
        QCOMPARE(r.page(), 0);
        QCOMPARE(r.pageOf(0), -1);
        r.setScores({0.5, 0.7});
        QCOMPARE(r.ranked(), (std::vector<qint64>{1, 0}));
    }
};

QTEST_GUILESS_MAIN(TestAnomalyRanking)
#include "test_anomaly_ranking.moc"
