#pragma once
// The bar above the explorer's scatter: how the latents are laid out (PCA, two of the latent's dimensions,
// the 2-D latent itself, t-SNE and its perplexity, UMAP and its neighbours and minimum distance, a layout
// imported from a file once there is one) with Stop for a layout that runs, the probe, the select tools
// (rectangle, lasso) and Reset view for the scatter, and whether to follow a model while it trains. It keeps
// the layout the user (or a
// session) asked for and shows it for every model it fits (layoutForModel decides); controls the layout
// shown does not use are hidden. Only the user's changes are reported as chosen; what the bar is told to
// show is not echoed back.
#include "ui/explorer/explorer_reports.h"

#include <QWidget>

#include <initializer_list>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace latentlab::ui {

class AxesBar;
class FlowLayout;
class SampleSets;

class ProjectionBar : public QWidget {
    Q_OBJECT
public:
    // What a plain left drag on the scatter draws, beside the probe: the probe and the select button are
    // never on together.
    enum class SelectTool { None, Rectangle, Lasso };

    explicit ProjectionBar(QWidget* parent = nullptr);

    // What the controls show.
    ProjectionSettings settings() const;
    // Shown, and wanted for later models too, wherever it fits them.
    void setSettings(const ProjectionSettings& settings);
    // A model whose latent has `dim` dimensions: the dimensions on offer follow it, "the latent itself" only
    // for a 2-D latent, and the wanted layout shows where it fits (else the default for that size). False,
    // and nothing changes, when the latent has the size shown already.
    bool setLatentDim(int dim);
    // While a layout runs, Stop is enabled.
    void setProjecting(bool projecting);
    // A layout read from `path` (File > Import Layout): "Imported layout" joins the methods, naming the file in
    // its tooltip, until another file replaces it; an empty path takes the entry away again.
    void setImportedLayout(const QString& path);
    QString importedLayout() const { return layoutFile_; }

    void setFollowTraining(bool follow);
    bool followsTraining() const;
    qint64 followEvery() const;
    // How often a training run should send snapshots: every followEvery() steps while following, else 0.
    qint64 snapshotInterval() const;

    QComboBox* methodBox() const { return method_; }
    QSpinBox* neighboursBox() const { return neighbours_; }
    QDoubleSpinBox* minDistBox() const { return minDist_; }
    QPushButton* stopButton() const { return stop_; }
    QToolButton* probeButton() const { return probe_; }
    SelectTool selectTool() const;
    // None turns the select button off; a shape chooses it and turns the button on (and the probe off).
    void setSelectTool(SelectTool tool);
    // One button, its text the shape it draws; the shapes are chosen from its menu.
    QToolButton* selectButton() const { return select_; }
    QAction* rectangleAction() const { return rectangle_; }
    QAction* lassoAction() const { return lasso_; }
    QCheckBox* followBox() const { return follow_; }
    // Custom axes: the sets at the ends of x and y.
    AxesBar* axesBar() const { return axes_; }
    // The classes and named sets the axes can run between.
    void setSetSources(const QStringList& classNames, const SampleSets* sets);
    // More controls at the end of the bar's rows (the explorer's colouring and bookmarks), kept together.
    void appendGroup(std::initializer_list<QWidget*> widgets);
    // The rows the bar's controls take at its present width.
    int barRows() const;

Q_SIGNALS:
    // The user changed the layout or one of its settings.
    void settingsChosen(const latentlab::ui::ProjectionSettings& settings);
    // The layout shown is of another method now, whoever changed it.
    void methodChanged(latentlab::ProjectionMethod method);
    void stopRequested();
    void resetViewRequested();
    void probeToggled(bool on);
    void selectToolChanged(latentlab::ui::ProjectionBar::SelectTool tool);
    void snapshotIntervalChanged(qint64 steps);

private:
    // Without signals: the caller reports what changed.
    void display(const ProjectionSettings& settings);
    void applyMethod();
    void choose();

    FlowLayout* bar_ = nullptr;
    QComboBox* method_ = nullptr;
    QLabel* dimsLabel_ = nullptr;
    QSpinBox* dimX_ = nullptr;
    QSpinBox* dimY_ = nullptr;
    QLabel* perplexityLabel_ = nullptr;
    QDoubleSpinBox* perplexity_ = nullptr;
    AxesBar* axes_ = nullptr;
    QLabel* neighboursLabel_ = nullptr;
    QSpinBox* neighbours_ = nullptr;
    QLabel* minDistLabel_ = nullptr;
    QDoubleSpinBox* minDist_ = nullptr;
    // t-SNE's iterations have no widget: a session or a test sets them, and they stay with the layout.
    int iterations_ = ProjectionSettings{}.iterations;
    QPushButton* stop_ = nullptr;
    QToolButton* probe_ = nullptr;
    QToolButton* select_ = nullptr;
    QAction* rectangle_ = nullptr;
    QAction* lasso_ = nullptr;
    QPushButton* reset_ = nullptr;
    QCheckBox* follow_ = nullptr;
    QSpinBox* followEvery_ = nullptr;

    QString layoutFile_; // the imported layout on offer; empty: none
    std::optional<ProjectionSettings> wanted_; // none until the user or a session chose one
    ProjectionMethod shownMethod_ = ProjectionMethod::Pca;
    int latentDim_ = 0;
};

} // namespace latentlab::ui
