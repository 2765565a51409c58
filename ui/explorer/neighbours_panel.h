#pragma once
// The "Neighbours" tab: the samples nearest to the selected one in latent space (not on the plot, where a
// projection may put far latents side by side), each with its image, class and distance, nearest first. How
// many and by which metric are the user's; a click on a neighbour selects it, so one can walk through the
// space; Isolate shows only the selected sample and these on the scatter. The search itself runs on the
// explorer's decode thread (ExplorerController::neighbours); this panel only asks and shows.
#include "ui/common/dataset_ptr.h"
#include "ui/explorer/explorer_reports.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace latentlab::ui {

class NeighboursPanel : public QWidget {
    Q_OBJECT
public:
    explicit NeighboursPanel(QWidget* parent = nullptr);

    // Where the images and class names come from; forgets what is shown.
    void setDataset(DatasetPtr data);
    void clear();
    // The sample whose neighbours are wanted (-1: none); what was listed stays until showNeighbours().
    void setQuery(qint64 index);
    qint64 query() const { return query_; }
    // Ignored unless it answers the current query.
    void showNeighbours(const NeighbourList& list);
    const NeighbourList& shown() const { return shown_; }
    // The query and its neighbours as shown, for the scatter's isolation and selection (empty: none yet).
    std::vector<int> shownWithQuery() const;

    int count() const;
    NeighbourMetric metric() const;
    bool isolates() const;

    QSpinBox* countBox() const { return count_; }
    QComboBox* metricBox() const { return metric_; }
    QCheckBox* isolateBox() const { return isolate_; }
    QPushButton* selectButton() const { return select_; }
    QListWidget* list() const { return list_; }

Q_SIGNALS:
    // The count or the metric changed: ask again for the current query.
    void requested();
    // A neighbour was clicked: select that sample.
    void neighbourChosen(qint64 index);
    void isolateToggled(bool on);
    // "Select these": the query and its neighbours as the scatter's region.
    void regionRequested(const std::vector<int>& indices);

private:
    QString describe(qint64 index) const;

    DatasetPtr data_;
    qint64 query_ = -1;
    NeighbourList shown_;
    QLabel* queryImage_ = nullptr;
    QLabel* queryText_ = nullptr;
    QSpinBox* count_ = nullptr;
    QComboBox* metric_ = nullptr;
    QCheckBox* isolate_ = nullptr;
    QPushButton* select_ = nullptr;
    QListWidget* list_ = nullptr;
    QLabel* status_ = nullptr;
};

} // namespace latentlab::ui
