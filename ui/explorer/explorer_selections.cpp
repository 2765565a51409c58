#include "ui/explorer/explorer_selections.h"

#include "ui/common/format.h"
#include "ui/common/message_box.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/neighbours_panel.h"
#include "ui/explorer/projection_bar.h"
#include "ui/explorer/sample_sets.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/explorer/selection_exporter.h"
#include "ui/explorer/sets_panel.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>

namespace latentlab::ui {

ExplorerSelections::ExplorerSelections(ExplorerView* view) : QObject(view), view_(view)
{
    neighbours_ = new NeighboursPanel;
    view->panels()->addTab(neighbours_, tr("Neighbours"));
    sets_ = new SetsPanel(view->sampleSets());
    view->panels()->addTab(sets_, tr("Sets"));
    // Wide enough for every tab's name, rather than scroll arrows that hide the last ones.
    view->panels()->setMinimumWidth(view->panels()->tabBar()->sizeHint().width() + 4);
    exporter_ = new SelectionExporter(this);

    ScatterView* scatter = view->scatter();
    ExplorerController* controller = view->controller();
    ProjectionBar* bar = view->projectionBar();

    // The probe's own button keeps setting probe mode (ExplorerView::setProbeMode); the select tools are here.
    connect(bar, &ProjectionBar::selectToolChanged, scatter, [bar, scatter](ProjectionBar::SelectTool tool) {
        switch (tool) {
        case ProjectionBar::SelectTool::Rectangle: scatter->setMode(ScatterView::Mode::Rectangle); break;
        case ProjectionBar::SelectTool::Lasso: scatter->setMode(ScatterView::Mode::Lasso); break;
        case ProjectionBar::SelectTool::None:
            scatter->setMode(bar->probeButton()->isChecked() ? ScatterView::Mode::Probe : ScatterView::Mode::Navigate);
            break;
        }
    });

    // Neighbours: asked again whenever the latents they are searched in may have changed (a final layout, a
    // new model's first frame), answered only for the sample still selected.
    connect(controller, &ExplorerController::projectionStarted, this, [this] { spaceReady_ = false; });
    connect(controller, &ExplorerController::frameReady, this, [this](const ProjectionFrame& frame) {
        const bool first = !spaceReady_;
        spaceReady_ = true;
        if (first || frame.final)
            requestNeighbours();
    });
    connect(controller, &ExplorerController::neighboursFound, this, [this](const NeighbourList& found) {
        neighbours_->showNeighbours(found);
        applyIsolation();
    });
    connect(neighbours_, &NeighboursPanel::requested, this, &ExplorerSelections::requestNeighbours);
    connect(neighbours_, &NeighboursPanel::isolateToggled, this, &ExplorerSelections::applyIsolation);
    connect(neighbours_, &NeighboursPanel::regionRequested, this, &ExplorerSelections::setRegion);

    // The region and the named sets.
    connect(scatter, &ScatterView::regionChanged, this, [this](const std::vector<int>& region) {
        sets_->setRegionSize(static_cast<int>(region.size()));
        const int row = view_->sampleSets()->find(chosenSet_);
        if (row < 0 || view_->sampleSets()->at(row).indices != region)
            chosenSet_.clear();
    });
    connect(sets_, &SetsPanel::keepRequested, this, &ExplorerSelections::askKeep);
    connect(sets_, &SetsPanel::exportRequested, this, &ExplorerSelections::askExport);
    connect(sets_, &SetsPanel::stopRequested, exporter_, &SelectionExporter::stop);
    connect(sets_, &SetsPanel::clearRequested, this, [this] { setRegion({}); });
    connect(sets_, &SetsPanel::setChosen, this, &ExplorerSelections::chooseSet);

    connect(exporter_, &SelectionExporter::progress, this, [this](double f) {
        sets_->setStatus(tr("Exporting… %1%").arg(static_cast<int>(f * 100)));
    });
    connect(exporter_, &SelectionExporter::finished, this, [this](const QString& csv, qint64 rows, qint64 images) {
        const QString folder = QDir::toNativeSeparators(QFileInfo(csv).absolutePath());
        sets_->setExporting(false, images > 0 ? tr("Wrote %1 rows and %2 images into %3.")
                                                    .arg(formatCount(rows), formatCount(images), folder)
                                              : tr("Wrote %1 rows into %2.").arg(formatCount(rows), folder));
        Q_EMIT exportEnded(true);
    });
    connect(exporter_, &SelectionExporter::failed, this, [this](const QString& message) {
        sets_->setExporting(false, tr("The export failed: %1").arg(message));
        openMessage(view_, QMessageBox::Warning, tr("Export Failed"), message);
        Q_EMIT exportEnded(false);
    });
    connect(exporter_, &SelectionExporter::stopped, this, [this] {
        sets_->setExporting(false, tr("The export was stopped; the files written so far stay in the folder."));
        Q_EMIT exportEnded(false);
    });
}

ExplorerSelections::~ExplorerSelections() = default;

void ExplorerSelections::setDataset(DatasetPtr data)
{
    data_ = std::move(data);
    spaceReady_ = false;
    chosenSet_.clear();
    neighbours_->setDataset(data_);
    sets_->setStatus({});
}

void ExplorerSelections::sampleSelected(qint64 index)
{
    neighbours_->setQuery(index);
    requestNeighbours();
}

void ExplorerSelections::pointsReplaced(const std::vector<int>& region)
{
    ScatterView* scatter = view_->scatter();
    scatter->setRegion(region);
    applyIsolation();
    if (view_->selectedSample() >= 0)
        scatter->setSelected(static_cast<int>(view_->selectedSample()));
}

void ExplorerSelections::requestNeighbours()
{
    const qint64 query = neighbours_->query();
    if (query < 0 || !spaceReady_ || !view_->controller()->hasModel())
        return;
    view_->controller()->neighbours(query, neighbours_->count(), neighbours_->metric());
}

void ExplorerSelections::applyIsolation()
{
    ScatterView* scatter = view_->scatter();
    const qint64 query = neighbours_->query();
    if (!neighbours_->isolates() || query < 0) {
        scatter->clearIsolated();
        return;
    }
    std::vector<int> shown = neighbours_->shownWithQuery();
    if (shown.empty() || shown.front() != query)
        shown = {static_cast<int>(query)}; // until its neighbours arrive
    scatter->setIsolated(std::move(shown));
}

void ExplorerSelections::setRegion(const std::vector<int>& indices)
{
    ScatterView* scatter = view_->scatter();
    scatter->setRegion(indices);
    Q_EMIT regionChosen(scatter->region());
}

bool ExplorerSelections::keepRegion(const QString& typed)
{
    const QString name = typed.trimmed();
    const std::vector<int>& region = view_->scatter()->region();
    SampleSets* sets = view_->sampleSets();
    QString refusal;
    if (region.empty())
        refusal = tr("There is no selection to keep: draw one on the scatter first.");
    else if (name.isEmpty())
        refusal = tr("A set needs a name.");
    else if (sets->find(name) >= 0)
        refusal = tr("A set named “%1” exists already: choose another name.").arg(name);
    if (!refusal.isEmpty()) {
        openMessage(view_, QMessageBox::Warning, tr("Keep the Selection"), refusal);
        return false;
    }
    sets->put(name, region);
    chosenSet_ = name;
    sets_->setStatus(tr("Kept “%1”: %2 samples.").arg(name, formatCount(static_cast<std::int64_t>(region.size()))));
    return true;
}

void ExplorerSelections::chooseSet(int row)
{
    SampleSets* sets = view_->sampleSets();
    if (row < 0 || row >= sets->count())
        return;
    const SampleSet& set = sets->at(row);
    const QString name = set.name;
    setRegion(set.indices);
    chosenSet_ = name;
}

bool ExplorerSelections::exportRegion(const QString& folder)
{
    const std::vector<int>& region = view_->scatter()->region();
    if (!data_ || region.empty() || folder.isEmpty() || exporter_->isRunning())
        return false;
    if (!exporter_->start(data_, region, folder))
        return false;
    sets_->setExporting(true, tr("Exporting %1 samples into %2…")
                                  .arg(formatCount(static_cast<std::int64_t>(region.size())),
                                       QDir::toNativeSeparators(folder)));
    return true;
}

void ExplorerSelections::askKeep()
{
    if (view_->scatter()->region().empty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(view_, tr("Keep the Selection"), tr("Name of the set:"),
                                               QLineEdit::Normal, view_->sampleSets()->uniqueName(tr("Selection")), &ok);
    if (ok)
        keepRegion(name);
}

void ExplorerSelections::askExport()
{
    if (view_->scatter()->region().empty())
        return;
    // A folder the export will make: named after the set the region came from, where the user can type another.
    QString suggestion = chosenSet_.isEmpty() ? tr("selection") : chosenSet_;
    suggestion.replace(QLatin1Char('/'), QLatin1Char('-')).replace(QLatin1Char('\\'), QLatin1Char('-'));
    const QString folder = QFileDialog::getSaveFileName(view_, tr("Export the Selection into a New Folder"), suggestion,
                                                        QString(), nullptr, QFileDialog::DontConfirmOverwrite);
    if (!folder.isEmpty())
        exportRegion(folder);
}

} // namespace latentlab::ui
