// The explorer's image grids fit their panels: the sample grid shrinks its cells to the panel's width (or
// scrolls when even its smallest cells do not fit, never cutting the last column off), and the probe's
// nearest samples and the interpolation strip grow to fill the width, at least three times a 28-pixel image
// where there is room. The interpolation's two ends are never the same sample.
#include "ui/explorer/image_grid_view.h"
#include "ui/explorer/interpolation_panel.h"
#include "ui/explorer/probe_panel.h"
#include "ui/explorer/sampling_panel.h"
#include "ui/explorer/traversal_panel.h"

#include <QScrollArea>
#include <QScrollBar>
#include <QtTest>

using namespace latentlab::ui;

namespace {

QVector<QImage> images(int count, int side = 28)
{
    QVector<QImage> out;
    for (int i = 0; i < count; ++i) {
        QImage image(side, side, QImage::Format_Grayscale8);
        image.fill(static_cast<uint>(i * 3));
        out << image;
    }
    return out;
}

// Every cell lies inside `area`, in `grid`'s coordinates.
bool cellsInside(const ImageGridView& grid, const QRect& area)
{
    for (int i = 0; i < grid.count(); ++i)
        if (!area.contains(grid.cellRect(i)))
            return false;
    return true;
}

// The rightmost cell's right edge: how much of the grid's width the cells use.
int cellsRight(const ImageGridView& grid)
{
    int right = 0;
    for (int i = 0; i < grid.count(); ++i)
        right = std::max(right, grid.cellRect(i).right() + 1);
    return right;
}

} // namespace

class TestImageGrids : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theSampleGridFitsItsPanel()
    {
        SamplingPanel panel;
        ImageSet set;
        set.images = images(64);
        set.columns = 8;
        panel.showImages(set);
        ImageGridView* grid = panel.grid();
        auto* scroll = qobject_cast<QScrollArea*>(grid->parentWidget()->parentWidget());
        QVERIFY(scroll);
        panel.show();
        // From the narrowest the panel's controls allow: every column in the width the viewport shows.
        for (int width : {panel.minimumSizeHint().width(), 420, 700}) {
            panel.resize(width, 800);
            QTRY_COMPARE(panel.width(), width);
            QCoreApplication::processEvents();
            const QRect visible = scroll->viewport()->rect().translated(-grid->pos());
            QVERIFY2(cellsInside(*grid, QRect(visible.left(), 0, visible.width(), grid->height())),
                     qPrintable(QStringLiteral("cut off at %1 px").arg(width)));
            QVERIFY(!scroll->horizontalScrollBar()->isVisible());
            QVERIFY(grid->cellSize() >= 28);
            // The cells take most of the width: a whole multiple of the images' side only where that costs
            // little (at 420 px, 48-pixel cells rather than 28: the tour found the grid half its panel's width).
            if (width >= 420)
                QVERIFY2(cellsRight(*grid) >= visible.width() * 8 / 10, qPrintable(QStringLiteral("at %1 px").arg(width)));
        }
        QVERIFY2(grid->cellSize() >= 72, qPrintable(QString::number(grid->cellSize())));
        // Too short for eight rows: the grid is as tall as its rows, and the scroll area scrolls to the last.
        panel.resize(700, 380);
        QTRY_COMPARE(panel.height(), 380);
        QCoreApplication::processEvents();
        QVERIFY(scroll->verticalScrollBar()->isVisible());
        QVERIFY(cellsInside(*grid, grid->rect()));
    }

    void belowTheSmallestCellsTheGridScrolls()
    {
        QScrollArea scroll;
        auto* grid = new ImageGridView;
        grid->setCellSizeRange(28, 56);
        grid->setImages(images(64), 8);
        scroll.setWidget(grid);
        scroll.setWidgetResizable(true);
        scroll.resize(200, 600);
        scroll.show();
        QTRY_VERIFY(scroll.horizontalScrollBar()->isVisible());
        QCOMPARE(grid->cellSize(), 28);
        QVERIFY(cellsInside(*grid, grid->rect())); // the last column is there to scroll to, not cut off
    }

    void aLabelledStripKeepsItsCellsWidthAndNarrows()
    {
        // The attribute panel's strip: one row of nine steps with their amounts across the top.
        ImageGridView grid;
        grid.setCellSizeRange(20, 84);
        QStringList amounts;
        for (int i = 0; i < 9; ++i)
            amounts << QString::number(-2.0 + 0.5 * i);
        grid.setImages(images(9), 9, {}, amounts);
        grid.resize(500, grid.heightForWidth(500));
        // The cells take the width (the labels need it) rather than shrinking to the images' 28 px...
        QCOMPARE(grid.cellSize(), (500 + 4) / 9 - 4);
        // ...yet the grid asks only for its smallest cells, so the panel around it can still be narrowed.
        QCOMPARE(grid.minimumSizeHint().width(), 9 * 24 - 4);
    }

    void theNearestSamplesFillTheProbePanel()
    {
        ProbePanel panel;
        panel.resize(460, 900);
        panel.show();
        ProbeImage probe;
        probe.tag = 1;
        probe.image = images(1).front();
        probe.neighbourImages = images(8);
        probe.neighbours = {1, 2, 3, 4, 5, 6, 7, 8};
        panel.showProbe(probe);
        ImageGridView* grid = panel.neighboursView();
        QTRY_VERIFY(grid->width() > 400);
        QTRY_VERIFY(cellsInside(*grid, grid->rect())); // once the layout has given the rows their height
        QVERIFY2(grid->cellSize() >= 3 * 28, qPrintable(QString::number(grid->cellSize())));
        QVERIFY2(cellsRight(*grid) >= grid->width() * 8 / 10, qPrintable(QString::number(cellsRight(*grid))));
        // Two even rows of four, not five and three.
        QCOMPARE(grid->columns(), 4);
    }

    // Before the probe decodes anything its image cell is not an empty box: the note says what to do.
    void theProbesImageWaitsForTheProbe()
    {
        ProbePanel panel;
        panel.resize(460, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(!panel.decodedView()->isVisible());
        QVERIFY(panel.note().contains(QStringLiteral("Switch on Probe")));
        ProbeImage probe;
        probe.tag = 1;
        probe.image = images(1).front();
        panel.showProbe(probe);
        QVERIFY(panel.decodedView()->isVisible());
        QVERIFY(panel.note().startsWith(QStringLiteral("Decoded exactly")));
        panel.clear();
        QVERIFY(!panel.decodedView()->isVisible());
        QVERIFY(panel.note().contains(QStringLiteral("Switch on Probe")));
    }

    // Nine steps of three dimensions across the panel: larger than the images' own 28 pixels when there is room.
    void theTraversalFillsItsPanel()
    {
        TraversalPanel panel;
        panel.resize(700, 700);
        panel.show();
        ImageSet set;
        set.images = images(27);
        set.columns = 9;
        set.rowLabels = {QStringLiteral("dim 0"), QStringLiteral("dim 1"), QStringLiteral("dim 2")};
        panel.showImages(set);
        ImageGridView* grid = panel.grid();
        QTRY_VERIFY(grid->width() > 600);
        QTRY_VERIFY2(grid->cellSize() >= 2 * 28, qPrintable(QString::number(grid->cellSize())));
        QVERIFY(cellsRight(*grid) >= grid->width() * 7 / 10);
    }

    void theStripFillsTheInterpolationPanel()
    {
        InterpolationPanel panel;
        panel.setSampleCount(100);
        panel.resize(460, 900);
        panel.show();
        ImageSet strip;
        strip.images = images(10);
        strip.columns = 10;
        panel.showStrip(strip);
        ImageGridView* grid = panel.stripView();
        QTRY_VERIFY(grid->width() > 400);
        QTRY_VERIFY(cellsInside(*grid, grid->rect())); // once the layout has given the rows their height
        QVERIFY2(grid->cellSize() >= 3 * 28, qPrintable(QString::number(grid->cellSize())));
        QVERIFY(cellsRight(*grid) >= grid->width() * 8 / 10);
        // The image drawn fills its cell: a 28-pixel image is enlarged, not left at its own size.
        const QImage drawn = grid->toImage();
        const QRect cell = grid->cellRect(0);
        QCOMPARE(drawn.pixelColor(cell.topLeft() + QPoint(1, 1)), QColor(0, 0, 0));
        QCOMPARE(drawn.pixelColor(cell.bottomRight() - QPoint(1, 1)), QColor(0, 0, 0));
    }

    void theEndsStartOnTwoClasses()
    {
        InterpolationPanel panel;
        panel.setSampleCount(6);
        panel.setLabels({3, 3, 1, 3, 0, 1});
        QSignalSpy strips(&panel, &InterpolationPanel::stripRequested);
        panel.start();
        QCOMPARE(strips.count(), 1);
        QCOMPARE(panel.request().from, qint64(0));
        QCOMPARE(panel.request().to, qint64(2)); // the first sample of another class

        // From the selection, once the ends meet again.
        panel.setEnds(4, 4);
        QVERIFY(panel.request().from != panel.request().to);
        panel.setTo(panel.request().from);
        QCOMPARE(panel.request().to, qint64(4));
        QCOMPARE(panel.request().from, qint64(0)); // moved to the first sample of another class than 0's
        panel.setFrom(4);
        QCOMPARE(panel.request().from, qint64(4));
        QCOMPARE(panel.request().to, qint64(0));

        // Without labels the other end is the next sample.
        InterpolationPanel plain;
        plain.setSampleCount(3);
        plain.setSelected(2);
        plain.start();
        QCOMPARE(plain.request().from, qint64(2));
        QCOMPARE(plain.request().to, qint64(1));
    }
};

QTEST_MAIN(TestImageGrids)
#include "test_image_grids.moc"
