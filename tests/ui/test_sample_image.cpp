// Pixels reach the screen unchanged: CHW storage becomes the right QImage, and small images are enlarged by
// whole factors with nearest-neighbour so every source pixel is an exact square.
#include "ui/common/sample_image.h"
#include "ui/dataset/sample_grid.h"

#include <QtTest>

#include <vector>

using namespace latentlab;
using namespace latentlab::ui;

class TestSampleImage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void grayscaleKeepsBytes()
    {
        // Two 2x3 images; the second has distinct values so a wrong offset would show.
        std::vector<std::uint8_t> px{0, 1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 60};
        const Dataset ds = Dataset::fromImages(px, 2, 1, 2, 3);
        const QImage img = sampleImage(ds, 1);
        QCOMPARE(img.format(), QImage::Format_Grayscale8);
        QCOMPARE(img.size(), QSize(3, 2));
        QCOMPARE(qGray(img.pixel(0, 0)), 10);
        QCOMPARE(qGray(img.pixel(2, 0)), 30);
        QCOMPARE(qGray(img.pixel(1, 1)), 50);
    }

    void rgbInterleavesPlanes()
    {
        // One 1x2 RGB image stored as planes: R = {200, 1}, G = {100, 2}, B = {50, 3}.
        const Dataset ds = Dataset::fromImages({200, 1, 100, 2, 50, 3}, 1, 3, 1, 2);
        const QImage img = sampleImage(ds, 0);
        QCOMPARE(img.size(), QSize(2, 1));
        QCOMPARE(QColor(img.pixel(0, 0)), QColor(200, 100, 50));
        QCOMPARE(QColor(img.pixel(1, 0)), QColor(1, 2, 3));
    }

    void floatImagesScaleTo255()
    {
        const Dataset ds = Dataset::fromFloatImages({0.0f, 0.5f, 1.0f, 0.25f}, 1, 1, 2, 2, ValueRange{-1.0, 1.0});
        const QImage img = sampleImage(ds, 0);
        QCOMPARE(qGray(img.pixel(0, 0)), 0);
        QCOMPARE(qGray(img.pixel(1, 0)), 128);
        QCOMPARE(qGray(img.pixel(0, 1)), 255);
    }

    void tablesHaveNoImage()
    {
        const Dataset ds = Dataset::fromTable({0.1f, 0.2f}, 1, 2, {{0, 1}, {0, 1}}, {"a", "b"});
        QVERIFY(sampleImage(ds, 0).isNull());
    }

    void thumbnailsEnlargeByWholeFactors()
    {
        QCOMPARE(thumbnailSize(QSize(28, 28), 56), QSize(56, 56));
        QCOMPARE(thumbnailSize(QSize(28, 28), 84), QSize(84, 84));
        // The nearest whole factor: 2.5x would smear pixels, so 70 px becomes 3x and 62 px becomes 2x.
        QCOMPARE(thumbnailSize(QSize(28, 28), 70), QSize(84, 84));
        QCOMPARE(thumbnailSize(QSize(28, 28), 62), QSize(56, 56));
        QCOMPARE(thumbnailSize(QSize(32, 32), 56), QSize(64, 64));
        QCOMPARE(thumbnailSize(QSize(28, 28), 10), QSize(10, 10)); // larger than the box: shrunk
        QCOMPARE(thumbnailSize(QSize(32, 16), 64), QSize(64, 32));
        QCOMPARE(thumbnailSize(QSize(200, 100), 50), QSize(50, 25));
    }

    void gridThumbnailsAreCrisp()
    {
        std::vector<std::uint8_t> px(4 * 4);
        for (std::size_t i = 0; i < px.size(); ++i)
            px[i] = static_cast<std::uint8_t>(i * 16);
        auto ds = std::make_shared<const Dataset>(Dataset::fromImages(px, 1, 1, 4, 4));
        SampleGrid grid;
        grid.setThumbnailBox(32);
        grid.setSamples(ds, {0});
        QCOMPARE(grid.thumbnailCount(), 1);
        QCOMPARE(grid.caption(0), QStringLiteral("#0")); // no labels: the index
        const QImage thumb = grid.thumbnail(0);
        QCOMPARE(thumb.size(), QSize(32, 32));
        // Every 8x8 block is one source pixel, no blending at the edges.
        for (int y = 0; y < 32; ++y)
            for (int x = 0; x < 32; ++x)
                QCOMPARE(qGray(thumb.pixel(x, y)), int(px[static_cast<std::size_t>((y / 8) * 4 + x / 8)]));
    }

    void largeImagesAreShrunkToTheBox()
    {
        auto ds = std::make_shared<const Dataset>(Dataset::fromImages(std::vector<std::uint8_t>(100 * 50, 7), 1, 1, 50, 100));
        SampleGrid grid;
        grid.setThumbnailBox(40);
        grid.setSamples(ds, {0});
        QCOMPARE(grid.thumbnail(0).size(), QSize(40, 20));
        grid.setThumbnailBox(200); // now smaller than the box: enlarged by a whole factor
        QCOMPARE(grid.thumbnail(0).size(), QSize(200, 100));
        QCOMPARE(qGray(grid.thumbnail(0).pixel(10, 10)), 7);
    }

    void gridFlowsIntoColumns()
    {
        auto ds = std::make_shared<const Dataset>(Dataset::fromImages(std::vector<std::uint8_t>(10 * 4), 10, 1, 2, 2));
        SampleGrid grid;
        grid.setSamples(ds, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        const int cell = grid.cellSize().width();
        const int threeColumns = 12 + 3 * cell + 2 * 6;
        QCOMPARE(grid.columnsFor(threeColumns), 3);
        // 10 samples in 3 columns are 4 rows.
        QCOMPARE(grid.heightForWidth(threeColumns), 12 + 4 * grid.cellSize().height() + 3 * 6);
        QCOMPARE(grid.capacity(QSize(threeColumns, 12 + 2 * grid.cellSize().height() + 6)), 6);
    }
};

QTEST_MAIN(TestSampleImage)
#include "test_sample_image.moc"
