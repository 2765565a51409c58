// The explorer's attribute panel driven as a person would, offscreen: the slider decodes the selected
// sample's latent plus the amount times v = mean(B) - mean(A), the strip runs across -2..2 and exports as a
// PNG, the histogram and AUROC of the two sets' positions along v show, and A and B can be named sets.
#include "core/analysis/latent_directions.h"
#include "tests/ui/directions_test_support.h"
#include "ui/explorer/attribute_panel.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/image_grid_view.h"
#include "ui/explorer/sample_sets.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/explorer/separation_histogram.h"
#include "ui/explorer/set_choice_box.h"

#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>

#include <numeric>

using namespace latentlab;
using namespace latentlab::ui;
using namespace latentlab::ui::directions_test;

namespace {

// The newest answer with this tag among those the spy caught, waiting for it if need be.
template <typename T>
bool waitForTag(QSignalSpy& spy, RequestTag tag, T* out)
{
    const bool got = QTest::qWaitFor([&] {
        for (const auto& args : spy)
            if (args.at(0).value<T>().tag == tag)
                return true;
        return false;
    }, 10000);
    for (const auto& args : spy)
        if (args.at(0).value<T>().tag == tag)
            *out = args.at(0).value<T>();
    return got;
}

} // namespace

class TestAttributePanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }

    void theSliderDecodesTheLatentPlusTheAmountTimesV()
    {
        Explorer e;
        const ModelPtr model = e.explore(3);
        QVERIFY(model);
        AttributePanel* panel = e.view.attributePanel();
        QSignalSpy reports(e.view.controller(), &ExplorerController::attributeReady);
        QSignalSpy frames(e.view.controller(), &ExplorerController::attributeDecoded);
        e.view.selectSample(9);
        e.view.panels()->setCurrentWidget(panel);
        // A and B start at the first two classes.
        QVERIFY(panel->request().from.sameChoice(SetChoice::ofClass(0)));
        QVERIFY(panel->request().to.sameChoice(SetChoice::ofClass(1)));
        AttributeReport report;
        QVERIFY(waitForTag(reports, e.view.controller()->latestTag(DecodeJob::AttributeStrip), &report));

        const torch::Tensor z = latentsOf(model, *e.data);
        const LatentSet a{"class 0", samplesOfClass(*e.data, 0)}, b{"class 1", samplesOfClass(*e.data, 1)};
        const Separation expected = separation(z, a, b);
        const torch::Tensor v = expected.vector.vector;

        panel->setAmount(1.5);
        AttributeFrame frame;
        QVERIFY(waitForTag(frames, e.view.controller()->latestTag(DecodeJob::Attribute), &frame));
        QCOMPARE(frame.amount, 1.5);
        QCOMPARE(frame.index, qint64(9));
        QVERIFY(maxPixelDifference(frame.image, decodeDirect(model, z[9] + 1.5 * v)) <= 1);
        QVERIFY(maxPixelDifference(panel->frameView()->image(0), frame.image) == 0);
        // The moved latent is placed on the scatter: under this PCA layout exactly where PCA puts it.
        QVERIFY(!frame.position.isNull());

        // The strip: 9 steps over -2..2, its middle the sample's own reconstruction of its latent.
        QCOMPARE(panel->stripView()->count(), 9);
        QCOMPARE(report.amounts.size(), 9);
        QCOMPARE(report.amounts.front(), -2.0);
        QCOMPARE(report.amounts.back(), 2.0);
        QVERIFY(maxPixelDifference(panel->stripView()->image(4), decodeDirect(model, z[9])) <= 1);
        QVERIFY(maxPixelDifference(panel->stripView()->image(8), decodeDirect(model, z[9] + 2 * v)) <= 1);
        QCOMPARE(e.view.scatter()->path().size(), 9); // drawn on the scatter while the tab shows

        // The separation: both sets' positions, and the AUROC core computes for them.
        QCOMPARE(report.fromPositions.size(), static_cast<int>(a.rows.size()));
        QCOMPARE(report.toPositions.size(), static_cast<int>(b.rows.size()));
        QVERIFY(std::abs(report.auroc - expected.auroc) < 1e-9);
        QVERIFY(std::abs(report.fromPositions[0] - expected.fromPositions[0]) < 1e-4);
        SeparationHistogram* histogram = panel->histogram();
        QVERIFY(!histogram->isEmpty());
        QCOMPARE(histogram->fromShares().size(), SeparationHistogram::bins);
        const auto sum = [](const QVector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); };
        QVERIFY(std::abs(sum(histogram->fromShares()) - 1.0) < 1e-9);
        QVERIFY(std::abs(sum(histogram->toShares()) - 1.0) < 1e-9);
        QVERIFY(histogram->lo() <= 0.0 && histogram->hi() >= 1.0);
        QVERIFY2(panel->aurocLabel()->text().contains(QString::number(expected.auroc, 'f', 3)),
                 qPrintable(panel->aurocLabel()->text()));

        // Fewer steps: a new strip.
        reports.clear();
        panel->stepsBox()->setValue(5);
        QVERIFY(waitForTag(reports, e.view.controller()->latestTag(DecodeJob::AttributeStrip), &report));
        QCOMPARE(panel->stripView()->count(), 5);
    }

    void theStripExportsAsPng()
    {
        Explorer e;
        QVERIFY(e.explore(2));
        AttributePanel* panel = e.view.attributePanel();
        QVERIFY(!panel->exportStrip(QString::fromStdString(e.dir.file("none.png")))); // nothing to export yet
        QVERIFY(!QFile::exists(QString::fromStdString(e.dir.file("none.png"))));
        QVERIFY(!panel->exportButton()->isEnabled());
        QSignalSpy reports(e.view.controller(), &ExplorerController::attributeReady);
        e.view.panels()->setCurrentWidget(panel);
        e.view.selectSample(3);
        AttributeReport report;
        QVERIFY(waitForTag(reports, e.view.controller()->latestTag(DecodeJob::AttributeStrip), &report));
        QVERIFY(panel->exportButton()->isEnabled());
        const QString path = QString::fromStdString(e.dir.file("strip.png"));
        QVERIFY(panel->exportStrip(path));
        QImage written(path);
        QVERIFY(!written.isNull());
        QCOMPARE(written.size(), panel->stripView()->toImage().size());
        QVERIFY(written.width() > 9 * 8);
    }

    void namedSetsAreOfferedAndUsed()
    {
        Explorer e;
        const ModelPtr model = e.explore(3);
        QVERIFY(model);
        AttributePanel* panel = e.view.attributePanel();
        SampleSets* sets = e.view.sampleSets();
        QCOMPARE(panel->fromBox()->findText(QStringLiteral("Set: picked")), -1);
        sets->put(QStringLiteral("picked"), {2, 6, 10, 14});
        const int picked = panel->toBox()->findText(QStringLiteral("Set: picked"));
        QVERIFY(picked >= 0);
        QVERIFY(panel->fromBox()->findText(QStringLiteral("Set: picked")) >= 0);
        for (const auto& name : e.data->classNames())
            QVERIFY(panel->fromBox()->findText(QString::fromStdString(name)) >= 0);

        QSignalSpy reports(e.view.controller(), &ExplorerController::attributeReady);
        e.view.panels()->setCurrentWidget(panel);
        panel->toBox()->setCurrentIndex(picked);
        Q_EMIT panel->toBox()->activated(picked);
        AttributeReport report;
        QVERIFY(waitForTag(reports, e.view.controller()->latestTag(DecodeJob::AttributeStrip), &report));
        QCOMPARE(report.toPositions.size(), 4); // the set's own samples
        QCOMPARE(report.index, qint64(-1));     // no sample selected: the separation alone
        QCOMPARE(panel->stripView()->count(), 0);
        const torch::Tensor z = latentsOf(model, *e.data);
        const Separation expected = separation(z, {"class 0", samplesOfClass(*e.data, 0)}, {"picked", {2, 6, 10, 14}});
        QVERIFY(std::abs(report.auroc - expected.auroc) < 1e-9);
        // The set grows: the panel asks again.
        reports.clear();
        sets->put(QStringLiteral("picked"), {2, 6, 10, 14, 18});
        QVERIFY(waitForTag(reports, e.view.controller()->latestTag(DecodeJob::AttributeStrip), &report));
        QCOMPARE(report.toPositions.size(), 5);
    }

    void aFailedSeparationSaysWhy()
    {
        Explorer e;
        QVERIFY(e.explore(3));
        AttributePanel* panel = e.view.attributePanel();
        e.view.sampleSets()->put(QStringLiteral("zero"), {0});
        QSignalSpy failed(e.view.controller(), &ExplorerController::decodeFailed);
        e.view.panels()->setCurrentWidget(panel);
        const int zero = panel->toBox()->findText(QStringLiteral("Set: zero"));
        // B is sample 0 alone and A is sample 0's class: fine; A = B = the set is no direction at all.
        panel->fromBox()->setCurrentIndex(zero);
        panel->toBox()->setCurrentIndex(zero);
        Q_EMIT panel->toBox()->activated(zero);
        QVERIFY(QTest::qWaitFor([&] {
            for (const auto& f : failed)
                if (f.at(0).value<DecodeJob>() == DecodeJob::AttributeStrip)
                    return true;
            return false;
        }, 10000));
        const QString message = failed.last().at(2).toString();
        QVERIFY2(message.contains(QStringLiteral("same mean")), qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
    }
};

QTEST_MAIN(TestAttributePanel)
#include "test_attribute_panel.moc"
