// The explorer's image grids fit their panels: the sample grid shrinks its cells to the panel's width (or
// scrolls when even its smallest cells do not fit, never cutting the last column off).
#include "ui/explorer/image_grid_view.h"
#include "ui/explorer/sampling_panel.h"

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
        }
        // Wide enough, the cells are a whole multiple of the images' side.
        QTRY_COMPARE(grid->cellSize(), 56);
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
};

QTEST_MAIN(TestImageGrids)
#include "test_image_grids.moc"
