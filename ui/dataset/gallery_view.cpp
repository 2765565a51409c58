#include "ui/dataset/gallery_view.h"

#include "ui/common/format.h"
#include "ui/dataset/sample_grid.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace latentlab::ui {

GalleryView::GalleryView(QWidget* parent)
    : QWidget(parent)
{
    classes_ = new QComboBox;
    classes_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(classes_, &QComboBox::currentIndexChanged, this, [this] {
        first_ = 0;
        rebuildFilter();
    });

    zoom_ = new QComboBox;
    zoom_->addItem(tr("Small"), 56);
    zoom_->addItem(tr("Medium"), 84);
    zoom_->addItem(tr("Large"), 140);
    zoom_->setCurrentIndex(1);
    connect(zoom_, &QComboBox::currentIndexChanged, this, [this] {
        grid_->setThumbnailBox(zoom_->currentData().toInt());
        relayout();
    });

    prev_ = new QToolButton;
    prev_->setIcon(style()->standardIcon(QStyle::SP_ArrowLeft));
    prev_->setToolTip(tr("Previous page (Page Up)"));
    prev_->setShortcut(QKeySequence(Qt::Key_PageUp));
    connect(prev_, &QToolButton::clicked, this, &GalleryView::previousPage);
    next_ = new QToolButton;
    next_->setIcon(style()->standardIcon(QStyle::SP_ArrowRight));
    next_->setToolTip(tr("Next page (Page Down)"));
    next_->setShortcut(QKeySequence(Qt::Key_PageDown));
    connect(next_, &QToolButton::clicked, this, &GalleryView::nextPage);
    pageLabel_ = new QLabel;
    rangeLabel_ = new QLabel;
    rangeLabel_->setEnabled(false);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Class:")));
    bar->addWidget(classes_);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Thumbnails:")));
    bar->addWidget(zoom_);
    bar->addStretch(1);
    bar->addWidget(rangeLabel_);
    bar->addSpacing(12);
    bar->addWidget(prev_);
    bar->addWidget(pageLabel_);
    bar->addWidget(next_);

    grid_ = new SampleGrid;
    grid_->setThumbnailBox(zoom_->currentData().toInt());
    scroll_ = new QScrollArea;
    scroll_->setWidget(grid_);
    scroll_->setWidgetResizable(true);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll_->viewport()->installEventFilter(this);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(scroll_, 1);
}

void GalleryView::setDataset(DatasetPtr dataset)
{
    dataset_ = dataset && dataset->isImage() ? std::move(dataset) : nullptr;
    first_ = 0;
    const QSignalBlocker blocker(classes_); // one rebuild below, not one per item added
    classes_->clear();
    if (dataset_) {
        classes_->addItem(tr("All classes (%1)").arg(formatCount(dataset_->size())), -1);
        const auto counts = dataset_->classCounts();
        for (int c = 0; c < dataset_->numClasses(); ++c)
            classes_->addItem(tr("%1: %2 (%3)")
                                  .arg(c)
                                  .arg(QString::fromStdString(dataset_->classNames()[static_cast<std::size_t>(c)]))
                                  .arg(formatCount(counts[static_cast<std::size_t>(c)])),
                              c);
    }
    classes_->setEnabled(dataset_ && dataset_->hasLabels());
    grid_->setSamples(dataset_, {}); // the page size depends on the thumbnail size, which depends on the images
    rebuildFilter();
}

void GalleryView::setClassFilter(int classIndex)
{
    const int item = classes_->findData(classIndex);
    classes_->setCurrentIndex(item >= 0 ? item : 0);
}

int GalleryView::classFilter() const
{
    return classes_->currentIndex() >= 0 ? classes_->currentData().toInt() : -1;
}

int GalleryView::page() const
{
    return static_cast<int>(first_ / pageSize_);
}

int GalleryView::pageCount() const
{
    return static_cast<int>((static_cast<std::int64_t>(filtered_.size()) + pageSize_ - 1) / pageSize_);
}

void GalleryView::nextPage()
{
    if (page() + 1 < pageCount()) {
        first_ = static_cast<std::int64_t>(page() + 1) * pageSize_;
        showPage();
    }
}

void GalleryView::previousPage()
{
    if (page() > 0) {
        first_ = static_cast<std::int64_t>(page() - 1) * pageSize_;
        showPage();
    }
}

void GalleryView::rebuildFilter()
{
    filtered_.clear();
    if (dataset_) {
        const int wanted = classFilter();
        const auto& labels = dataset_->labels();
        filtered_.reserve(static_cast<std::size_t>(dataset_->size()));
        for (std::int64_t i = 0; i < dataset_->size(); ++i)
            if (wanted < 0 || labels[static_cast<std::size_t>(i)] == wanted)
                filtered_.push_back(i);
    }
    relayout();
}

void GalleryView::relayout()
{
    // The page is what fits the viewport without scrolling; scrolling stays as a fallback for a view
    // smaller than one row.
    pageSize_ = std::max(1, grid_->capacity(scroll_->viewport()->size()));
    first_ = (first_ / pageSize_) * pageSize_;
    showPage();
}

void GalleryView::showPage()
{
    const auto total = static_cast<std::int64_t>(filtered_.size());
    const std::int64_t end = std::min(total, first_ + pageSize_);
    if (first_ < end)
        grid_->setSamples(dataset_, std::vector<std::int64_t>(filtered_.begin() + first_, filtered_.begin() + end));
    else
        grid_->clear();
    prev_->setEnabled(page() > 0);
    next_->setEnabled(page() + 1 < pageCount());
    pageLabel_->setText(tr("Page %1 of %2").arg(formatCount(total ? page() + 1 : 0), formatCount(pageCount())));
    rangeLabel_->setText(total ? tr("%1–%2 of %3").arg(formatCount(first_ + 1), formatCount(end), formatCount(total))
                               : tr("No samples"));
}

bool GalleryView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == scroll_->viewport() && event->type() == QEvent::Resize) {
        const int before = pageSize_;
        if (std::max(1, grid_->capacity(scroll_->viewport()->size())) != before)
            relayout();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace latentlab::ui
