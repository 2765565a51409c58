// The explorer's projection bar on its own: a change the user makes is reported as chosen, and nothing the
// bar is told to show echoes back; the layout asked for is kept across models and shown wherever it fits;
// Stop and the follow-training controls say what they should.
#include "ui/explorer/projection_bar.h"

#include "tests/ui/ui_fixtures.h"

#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QPushButton>
#include <QStandardItemModel>

using namespace latentlab;
using namespace latentlab::ui;

namespace {

void pick(ProjectionBar& bar, ProjectionMethod method)
{
    QComboBox* box = bar.methodBox();
    box->setCurrentIndex(box->findData(static_cast<int>(method)));
}

bool offered(ProjectionBar& bar, ProjectionMethod method)
{
    const auto* items = qobject_cast<QStandardItemModel*>(bar.methodBox()->model());
    return items && items->item(bar.methodBox()->findData(static_cast<int>(method)))->isEnabled();
}

} // namespace

class TestProjectionBar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }

    void onlyTheUsersChangesAreChosen()
    {
        ProjectionBar bar;
        QSignalSpy chosen(&bar, &ProjectionBar::settingsChosen);
        QVector<ProjectionMethod> methods;
        connect(&bar, &ProjectionBar::methodChanged, &bar, [&](ProjectionMethod m) { methods << m; });
        QVERIFY(bar.settings().method == ProjectionMethod::Pca);

        pick(bar, ProjectionMethod::Dims);
        QCOMPARE(chosen.size(), 1);
        QVERIFY(chosen.last().at(0).value<ProjectionSettings>().method == ProjectionMethod::Dims);
        QVERIFY(methods == QVector<ProjectionMethod>{ProjectionMethod::Dims});

        ProjectionSettings tsne;
        tsne.method = ProjectionMethod::Tsne;
        tsne.perplexity = 12;
        bar.setSettings(tsne);
        QCOMPARE(chosen.size(), 1); // shown, not chosen again
        QVERIFY(bar.settings().method == ProjectionMethod::Tsne);
        QCOMPARE(bar.settings().perplexity, 12.0);
        QCOMPARE(methods.size(), 2); // the sampling panel still hears of it

        QVERIFY(bar.setLatentDim(8));
        QCOMPARE(chosen.size(), 1);
        QVERIFY(!bar.setLatentDim(8)); // the same latent size: nothing to do
    }

    void umapShowsItsTwoKnobsAndChoosesThem()
    {
        ProjectionBar bar;
        bar.show();
        QSignalSpy chosen(&bar, &ProjectionBar::settingsChosen);
        QVERIFY(!bar.neighboursBox()->isVisible() && !bar.minDistBox()->isVisible());
        pick(bar, ProjectionMethod::Umap);
        QVERIFY(bar.neighboursBox()->isVisible() && bar.minDistBox()->isVisible());
        QCOMPARE(chosen.size(), 1);
        const ProjectionSettings first = chosen.last().at(0).value<ProjectionSettings>();
        QVERIFY(first.method == ProjectionMethod::Umap);
        QCOMPARE(first.neighbours, 15);
        QCOMPARE(first.minDist, 0.1);

        bar.neighboursBox()->setValue(30);
        Q_EMIT bar.neighboursBox()->editingFinished();
        bar.minDistBox()->setValue(0.5);
        Q_EMIT bar.minDistBox()->editingFinished();
        QCOMPARE(chosen.size(), 3);
        QCOMPARE(chosen.last().at(0).value<ProjectionSettings>().neighbours, 30);
        QCOMPARE(chosen.last().at(0).value<ProjectionSettings>().minDist, 0.5);

        // A session's UMAP comes back with its knobs; t-SNE hides them again.
        ProjectionSettings s;
        s.method = ProjectionMethod::Umap;
        s.neighbours = 7;
        s.minDist = 0.25;
        bar.setSettings(s);
        QCOMPARE(bar.neighboursBox()->value(), 7);
        QCOMPARE(bar.minDistBox()->value(), 0.25);
        pick(bar, ProjectionMethod::Tsne);
        QVERIFY(!bar.neighboursBox()->isVisible() && !bar.minDistBox()->isVisible());
    }

    void theWantedLayoutReturnsWhereItFits()
    {
        ProjectionBar bar;
        QVERIFY(bar.setLatentDim(2));
        QVERIFY(bar.settings().method == ProjectionMethod::Latent); // nothing asked for: a 2-D latent shows itself
        QVERIFY(offered(bar, ProjectionMethod::Latent));

        QVERIFY(bar.setLatentDim(16));
        QVERIFY(bar.settings().method == ProjectionMethod::Pca);
        QVERIFY(!offered(bar, ProjectionMethod::Latent));

        ProjectionSettings dims;
        dims.method = ProjectionMethod::Dims;
        dims.dimX = 5;
        dims.dimY = 7;
        bar.setSettings(dims);
        QVERIFY(bar.setLatentDim(4)); // z7 does not exist: the default for four dimensions
        QVERIFY(bar.settings().method == ProjectionMethod::Pca);
        QVERIFY(bar.setLatentDim(8)); // it does again: the wanted layout is back, not the one shown last
        QVERIFY(bar.settings().method == ProjectionMethod::Dims);
        QCOMPARE(bar.settings().dimX, 5);
        QCOMPARE(bar.settings().dimY, 7);
    }

    void stopAndFollowSayWhatTheyShould()
    {
        ProjectionBar bar;
        QSignalSpy stop(&bar, &ProjectionBar::stopRequested);
        QPushButton* stopButton = bar.stopButton();
        QVERIFY(!stopButton->isEnabled());
        bar.setProjecting(true);
        QVERIFY(stopButton->isEnabled());
        stopButton->click();
        QCOMPARE(stop.size(), 1);
        bar.setProjecting(false);
        QVERIFY(!stopButton->isEnabled());

        QSignalSpy interval(&bar, &ProjectionBar::snapshotIntervalChanged);
        QCOMPARE(bar.snapshotInterval(), qint64(0));
        bar.setFollowTraining(true);
        QVERIFY(bar.followBox()->isChecked());
        QCOMPARE(interval.size(), 1);
        QCOMPARE(interval.last().at(0).toLongLong(), bar.followEvery());
        bar.setFollowTraining(false);
        QCOMPARE(interval.last().at(0).toLongLong(), qint64(0));
    }
};

QTEST_MAIN(TestProjectionBar)
#include "test_projection_bar.moc"
