#pragma once
// When the "Dataset" dock is collapsed to its slim summary: per tab, as docks in IDEs remember it, so the
// Samples tab keeps its classes and preview while the charts and the scatter of the other tabs get the width.
// Collapsed by default everywhere but the Samples tab; the user's choices (the Collapse and Expand buttons)
// and the dock's expanded width are kept in QSettings with the window's layout.
#include "ui/shell/workspace.h"

#include <QObject>

#include <array>

class QDockWidget;
class QMainWindow;
class QSettings;

namespace latentlab::ui {

class DatasetPanel;

class DatasetDockFolds : public QObject {
    Q_OBJECT
public:
    DatasetDockFolds(QMainWindow* window, QDockWidget* dock, DatasetPanel* panel, Workspace* workspace);

    static bool collapsedByDefault(View view);
    bool isCollapsedIn(View view) const { return collapsed_[static_cast<std::size_t>(view)]; }
    // Applied at once when the view is in front.
    void setCollapsedIn(View view, bool collapsed);
    // The dock's width when it shows everything (what it returns to on expanding).
    int expandedWidth() const { return expandedWidth_; }

    void save(QSettings& settings);
    void restore(const QSettings& settings);

private:
    // force: resize the expanded dock even when the panel was expanded already (it has just been shown).
    void apply(bool force);
    void rememberWidth();

    QMainWindow* window_;
    QDockWidget* dock_;
    DatasetPanel* panel_;
    Workspace* workspace_;
    std::array<bool, 7> collapsed_{}; // by View
    int expandedWidth_ = 460; // room for five thumbnails a row
};

} // namespace latentlab::ui
