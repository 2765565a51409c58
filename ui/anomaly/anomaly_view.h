#pragma once
// The "Anomalies" tab: every sample scored by how badly the model reconstructs it (MSE, BCE or -ELBO), the
// scores' histogram with a threshold to drag (by default mean + 3 std of the training samples of the normal
// classes), a ranked gallery of the worst-explained samples (paged, so every sample is reachable; filtered
// by class), and, when the normal classes are named, the ROC curve with precision and recall at the
// threshold. Scores, the flagged samples and the selection are shared with the explorer's scatter.
#include "ui/anomaly/anomaly_ranking.h"
#include "ui/anomaly/anomaly_reports.h"
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSplitter;

namespace latentlab::ui {

class AnomalyController;
class AnomalyGallery;
class PageButtons;
class RocChart;
class RowErrorPanel;
class ScoreHistogram;

class AnomalyView : public QWidget {
    Q_OBJECT
public:
    explicit AnomalyView(QWidget* parent = nullptr);
    ~AnomalyView() override;

    void setDataset(DatasetPtr data);
    // Scores again when the tab is next shown (or now, when it shows).
    void setModel(ModelPtr model);
    // Classes the model was trained on as normal; the others are the known anomalies (ROC). Empty: none.
    void setNormalClasses(const QVector<int>& classes);
    QVector<int> normalClasses() const;
    void score();

    bool hasScores() const { return !scores_.scores.empty(); }
    const AnomalyScores& scores() const { return scores_; }
    double threshold() const { return threshold_; }
    void setThreshold(double threshold);
    std::int64_t flaggedCount() const;
    // Every sample above the threshold (or NaN), most anomalous first.
    std::vector<int> flagged() const;
    // The gallery's order: by score, highest first, in the chosen class and region.
    const std::vector<qint64>& ranked() const { return ranking_.ranked(); }
    int page() const { return ranking_.page(); }
    int pageCount() const { return ranking_.pageCount(); }
    void setPage(int page);
    void setClassFilter(int cls); // -1: every class
    // Only these samples in the gallery (a region of the scatter); empty: all of them.
    void setRegionFilter(const std::vector<int>& indices);
    // Selects the sample in the gallery, turning to its page (clears the class filter if it hides it).
    void selectSample(qint64 index);
    // Every sample's score in core's scores file (index,file,label,score,flagged, most anomalous first, as
    // `latentlab-cli anomalies` writes it); "" or the reason it failed.
    QString exportCsv(const QString& path) const;

    ScoreHistogram* histogram() const { return histogram_; }
    RocChart* rocChart() const { return roc_; }
    QSplitter* chartsSplitter() const { return charts_; }
    AnomalyGallery* gallery() const { return gallery_; }
    RowErrorPanel* rowPanel() const { return rowPanel_; }
    AnomalyController* controller() const { return controller_; }
    QComboBox* scoreBox() const { return scoreKind_; }

Q_SIGNALS:
    void scoresChanged(const std::vector<float>& scores);
    void flaggedChanged(const std::vector<int>& flagged);
    void sampleChosen(qint64 index);
    void pageShown(int page);
    void statusMessage(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onScored(const AnomalyScores& scores);
    void showPage();
    void updateDetection();
    AnomalyRequest request() const;
    void exportWithDialog(int what);
    // The ROC curve, or (shown false) the sentence why there is none in a strip under a taller histogram.
    void showRoc(bool shown, const QString& why = QString());

    AnomalyController* controller_ = nullptr;
    DatasetPtr data_;
    bool stale_ = false;
    AnomalyScores scores_;
    double threshold_ = 0.0;
    AnomalyRanking ranking_;

    QComboBox* scoreKind_ = nullptr;
    QLineEdit* normal_ = nullptr;
    QComboBox* rule_ = nullptr;
    QDoubleSpinBox* ruleValue_ = nullptr;
    QPushButton* scoreButton_ = nullptr;
    QPushButton* export_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    ScoreHistogram* histogram_ = nullptr;
    RocChart* roc_ = nullptr;
    QSplitter* charts_ = nullptr; // the histogram above the ROC curve
    bool rocShown_ = true;        // as the splitter was last sized for
    QComboBox* classBox_ = nullptr;
    PageButtons* pages_ = nullptr;
    QLabel* regionLabel_ = nullptr;
    QPushButton* clearRegion_ = nullptr;
    AnomalyGallery* gallery_ = nullptr;
    RowErrorPanel* rowPanel_ = nullptr;
};

} // namespace latentlab::ui
