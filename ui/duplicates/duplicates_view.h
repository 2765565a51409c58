#pragma once
// The "Duplicates" tab: exact copies and near-duplicates (samples within a latent distance of each other),
// grouped, and the test samples that leak into training through them. The histogram of every sample's
// distance to its nearest other sample carries the threshold (core's default until dragged); the gallery
// shows the groups, each as a strip of its members, filtered to the leaks or the exact copies; a click
// selects the group's sample in the explorer, and the explorer's selection turns to its group.
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/duplicates/duplicates_reports.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace latentlab::ui {

class DuplicatesController;
class PageButtons;
class ScoreHistogram;
class StripGallery;

class DuplicatesView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPageSize = 24;
    static constexpr int kShownMembers = 6; // images per group strip
    enum class Filter { All, Leaks, Exact };

    explicit DuplicatesView(QWidget* parent = nullptr);
    ~DuplicatesView() override;

    void setDataset(DatasetPtr data);
    // Scans again when the tab is next shown (or now, when it shows).
    void setModel(ModelPtr model);
    void scan();
    // Scans again with this latent distance as the threshold (what a drag on the histogram does).
    void setThreshold(double threshold);
    void setExactOnly(bool on);
    // The groups in core's CSV, through the worker; answered by exportFinished.
    void exportGroups(const QString& path);

    bool hasResult() const { return result_.tag != 0; }
    const DuplicateResult& result() const { return result_; }
    // Positions into result().groups that the filter keeps, in order.
    const std::vector<int>& shown() const { return shown_; }
    void setFilter(Filter filter);
    int page() const { return page_; }
    int pageCount() const;
    void setPage(int page);
    // Shows the group holding this sample, if any.
    void selectSample(qint64 index);

    StripGallery* gallery() const { return gallery_; }
    ScoreHistogram* histogram() const { return histogram_; }
    DuplicatesController* controller() const { return controller_; }
    QLabel* summaryLabel() const { return summary_; }

Q_SIGNALS:
    // Per sample: the distance to its nearest other sample (empty without a near scan); the grouped ones.
    void distancesChanged(const std::vector<float>& distances, const std::vector<int>& grouped);
    void sampleChosen(qint64 index);
    void exportFinished(const QString& error);
    void statusMessage(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onScanned(const DuplicateResult& result);
    void filter();
    void showPage();
    QString partName(SamplePart part) const;

    DuplicatesController* controller_ = nullptr;
    DatasetPtr data_;
    bool stale_ = false;
    double threshold_ = -1.0; // < 0: core's default
    DuplicateResult result_;
    std::vector<int> shown_;
    Filter filter_ = Filter::All;
    int page_ = 0;

    QPushButton* scanButton_ = nullptr;
    QCheckBox* exactOnly_ = nullptr;
    QPushButton* defaultThreshold_ = nullptr;
    QPushButton* export_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* summary_ = nullptr;
    ScoreHistogram* histogram_ = nullptr;
    QComboBox* filterBox_ = nullptr;
    PageButtons* pages_ = nullptr;
    StripGallery* gallery_ = nullptr;
};

} // namespace latentlab::ui
