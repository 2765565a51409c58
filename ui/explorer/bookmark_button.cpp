#include "ui/explorer/bookmark_button.h"

#include <QMenu>

namespace latentlab::ui {

BookmarkButton::BookmarkButton(QWidget* parent) : QToolButton(parent), menu_(new QMenu(this))
{
    setText(tr("Bookmarks"));
    setToolTip(tr("Keep this view (layout, zoom, colouring, hidden classes, selection, probe) and return to it"));
    setPopupMode(QToolButton::InstantPopup);
    setMenu(menu_);
    rebuild();
}

void BookmarkButton::setNames(const QStringList& names)
{
    names_ = names;
    rebuild();
}

void BookmarkButton::rebuild()
{
    menu_->clear();
    menu_->addAction(tr("Bookmark This View…"), this, &BookmarkButton::addRequested);
    if (names_.isEmpty())
        return;
    menu_->addSeparator();
    for (int i = 0; i < names_.size(); ++i)
        menu_->addAction(names_[i], this, [this, i] { Q_EMIT chosen(i); });
    menu_->addSeparator();
    QMenu* remove = menu_->addMenu(tr("Remove"));
    for (int i = 0; i < names_.size(); ++i)
        remove->addAction(names_[i], this, [this, i] { Q_EMIT removeRequested(i); });
}

} // namespace latentlab::ui
