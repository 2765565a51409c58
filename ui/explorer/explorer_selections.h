#pragma once
// The explorer's neighbours and selections, wired in one place so the explorer view stays a layout: the
// Neighbours tab (the selected sample's nearest latents, asked of the decode thread, and the isolation they
// make on the scatter), the select tools of the projection bar, the scatter's region, the Sets tab (keeping,
// re-selecting, renaming, deleting named sets in the view's SampleSets) and the export of a selection.
#include "ui/common/dataset_ptr.h"
#include "ui/common/request_tag.h"

#include <QObject>

#include <vector>

namespace latentlab::ui {

class ExplorerView;
class NeighboursPanel;
class SelectionExporter;
class SetsPanel;

class ExplorerSelections : public QObject {
    Q_OBJECT
public:
    // Adds the Neighbours and Sets tabs to the view's panels.
    explicit ExplorerSelections(ExplorerView* view);
    ~ExplorerSelections() override;

    NeighboursPanel* neighboursPanel() const { return neighbours_; }
    SetsPanel* setsPanel() const { return sets_; }
    SelectionExporter* exporter() const { return exporter_; }

    // The view's hooks: another dataset; a sample selected (the click or the neighbour that chose it);
    // the scatter was given new points (a new layout or model), and `region` (the old one, or none for other
    // samples), the isolation and the selected sample carry over to them.
    void setDataset(DatasetPtr data);
    void sampleSelected(qint64 index);
    void pointsReplaced(const std::vector<int>& region);

    // What the Sets tab's buttons do once their dialog has a name or a folder, callable without the dialog.
    // Keep: false, with a message, when the name is empty or taken or there is no region.
    bool keepRegion(const QString& name);
    // Selects set `row` on the scatter (and emits regionChosen).
    void chooseSet(int row);
    // Starts writing the region into a new folder; the result shows in the Sets tab (a dialog on failure).
    bool exportRegion(const QString& folder);

Q_SIGNALS:
    // The region changed by a choice made here (a kept set, "Select these", Clear), as the scatter's
    // regionSelected reports a gesture.
    void regionChosen(const std::vector<int>& indices);
    // An export ended: finished (true) or failed or stopped (false).
    void exportEnded(bool ok);

private:
    void requestNeighbours();
    void applyIsolation();
    void setRegion(const std::vector<int>& indices);
    void askKeep();
    void askExport();

    ExplorerView* view_;
    DatasetPtr data_;
    NeighboursPanel* neighbours_ = nullptr;
    SetsPanel* sets_ = nullptr;
    SelectionExporter* exporter_ = nullptr;
    bool spaceReady_ = false; // the decode thread has the latents of the current layout
    QString chosenSet_; // the set the region was last chosen from, while the region is that set; suggests names
};

} // namespace latentlab::ui
