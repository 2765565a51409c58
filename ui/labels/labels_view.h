#pragma once
// The "Labels" tab: which samples look mislabelled to the model. Every sample of the chosen part (training
// samples by default) is scored, by the conditional VAE's own preference between classes or by its
// neighbours' labels in latent space (core/analysis/label_errors.h). A ranked gallery shows the suspects
// with their given and suggested label (for a conditional VAE, the sample reconstructed under both); a
// confusion matrix of given x suggested filters it by cell; each suspect gets a decision (keep, or relabel to
// the suggestion or another class), kept in the session; and both the suspects and a relabelled copy of the
// labels, in the dataset's own format, are exported to files the person names. Selection and the score are
// shared with the explorer's scatter.
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/labels/label_decisions.h"
#include "ui/labels/labels_reports.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace latentlab::ui {

class ConfusionMatrix;
class LabelsController;
class PageButtons;
class StripGallery;

class LabelsView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPageSize = 24;

    explicit LabelsView(QWidget* parent = nullptr);
    ~LabelsView() override;

    void setDataset(DatasetPtr data);
    // Scores again when the tab is next shown (or now, when it shows).
    void setModel(ModelPtr model);
    void score();

    bool hasScores() const { return !scores_.suspects.empty(); }
    const LabelScores& scores() const { return scores_; }
    // The gallery's order: positions into scores().suspects, most suspect first, within the chosen cell (or
    // among the suspects only, when that box is ticked).
    const std::vector<std::size_t>& ranked() const { return ranked_; }
    int page() const { return page_; }
    int pageCount() const;
    void setPage(int page);
    // Only the samples given `given` that the model suggests `suggested` (-1, -1: all).
    void setCell(int given, int suggested);
    void setSuspectsOnly(bool on);
    // Selects the sample in the gallery when it was scored, turning to its page (clearing the cell if it hides it).
    void selectSample(qint64 index);
    qint64 selected() const { return selected_; }

    // Decisions on the selected sample.
    void keepSelected();
    void relabelSelected(int label);
    void clearSelectedDecision();
    const LabelDecisions& decisions() const { return decisions_; }
    void setDecisions(const std::vector<LabelDecisionRecord>& records);

    // Writes through the worker; answered by exportFinished.
    void exportSuspects(const QString& path);
    void exportRelabelled(const QString& path);

    ConfusionMatrix* confusion() const { return confusion_; }
    StripGallery* gallery() const { return gallery_; }
    LabelsController* controller() const { return controller_; }
    QComboBox* methodBox() const { return method_; }
    QLabel* statusLabel() const { return status_; }

Q_SIGNALS:
    // One value per dataset sample (NaN where not scored), for the scatter's colours; the most suspect (500 at
    // most) outlined.
    void scoresChanged(const std::vector<float>& scores, const std::vector<int>& suspects);
    void sampleChosen(qint64 index);
    void pageShown(int page);
    void decisionsChanged();
    void exportFinished(const QString& error);
    void statusMessage(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onScored(const LabelScores& scores);
    void rank();
    void showPage();
    void showItems(const QVector<LabelItem>& items);
    void updateDecisionBar();
    void updateMethods();
    bool isSuspect(const LabelSuspectRow& row) const;
    QString className(int label) const;
    const LabelSuspectRow* suspectAt(qint64 index) const;
    void exportWithDialog(bool relabelled);

    LabelsController* controller_ = nullptr;
    DatasetPtr data_;
    bool stale_ = false;
    LabelScores scores_;
    std::vector<std::size_t> ranked_;
    QVector<LabelItem> items_;
    int page_ = 0;
    int given_ = -1, suggested_ = -1;
    qint64 selected_ = -1;
    LabelDecisions decisions_;

    QComboBox* method_ = nullptr;
    QSpinBox* k_ = nullptr;
    QComboBox* part_ = nullptr;
    QPushButton* scoreButton_ = nullptr;
    QPushButton* export_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    ConfusionMatrix* confusion_ = nullptr;
    QLabel* cellLabel_ = nullptr;
    QCheckBox* suspectsOnly_ = nullptr;
    PageButtons* pages_ = nullptr;
    StripGallery* gallery_ = nullptr;
    QLabel* selectedLabel_ = nullptr;
    QPushButton* keep_ = nullptr;
    QPushButton* relabel_ = nullptr;
    QComboBox* relabelTo_ = nullptr;
    QPushButton* undecide_ = nullptr;
    QLabel* decisionCounts_ = nullptr;
};

} // namespace latentlab::ui
