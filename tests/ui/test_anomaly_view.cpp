// The anomaly view on data with planted outliers: an autoencoder trained on the regular patterns ranks the
// outliers first; the threshold, moved in code or dragged on the histogram, flags exactly the samples above
// it; the ROC separates the known anomalies; a gallery click reports the sample; the CSV reads back; and in
// the window the two views share scores and the selection.
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"
#include "core/training/trainer.h"
#include "tests/support/fixtures.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/anomaly/anomaly_controller.h"
#include "ui/anomaly/anomaly_gallery.h"
#include "ui/anomaly/anomaly_view.h"
#include "ui/anomaly/roc_chart.h"
#include "ui/anomaly/row_error_panel.h"
#include "ui/anomaly/score_histogram.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/shell/main_window.h"

#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QMouseEvent>
#include <QSplitter>
#include <QTableWidget>
#include <QtTest>

#include <random>
#include <set>

using namespace latentlab;
using namespace latentlab::ui;
using latentlab::testing::TempDir;

namespace {

const std::set<qint64> kOutliers{17, 50, 99, 123, 188};

// 200 8x8 images: three regular patterns (classes 0-2) with mild noise, and five of uniform noise (class 3).
DatasetPtr plantedOutliers()
{
    std::mt19937 rng(4);
    std::uniform_int_distribution<int> noise(-20, 20), any(0, 255);
    std::vector<std::uint8_t> pixels(200 * 64);
    std::vector<std::int32_t> labels(200);
    for (int i = 0; i < 200; ++i) {
        const int cls = kOutliers.count(i) ? 3 : i % 3;
        labels[static_cast<std::size_t>(i)] = cls;
        for (int r = 0; r < 8; ++r)
            for (int c = 0; c < 8; ++c) {
                const int base = cls == 0 ? (r % 2) * 220 : cls == 1 ? (c % 2) * 220 : ((r + c) % 2) * 220;
                const int v = cls == 3 ? any(rng) : std::clamp(base + 20 + noise(rng), 0, 255);
                pixels[static_cast<std::size_t>(i * 64 + r * 8 + c)] = static_cast<std::uint8_t>(v);
            }
    }
    Dataset d = Dataset::fromImages(std::move(pixels), 200, 1, 8, 8);
    d.setLabels(std::move(labels), {"rows", "columns", "checks", "noise"});
    return std::make_shared<const Dataset>(std::move(d));
}

// An autoencoder 32 hidden wide, trained with Adam 3e-3 in batches of 32 on one thread.
ModelPtr trainedAutoencoder(const Dataset& data, std::int64_t latent, std::int64_t epochs, std::uint64_t seed)
{
    ModelConfig c = ModelConfig::defaultsFor(data.sampleShape(), ModelKind::Autoencoder);
    c.hidden = {32};
    c.latentDim = latent;
    torch::manual_seed(seed);
    auto model = makeModel(c);
    TrainingConfig t;
    t.epochs = epochs;
    t.batchSize = 32;
    t.learningRate = 3e-3;
    t.threads = 1;
    Trainer(model, data, t).run();
    return snapshotModel(model);
}

bool waitScored(AnomalyView& view)
{
    QSignalSpy scored(view.controller(), &AnomalyController::scored);
    view.score();
    return scored.wait(30000);
}

} // namespace

class TestAnomalyView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        fixtures::isolateSettings();
        data_ = plantedOutliers();
        model_ = trainedAutoencoder(*data_, 4, 40, 2);
    }

    void plantedOutliersRankFirst()
    {
        AnomalyView view;
        view.setDataset(data_);
        view.setModel(model_);
        QVERIFY(waitScored(view));
        QCOMPARE(view.scores().scores.size(), std::size_t(200));
        const std::set<qint64> top(view.ranked().begin(), view.ranked().begin() + 5);
        QCOMPARE(top, kOutliers);
        // The default threshold (mean + 3 std of the training samples) flags them.
        const std::vector<int> flagged = view.flagged();
        for (qint64 i : kOutliers)
            QVERIFY(std::find(flagged.begin(), flagged.end(), int(i)) != flagged.end());
        QCOMPARE(view.histogram()->countAbove(), view.flaggedCount());
    }

    void theThresholdFlagsWhatIsAboveIt()
    {
        AnomalyView view;
        view.resize(1200, 700);
        view.show();
        view.setDataset(data_);
        view.setModel(model_);
        QVERIFY(waitScored(view));
        const auto& s = view.scores().scores;
        const double fifth = s[static_cast<std::size_t>(view.ranked()[4])];
        const double sixth = s[static_cast<std::size_t>(view.ranked()[5])];
        QSignalSpy flagged(&view, &AnomalyView::flaggedChanged);
        view.setThreshold((fifth + sixth) / 2);
        QCOMPARE(view.flaggedCount(), std::int64_t(5));
        QCOMPARE(view.histogram()->countAbove(), std::int64_t(5));
        QCOMPARE(flagged.last().at(0).value<std::vector<int>>().size(), std::size_t(5));

        // Dragging the line on the histogram moves the threshold the same way.
        ScoreHistogram* h = view.histogram();
        auto* chartView = h->findChild<QChartView*>();
        QVERIFY(chartView);
        QWidget* viewport = chartView->viewport();
        const QPoint from = viewport->mapFrom(h, h->thresholdPosition());
        const double median = s[static_cast<std::size_t>(view.ranked()[100])];
        const QPoint to = viewport->mapFrom(h, h->positionOf(median));
        QSignalSpy moved(h, &ScoreHistogram::thresholdChanged);
        QTest::mousePress(viewport, Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, to, viewport->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &move);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
        QVERIFY(!moved.isEmpty());
        const double t = view.threshold();
        QVERIFY(std::abs(t - median) < (s[static_cast<std::size_t>(view.ranked()[0])] - median) * 0.05);
        std::int64_t above = 0;
        for (double v : s)
            above += v > t ? 1 : 0;
        QCOMPARE(view.flaggedCount(), above);
        QCOMPARE(h->countAbove(), above);
    }

    void knownAnomaliesGiveARocCurve()
    {
        AnomalyView view;
        view.setDataset(data_);
        view.setModel(model_);
        view.setNormalClasses({0, 1, 2});
        QVERIFY(waitScored(view));
        QVERIFY(view.rocChart()->auroc() > 0.99);
        // The reference is the training split's samples of the normal classes.
        std::size_t normalTrain = 0;
        for (std::int64_t i : data_->split().train)
            normalTrain += data_->labels()[static_cast<std::size_t>(i)] != 3 ? 1 : 0;
        QVERIFY(normalTrain > 100);
        QCOMPARE(view.scores().reference.size(), normalTrain);
        QVERIFY(view.rocChart()->summary().contains(QStringLiteral("precision")));
    }

    // Without normal classes there is no ROC curve, only a sentence: the histogram takes the height (the tour at
    // 1280x800 found half the column empty); with them, the curve gets its half back.
    void theHistogramTakesTheRocsRoomUntilThereIsACurve()
    {
        AnomalyView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDataset(data_);
        view.setModel(model_);
        QVERIFY(waitScored(view));
        QList<int> sizes = view.chartsSplitter()->sizes();
        QVERIFY2(sizes[1] * 3 < sizes[0], qPrintable(QStringLiteral("%1 / %2").arg(sizes[0]).arg(sizes[1])));
        QVERIFY(sizes[1] >= view.rocChart()->fontMetrics().height() * 2); // the sentence still reads
        view.setNormalClasses({0, 1, 2});
        QVERIFY(waitScored(view));
        QVERIFY(view.rocChart()->auroc() > 0.0);
        sizes = view.chartsSplitter()->sizes();
        QVERIFY2(std::abs(sizes[0] - sizes[1]) <= 2, qPrintable(QStringLiteral("%1 / %2").arg(sizes[0]).arg(sizes[1])));
    }

    void aGalleryClickChoosesItsSample()
    {
        AnomalyView view;
        view.resize(1200, 700);
        view.show();
        view.setDataset(data_);
        view.setModel(model_);
        QSignalSpy pages(&view, &AnomalyView::pageShown);
        QVERIFY(waitScored(view));
        QVERIFY(pages.wait(10000) || !view.gallery()->items().isEmpty());
        QCOMPARE(view.gallery()->items().size(), 24);
        QCOMPARE(view.gallery()->items().front().index, view.ranked().front());
        QVERIFY(!view.gallery()->items().front().heatmap.isNull());
        QSignalSpy chosen(&view, &AnomalyView::sampleChosen);
        QTest::mouseClick(view.gallery(), Qt::LeftButton, {}, view.gallery()->itemRect(2).center());
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().at(0).toLongLong(), view.ranked()[2]);
        QCOMPARE(view.gallery()->selected(), view.ranked()[2]);

        // A sample on a later page: the gallery turns to it.
        pages.clear();
        view.selectSample(view.ranked()[60]);
        QCOMPARE(view.page(), 2);
        // Filtering by class keeps only that class, still most anomalous first.
        view.setClassFilter(3);
        QCOMPARE(view.ranked().size(), std::size_t(5));
    }

    void theCsvReadsBack()
    {
        AnomalyView view;
        view.setDataset(data_);
        view.setModel(model_);
        QVERIFY(waitScored(view));
        TempDir dir;
        const QString path = QString::fromStdString(dir.path() + "/flagged.csv");
        QCOMPARE(view.exportCsv(path), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 201);
        // The one scores format, as `latentlab-cli anomalies` writes it: no file names here, so that column is
        // empty; rows in the gallery's order.
        QCOMPARE(lines[0], QStringLiteral("index,file,label,score,flagged"));
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList row = lines[i].split(QLatin1Char(','));
            QCOMPARE(row.size(), 5);
            QCOMPARE(row[0].toLongLong(), view.ranked()[static_cast<std::size_t>(i - 1)]);
            QCOMPARE(row[1], QString());
        }
        const QStringList first = lines[1].split(QLatin1Char(','));
        QCOMPARE(first[2], QStringLiteral("noise"));
        // %.9g: the score reads back as the float it was.
        QCOMPARE(static_cast<float>(first[3].toDouble()),
                 static_cast<float>(view.scores().scores[static_cast<std::size_t>(view.ranked().front())]));
        int flagged = 0;
        for (int i = 1; i < lines.size(); ++i)
            flagged += lines[i].endsWith(QStringLiteral(",1")) ? 1 : 0;
        QCOMPARE(flagged, int(view.flaggedCount()));
        QVERIFY(!view.exportCsv(QStringLiteral("/nonexistent-dir/x.csv")).isEmpty());

        // Samples with file names (an image folder) export them too, quoted where CSV needs it.
        Dataset named = *data_;
        for (int i = 0; i < 200; ++i)
            named.sampleNames.push_back("pics/" + std::to_string(i) + (i == 17 ? ",odd.png" : ".png"));
        view.setDataset(std::make_shared<const Dataset>(std::move(named)));
        view.setModel(model_);
        QVERIFY(waitScored(view));
        QCOMPARE(view.exportCsv(path), QString());
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(again.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(rows[0], QStringLiteral("index,file,label,score,flagged"));
        for (const QString& r : rows.mid(1))
            if (r.startsWith(QStringLiteral("17,")))
                QVERIFY2(r.startsWith(QStringLiteral("17,\"pics/17,odd.png\",noise,")), qPrintable(r));
            else
                QVERIFY2(r.section(QLatin1Char(','), 1, 1) == QStringLiteral("pics/%1.png").arg(r.section(QLatin1Char(','), 0, 0)),
                         qPrintable(r));
    }

    void aTableRowShowsItsErrorPerColumn()
    {
        // 150 rows on a 1-D curve (every column a function of one t), row 40 with column 4 off the curve.
        std::mt19937 rng(9);
        std::uniform_real_distribution<float> u(0.f, 1.f);
        const int n = 150, d = 6;
        std::vector<float> values(n * d);
        for (int i = 0; i < n; ++i) {
            const float t = u(rng);
            const float cols[d] = {t, 1 - t, t * t, 0.5f + 0.4f * (t - 0.5f), i == 40 ? 1 - t : t, 0.2f + 0.6f * t};
            for (int f = 0; f < d; ++f)
                values[static_cast<std::size_t>(i * d + f)] = cols[f];
        }
        std::vector<ValueRange> ranges(d, ValueRange{0.0, 1.0});
        ranges[4] = {100.0, 300.0}; // column 4 in its own units
        auto table = std::make_shared<const Dataset>(
            Dataset::fromTable(values, n, d, ranges, {"a", "b", "c", "d", "e", "f"}));
        const ModelPtr model = trainedAutoencoder(*table, 1, 150, 3);

        AnomalyView view;
        view.setDataset(table);
        view.setModel(model);
        QVERIFY(waitScored(view));
        QCOMPARE(view.ranked().front(), qint64(40));
        QVERIFY(!view.rowPanel()->isHidden());
        QSignalSpy rows(view.controller(), &AnomalyController::rowReady);
        view.selectSample(40);
        QVERIFY(rows.wait(10000));
        const RowDetail row = view.rowPanel()->row();
        QCOMPARE(row.index, qint64(40));
        QCOMPARE(row.features.size(), d);
        QCOMPARE(row.features[4], QStringLiteral("e"));
        QCOMPARE(view.rowPanel()->worstFeature(), 4);
        // In the column's own units: 100 + 200 * stored value.
        QVERIFY(std::abs(row.values[4] - (100.0 + 200.0 * values[40 * d + 4])) < 1e-3);
        QCOMPARE(view.rowPanel()->table()->rowCount(), d);
    }

    void theWindowSharesScoresAndSelection()
    {
        MainWindow window;
        AnomalyView* anomalies = window.anomalyView();
        ExplorerView* explorer = window.explorerView();
        anomalies->setDataset(data_);
        explorer->setDataset(data_);
        QSignalSpy frames(explorer, &ExplorerView::frameShown);
        explorer->setModel(model_);
        anomalies->setModel(model_);
        QVERIFY(QTest::qWaitFor([&] { return explorer->scatter()->pointCount() == 200; }, 20000));
        QVERIFY(waitScored(*anomalies));
        QCOMPARE(explorer->colorBox()->currentIndex(), 1);
        QVERIFY(explorer->scatter()->coloredByValue());
        QCOMPARE(explorer->scatter()->outlined().size(), std::size_t(anomalies->flaggedCount()));
        Q_EMIT anomalies->sampleChosen(123);
        QCOMPARE(explorer->scatter()->selected(), 123);
        Q_EMIT explorer->sampleSelected(50);
        QCOMPARE(anomalies->gallery()->selected(), qint64(50));

        // Shift + drag on the scatter: the gallery keeps only the samples inside the rectangle.
        ScatterView* scatter = explorer->scatter();
        scatter->resize(600, 500);
        const QRect plot = scatter->plotRect();
        const QPoint a = plot.topLeft() + QPoint(plot.width() / 4, plot.height() / 4);
        const QPoint b = plot.center() + QPoint(plot.width() / 4, plot.height() / 4);
        const std::vector<int> inside = scatter->pointsIn(QRectF(a, b).normalized());
        QVERIFY(!inside.empty() && inside.size() < 200);
        QTest::mousePress(scatter, Qt::LeftButton, Qt::ShiftModifier, a);
        QMouseEvent move(QEvent::MouseMove, b, scatter->mapToGlobal(b), Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
        QApplication::sendEvent(scatter, &move);
        QTest::mouseRelease(scatter, Qt::LeftButton, Qt::ShiftModifier, b);
        QCOMPARE(anomalies->ranked().size(), inside.size());
        for (qint64 i : anomalies->ranked())
            QVERIFY(std::find(inside.begin(), inside.end(), int(i)) != inside.end());
        anomalies->setRegionFilter({});
        QCOMPARE(anomalies->ranked().size(), std::size_t(200));
    }

private:
    DatasetPtr data_;
    ModelPtr model_;
};

QTEST_MAIN(TestAnomalyView)
#include "test_anomaly_view.moc"
