#include "ui/shell/dataset_dock_folds.h"

#include "ui/dataset/dataset_panel.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QSettings>

#include <algorithm>

namespace latentlab::ui {
namespace {

constexpr std::array<View, 7> kViews{View::Samples,   View::Training, View::Explorer, View::Anomalies,
                                     View::Labels,    View::Duplicates, View::Models};
const auto kWidthKey = QStringLiteral("window/datasetDockWidth");
QString collapsedKey(View view)
{
    return QStringLiteral("window/datasetDockCollapsed/") + viewName(view);
}

} // namespace

DatasetDockFolds::DatasetDockFolds(QMainWindow* window, QDockWidget* dock, DatasetPanel* panel, Workspace* workspace)
    : QObject(window), window_(window), dock_(dock), panel_(panel), workspace_(workspace)
{
    for (View view : kViews)
        collapsed_[static_cast<std::size_t>(view)] = collapsedByDefault(view);
    connect(workspace_, &QTabWidget::currentChanged, this, [this] { apply(false); });
    connect(panel_, &DatasetPanel::collapseRequested, this,
            [this](bool collapsed) { setCollapsedIn(workspace_->currentView(), collapsed); });
    // Shown again (the first dataset, View > Dataset): at the width it had; hidden: keep the width it had.
    connect(dock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            apply(true);
        else
            rememberWidth();
    });
    apply(false);
}

bool DatasetDockFolds::collapsedByDefault(View view)
{
    // The class filter and the preview serve the gallery; every other tab has its own pictures and charts.
    return view != View::Samples;
}

void DatasetDockFolds::setCollapsedIn(View view, bool collapsed)
{
    collapsed_[static_cast<std::size_t>(view)] = collapsed;
    if (view == workspace_->currentView())
        apply(false);
}

void DatasetDockFolds::apply(bool force)
{
    const bool collapse = isCollapsedIn(workspace_->currentView());
    if (collapse == panel_->isCollapsed() && !(force && !collapse))
        return;
    if (collapse)
        rememberWidth();
    panel_->setCollapsed(collapse);
    if (!collapse && dock_->isVisible() && !dock_->isFloating())
        window_->resizeDocks({dock_}, {expandedWidth_}, Qt::Horizontal);
}

void DatasetDockFolds::rememberWidth()
{
    // Only the width the user gave the whole panel; the slim column is the panel's own.
    if (!panel_->isCollapsed() && dock_->isVisible() && !dock_->isFloating() && dock_->width() > panel_->collapsedWidth())
        expandedWidth_ = dock_->width();
}

void DatasetDockFolds::save(QSettings& settings)
{
    rememberWidth();
    settings.setValue(kWidthKey, expandedWidth_);
    for (View view : kViews)
        settings.setValue(collapsedKey(view), isCollapsedIn(view));
}

void DatasetDockFolds::restore(const QSettings& settings)
{
    expandedWidth_ = std::max(panel_->collapsedWidth() + 1, settings.value(kWidthKey, expandedWidth_).toInt());
    for (View view : kViews)
        collapsed_[static_cast<std::size_t>(view)] = settings.value(collapsedKey(view), collapsedByDefault(view)).toBool();
    apply(false);
}

} // namespace latentlab::ui
