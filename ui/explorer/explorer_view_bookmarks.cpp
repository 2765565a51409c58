// ExplorerView's bookmarks: taking a named view off the screen and putting it back (bookmark.h).
#include "ui/explorer/bookmark_button.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/projection_bar.h"
#include "ui/explorer/scatter/scatter_view.h"

#include <QComboBox>
#include <QLabel>
#include <QToolButton>

#include <algorithm>
#include <iterator>

namespace latentlab::ui {

ExplorerBookmark ExplorerView::captureBookmark(const QString& name) const
{
    ExplorerBookmark b;
    b.name = name;
    b.projection = controller_->projection();
    b.view = scatter_->visibleDataRect();
    b.colouring = color_->currentIndex();
    for (int cls = 0; cls < scatter_->classCount(); ++cls)
        if (!scatter_->classVisible(cls))
            b.hiddenClasses.push_back(cls);
    b.selected = selected_;
    b.region = scatter_->region();
    if (scatter_->probeVisible())
        b.probe = scatter_->probe();
    return b;
}

void ExplorerView::applyBookmark(const ExplorerBookmark& bookmark)
{
    const ProjectionSettings& now = controller_->projection();
    const ProjectionSettings& want = bookmark.projection;
    const bool sameLayout = now.method == want.method && now.dimX == want.dimX && now.dimY == want.dimY &&
                            now.perplexity == want.perplexity && now.iterations == want.iterations &&
                            now.neighbours == want.neighbours && now.minDist == want.minDist &&
                            (want.method != ProjectionMethod::Imported || now.layoutFile == want.layoutFile) &&
                            (want.method != ProjectionMethod::Axes || now.axes.sameChoice(want.axes));
    if (sameLayout && !controller_->isProjecting() && scatter_->pointCount() > 0) {
        restoreBookmarkView(bookmark);
        return;
    }
    pendingBookmark_ = bookmark;
    setProjection(want);
}

void ExplorerView::restoreBookmarkView(const ExplorerBookmark& b)
{
    const int n = scatter_->pointCount();
    color_->setCurrentIndex(std::clamp(b.colouring, 0, color_->count() - 1));
    for (int cls = 0; cls < scatter_->classCount(); ++cls)
        scatter_->setClassVisible(cls, std::find(b.hiddenClasses.begin(), b.hiddenClasses.end(), cls) ==
                                           b.hiddenClasses.end());
    if (b.view)
        scatter_->showDataRect(*b.view);
    else
        scatter_->resetView();
    if (b.selected >= 0 && b.selected < n) {
        selectSample(b.selected);
    } else {
        selected_ = -1;
        scatter_->setSelected(-1);
    }
    // A session's bookmark may name samples another dataset of the same path no longer has.
    std::vector<int> region;
    std::copy_if(b.region.begin(), b.region.end(), std::back_inserter(region), [n](int i) { return i < n; });
    if (scatter_->region() != region) {
        scatter_->setRegion(region);
        Q_EMIT regionSelected(scatter_->region()); // the anomaly gallery's filter follows, as for a gesture
    }
    bar_->probeButton()->setChecked(b.probe.has_value());
    if (b.probe) {
        scatter_->setProbe(*b.probe);
        probePlaced_ = true;
        controller_->probe(*b.probe);
    }
    setStatus(tr("Bookmark \u201c%1\u201d").arg(b.name) + QStringLiteral(" \u00b7 ") + status_->text());
    Q_EMIT bookmarkApplied(b.name);
}

void ExplorerView::addBookmark(const ExplorerBookmark& bookmark)
{
    const auto same = std::find_if(bookmarks_.begin(), bookmarks_.end(),
                                   [&](const ExplorerBookmark& b) { return b.name == bookmark.name; });
    if (same != bookmarks_.end())
        *same = bookmark;
    else
        bookmarks_.push_back(bookmark);
    bookmarksEdited();
}

void ExplorerView::removeBookmark(int index)
{
    if (index < 0 || index >= static_cast<int>(bookmarks_.size()))
        return;
    bookmarks_.erase(bookmarks_.begin() + index);
    bookmarksEdited();
}

void ExplorerView::setBookmarks(std::vector<ExplorerBookmark> bookmarks)
{
    bookmarks_ = std::move(bookmarks);
    bookmarksEdited();
}

void ExplorerView::bookmarksEdited()
{
    QStringList names;
    for (const ExplorerBookmark& b : bookmarks_)
        names << b.name;
    bookmarkButton_->setNames(names);
}

} // namespace latentlab::ui
