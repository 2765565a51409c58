#pragma once
// The explorer's Bookmarks button: its menu bookmarks the current view under a name and lists the bookmarks,
// a click on one restoring it, with a submenu to remove one. It only shows names and reports choices; the
// explorer view keeps the bookmarks themselves.
#include <QStringList>
#include <QToolButton>

class QMenu;

namespace latentlab::ui {

class BookmarkButton : public QToolButton {
    Q_OBJECT
public:
    explicit BookmarkButton(QWidget* parent = nullptr);

    void setNames(const QStringList& names);
    QStringList names() const { return names_; }
    QMenu* bookmarkMenu() const { return menu_; }

Q_SIGNALS:
    void addRequested();
    void chosen(int index);
    void removeRequested(int index);

private:
    void rebuild();

    QMenu* menu_ = nullptr;
    QStringList names_;
};

} // namespace latentlab::ui
