#pragma once
// The "Explorer" tab: the whole dataset as a scatter in latent space beside four panels (the probe and the
// selected sample, prior samples, interpolation, traversal). The scatter's layout is picked in the
// ProjectionBar above it (PCA, two dimensions, the 2-D latent itself, t-SNE that animates); dragging the
// probe decodes under the mouse.
// Models arrive as snapshots: once trained or opened, and, when "Follow training" is on, every N steps of a
// run, so the clusters can be watched forming. All model work runs on the ExplorerController's threads.
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/explorer/bookmark.h"
#include "ui/explorer/explorer_reports.h"

#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace latentlab::ui {

class AttributePanel;
class BookmarkButton;
class ExplorerController;
class ExplorerSelections;
class InterpolationPanel;
class ProbePanel;
class ProjectionBar;
class SamplingPanel;
class SampleSets;
class ScatterView;
class TraversalPanel;

class ExplorerView : public QWidget {
    Q_OBJECT
public:
    explicit ExplorerView(QWidget* parent = nullptr);
    ~ExplorerView() override;

    void setDataset(DatasetPtr data);
    // training: a snapshot taken mid-run, shown only while "Follow training" is on (and not under t-SNE,
    // which would restart from scratch every time).
    void setModel(ModelPtr model, qint64 step = -1, bool training = false);
    bool hasModel() const;
    // Anomaly scores for every sample (empty: none): the scatter can colour by them. `flagged` are outlined.
    void setAnomalyScores(const std::vector<float>& scores);
    void setFlagged(const std::vector<int>& flagged);
    // The Labels tab's suspicion of every sample (NaN: not scored; empty: none) and its suspects, outlined.
    void setLabelScores(const std::vector<float>& scores, const std::vector<int>& suspects);
    // The Duplicates tab's distance from every sample to its nearest other one (empty: none) and the samples
    // in its groups, outlined.
    void setDuplicateDistances(const std::vector<float>& distances, const std::vector<int>& grouped);
    QComboBox* colorBox() const { return color_; }
    // A checkpoint or TorchScript file opened for exploration alone (the training tab does not see it).
    void openModelFile(const QString& path);
    void selectSample(qint64 index);
    // Sets one end of the interpolation (from the dataset's thumbnails) and shows that panel.
    void interpolateFrom(qint64 index);
    void interpolateTo(qint64 index);
    qint64 selectedSample() const { return selected_; }
    // The scatter's layout; kept for later models too, wherever it fits them (a "latent" layout needs a 2-D latent).
    void setProjection(const ProjectionSettings& settings);
    ProjectionSettings projection() const;
    QString statusText() const;
    const std::vector<float>& anomalyScores() const { return anomalyScores_; }

    // File > Import Layout: reads a layout made elsewhere (core's readLayout) off the GUI thread and, once it
    // fits the data, shows it as a layout of its own ("Imported layout" in the bar); a file that does not fit
    // is refused in a dialog and the layout shown stays. An imported layout that stops fitting (a session
    // whose file is gone) says so and falls back to PCA.
    RequestTag importLayout(const QString& path);
    // File > Export > For the Embedding Projector: every sample's latent under the explored model, its label,
    // the anomaly scores when the Anomalies tab gave some, and thumbnails, written into `directory`; answered
    // by the controller's projectorExported / projectorExportFailed.
    RequestTag exportForProjector(const QString& directory);

    // Bookmarks: named views (bookmark.h). capture takes what is on screen; apply switches the layout if it
    // must and restores the rest once that layout's final frame is shown (at once when it already is).
    ExplorerBookmark captureBookmark(const QString& name) const;
    void applyBookmark(const ExplorerBookmark& bookmark);
    // Keeps it under its name (replacing a bookmark of that name).
    void addBookmark(const ExplorerBookmark& bookmark);
    void removeBookmark(int index);
    const std::vector<ExplorerBookmark>& bookmarks() const { return bookmarks_; }
    // A session's bookmarks (indices beyond the dataset are dropped when one is applied).
    void setBookmarks(std::vector<ExplorerBookmark> bookmarks);
    BookmarkButton* bookmarkButton() const { return bookmarkButton_; }

    ExplorerController* controller() const { return controller_; }
    // The named sets of samples kept in this window (cleared when another dataset arrives).
    SampleSets* sampleSets() const { return sets_; }
    // The Neighbours and Sets tabs, the select tools, the scatter's region and its export.
    ExplorerSelections* selections() const { return selections_; }
    ScatterView* scatter() const { return scatter_; }
    ProbePanel* probePanel() const { return probe_; }
    SamplingPanel* samplingPanel() const { return sampling_; }
    InterpolationPanel* interpolationPanel() const { return interpolation_; }
    TraversalPanel* traversalPanel() const { return traversal_; }
    AttributePanel* attributePanel() const { return attribute_; }
    QTabWidget* panels() const { return panels_; }
    ProjectionBar* projectionBar() const { return bar_; }
    QComboBox* projectionBox() const;
    QToolButton* probeButton() const;
    QCheckBox* followBox() const;

protected:
    void showEvent(QShowEvent* event) override;

Q_SIGNALS:
    // Asks the training side for snapshots every `steps` steps (0: none).
    void snapshotIntervalChanged(qint64 steps);
    // A frame of the current layout is on the scatter (tests wait for it).
    void frameShown(bool final);
    // The user selected a sample (a click on the scatter or a neighbour).
    void sampleSelected(qint64 index);
    // The user chose the scatter's region (a rectangle, a lasso, a kept set): these samples (empty: cleared).
    void regionSelected(const std::vector<int>& indices);
    void statusMessage(const QString& text);
    // A bookmark's view is on screen, all of it restored.
    void bookmarkApplied(const QString& name);

private:
    // explorer_interop.cpp: the import's and the export's answers.
    void connectInterop();
    // When the layout that failed was an imported one: says why, shows PCA instead, and returns true.
    bool fallBackFromImport(const QString& message);
    void requestProjection(const ProjectionSettings& settings);
    // Custom axes: each chosen set resolved to its samples (other layouts unchanged).
    ProjectionSettings withSamples(ProjectionSettings settings) const;
    void sendProjection(const ProjectionSettings& settings);
    void onSetsChanged();
    // The attribute panel's requests (A and B resolved here) and answers (explorer_view_sets.cpp).
    void connectAttributePanel();
    bool attributeShown() const;
    void setProbeMode(bool on);
    void onFrame(const ProjectionFrame& frame);
    void onProbe(const ProbeImage& image);
    void onImages(const ImageSet& images);
    void onDecodeFailed(latentlab::ui::DecodeJob job, latentlab::ui::RequestTag tag, const QString& message);
    void setStatus(const QString& text);
    void restoreBookmarkView(const ExplorerBookmark& bookmark);
    void bookmarksEdited();

    ExplorerController* controller_ = nullptr;
    SampleSets* sets_ = nullptr;
    ExplorerSelections* selections_ = nullptr;
    DatasetPtr data_;
    ScatterView* scatter_ = nullptr;
    QTabWidget* panels_ = nullptr;
    ProbePanel* probe_ = nullptr;
    BookmarkButton* bookmarkButton_ = nullptr;
    std::vector<ExplorerBookmark> bookmarks_;
    std::optional<ExplorerBookmark> pendingBookmark_; // applied when its layout's final frame is shown
    SamplingPanel* sampling_ = nullptr;
    InterpolationPanel* interpolation_ = nullptr;
    TraversalPanel* traversal_ = nullptr;
    AttributePanel* attribute_ = nullptr;

    ProjectionBar* bar_ = nullptr;
    QComboBox* color_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;

    void applyColouring();
    std::vector<float> anomalyScores_;
    std::vector<int> flagged_;
    std::vector<float> labelScores_;
    std::vector<int> suspects_;
    std::vector<float> nearestDistances_;
    std::vector<int> grouped_;
    // A model that arrived while the window showed another tab: encoded when this tab comes to the front,
    // so it does not take the cores from what the user is looking at.
    ModelPtr pendingModel_;
    qint64 pendingStep_ = -1;
    qint64 selected_ = -1;
    bool refit_ = true;        // the next frame replaces the points and fits the view (a new layout or model)
    bool probePlaced_ = false; // the probe has a position in the current layout
};

} // namespace latentlab::ui
