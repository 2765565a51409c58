#include "ui/anomaly/anomaly_view.h"

#include "core/analysis/anomaly_evaluation.h"
#include "core/analysis/anomaly_scores_csv.h"
#include "core/analysis/anomaly_threshold.h"
#include "core/analysis/roc.h"
#include "ui/anomaly/anomaly_controller.h"
#include "ui/anomaly/anomaly_gallery.h"
#include "ui/anomaly/roc_chart.h"
#include "ui/anomaly/row_error_panel.h"
#include "ui/anomaly/score_histogram.h"
#include "ui/common/job_progress.h"
#include "ui/common/message_box.h"
#include "ui/common/page_buttons.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace latentlab::ui {
namespace {

// The scores and truth of the held-out samples, where the ROC and precision/recall are measured.
std::pair<std::vector<double>, std::vector<std::uint8_t>> evaluated(const AnomalyScores& s)
{
    return {scoresAt(s.scores, s.evaluation), truthAt(s.truth, s.evaluation)};
}

} // namespace

AnomalyView::AnomalyView(QWidget* parent) : QWidget(parent), controller_(new AnomalyController(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    scoreKind_ = new QComboBox(this);
    scoreKind_->addItem(tr("Reconstruction MSE"), QStringLiteral("mse"));
    scoreKind_->addItem(tr("Reconstruction BCE"), QStringLiteral("bce"));
    scoreKind_->addItem(tr("-ELBO"), QStringLiteral("elbo"));
    normal_ = new QLineEdit(this);
    normal_->setPlaceholderText(tr("all classes"));
    normal_->setToolTip(tr("The classes the model learned as normal, e.g. 0, 2, 3: the others are the known "
                           "anomalies, for the ROC curve, and the threshold comes from the normal ones"));
    normal_->setMaximumWidth(200);
    rule_ = new QComboBox(this);
    rule_->addItem(tr("mean + k std"), false);
    rule_->addItem(tr("percentile"), true);
    ruleValue_ = new QDoubleSpinBox(this);
    ruleValue_->setRange(0.0, 100.0);
    ruleValue_->setDecimals(2);
    ruleValue_->setValue(3.0);
    scoreButton_ = new QPushButton(tr("Score"), this);
    export_ = new QPushButton(tr("Export"), this);
    auto* menu = new QMenu(export_);
    menu->addAction(tr("Flagged samples as CSV…"), this, [this] { exportWithDialog(0); });
    menu->addAction(tr("Gallery page as PNG…"), this, [this] { exportWithDialog(1); });
    menu->addAction(tr("Histogram as PNG…"), this, [this] { exportWithDialog(2); });
    menu->addAction(tr("ROC curve as PNG…"), this, [this] { exportWithDialog(3); });
    export_->setMenu(menu);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(200);
    progress_->setVisible(false);
    bar->addWidget(new QLabel(tr("Score"), this));
    bar->addWidget(scoreKind_);
    bar->addWidget(new QLabel(tr("Normal classes"), this));
    bar->addWidget(normal_);
    bar->addWidget(new QLabel(tr("Threshold"), this));
    bar->addWidget(rule_);
    bar->addWidget(ruleValue_);
    bar->addWidget(scoreButton_);
    bar->addWidget(progress_);
    bar->addStretch(1);
    bar->addWidget(export_);
    layout->addLayout(bar);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* charts = new QSplitter(Qt::Vertical, split);
    charts_ = charts;
    histogram_ = new ScoreHistogram(charts);
    roc_ = new RocChart(charts);
    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* pager = new QHBoxLayout;
    classBox_ = new QComboBox(right);
    pages_ = new PageButtons(right);
    pager->addWidget(new QLabel(tr("Most anomalous in"), right));
    pager->addWidget(classBox_);
    regionLabel_ = new QLabel(right);
    clearRegion_ = new QPushButton(tr("Clear region"), right);
    clearRegion_->setToolTip(tr("Shift + drag on the Explorer's scatter chooses a region"));
    pager->addWidget(regionLabel_);
    pager->addWidget(clearRegion_);
    pager->addStretch(1);
    pager->addWidget(pages_);
    rightLayout->addLayout(pager);
    gallery_ = new AnomalyGallery;
    auto* scroll = new QScrollArea(right);
    scroll->setWidget(gallery_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    rightLayout->addWidget(scroll, 1);
    rowPanel_ = new RowErrorPanel(right);
    rightLayout->addWidget(rowPanel_, 1);
    status_ = new QLabel(right);
    status_->setWordWrap(true);
    rightLayout->addWidget(status_);
    charts->setSizes({1000, 1000});
    split->addWidget(charts);
    split->addWidget(right);
    split->setSizes({2000, 3000});
    layout->addWidget(split, 1);

    connect(scoreButton_, &QPushButton::clicked, this, &AnomalyView::score);
    connect(rule_, &QComboBox::currentIndexChanged, this, [this] {
        ruleValue_->setValue(rule_->currentData().toBool() ? 99.0 : 3.0);
    });
    connect(controller_, &AnomalyController::scored, this, &AnomalyView::onScored);
    showJobProgress(this, controller_, &AnomalyController::scoringChanged, progress_, scoreButton_, status_,
                    tr("Scoring Failed"));
    // Only the newest page arrives here: the controller drops the answers of pages asked for before it.
    connect(controller_, &AnomalyController::pageReady, this, [this](RequestTag, const QVector<AnomalyItem>& items) {
        gallery_->setItems(items);
        Q_EMIT pageShown(ranking_.page());
    });
    connect(histogram_, &ScoreHistogram::thresholdChanged, this, &AnomalyView::setThreshold);
    connect(gallery_, &AnomalyGallery::sampleClicked, this, [this](qint64 index) {
        if (data_ && !data_->isImage())
            controller_->requestRow(index);
        Q_EMIT sampleChosen(index);
    });
    connect(controller_, &AnomalyController::rowReady, rowPanel_, &RowErrorPanel::setRow);
    connect(classBox_, &QComboBox::currentIndexChanged, this, [this] {
        ranking_.setClassFilter(classBox_->currentData().toInt());
        showPage();
    });
    connect(clearRegion_, &QPushButton::clicked, this, [this] { setRegionFilter({}); });
    connect(pages_, &PageButtons::pageRequested, this, &AnomalyView::setPage);
    setDataset(nullptr);
}

AnomalyView::~AnomalyView() = default;

void AnomalyView::showRoc(bool shown, const QString& why)
{
    if (!shown)
        roc_->clear(why);
    if (shown == rocShown_)
        return;
    rocShown_ = shown;
    // Without a curve the ROC's half holds one sentence: the histogram takes the height, the sentence a strip.
    const int total = std::max(charts_->height(), 400);
    const int strip = std::min(total / 4, roc_->fontMetrics().height() * 5);
    charts_->setSizes(shown ? QList<int> {total / 2, total / 2} : QList<int> {total - strip, strip});
}

void AnomalyView::setDataset(DatasetPtr data)
{
    data_ = std::move(data);
    controller_->setData(data_);
    scores_ = {};
    ranking_.reset(data_ ? data_->labels() : std::vector<std::int32_t>());
    histogram_->clear();
    showRoc(false, tr("Name the normal classes to see how well the scores separate the others."));
    gallery_->setItems({});
    regionLabel_->clear();
    clearRegion_->setVisible(false);
    {
        const QSignalBlocker block(classBox_);
        classBox_->clear();
        classBox_->addItem(tr("every class"), -1);
        if (data_)
            for (int k = 0; k < data_->numClasses(); ++k)
                classBox_->addItem(QString::fromStdString(data_->classNames()[static_cast<std::size_t>(k)]), k);
    }
    setEnabled(data_ != nullptr);
    rowPanel_->clear();
    rowPanel_->setVisible(data_ && !data_->isImage());
    status_->setText(tr("Train or open a model, then score every sample by how badly it is reconstructed."));
    pages_->setPage(0, 0);
}

void AnomalyView::setModel(ModelPtr model)
{
    controller_->setModel(std::move(model));
    stale_ = controller_->hasModel();
    if (stale_ && isVisible())
        score();
}

void AnomalyView::setNormalClasses(const QVector<int>& classes)
{
    QStringList parts;
    for (int c : classes)
        parts << QString::number(c);
    normal_->setText(parts.join(QStringLiteral(", ")));
}

QVector<int> AnomalyView::normalClasses() const
{
    QVector<int> out;
    for (const QString& part : normal_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int c = part.trimmed().toInt(&ok);
        if (ok && data_ && c >= 0 && c < data_->numClasses() && !out.contains(c))
            out << c;
    }
    return out;
}

AnomalyRequest AnomalyView::request() const
{
    AnomalyRequest r;
    r.score = scoreKind_->currentData().toString();
    r.normalClasses = normalClasses();
    r.percentile = rule_->currentData().toBool();
    r.ruleValue = ruleValue_->value();
    return r;
}

void AnomalyView::score()
{
    if (!controller_->hasModel()) {
        status_->setText(tr("There is no model to score with yet: train one or open one."));
        return;
    }
    stale_ = false;
    controller_->score(request());
}

void AnomalyView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (stale_)
        score();
}

void AnomalyView::onScored(const AnomalyScores& scores)
{
    scores_ = scores;
    threshold_ = scores.threshold;
    histogram_->setScores(scores_.scores, threshold_);
    if (!scores_.truth.empty()) {
        try {
            const auto [evalScores, evalTruth] = evaluated(scores_);
            const RocCurve curve = rocCurve(evalScores, evalTruth);
            QList<QPointF> points;
            for (const RocPoint& p : curve.points)
                points << QPointF(p.falsePositiveRate, p.truePositiveRate);
            roc_->setCurve(points, curve.auroc,
                           tr("over the %1 held-out samples").arg(static_cast<qint64>(scores_.evaluation.size())));
            showRoc(true);
        } catch (const std::exception& e) {
            showRoc(false, QString::fromStdString(e.what()));
        }
    } else {
        showRoc(false, tr("Name the normal classes to see how well the scores separate the others."));
    }
    std::vector<float> values(scores_.scores.begin(), scores_.scores.end());
    Q_EMIT scoresChanged(values);
    status_->setText(tr("%1 scores of %2 samples in %3 s; the threshold is the %4.")
                         .arg(scoreKind_->currentText())
                         .arg(static_cast<qint64>(scores_.scores.size()))
                         .arg(scores_.seconds, 0, 'f', 2)
                         .arg(scores_.rule));
    ranking_.setScores(scores_.scores);
    showPage();
    updateDetection();
}

void AnomalyView::setThreshold(double threshold)
{
    threshold_ = threshold;
    if (histogram_->threshold() != threshold)
        histogram_->setThreshold(threshold);
    updateDetection();
}

std::int64_t AnomalyView::flaggedCount() const
{
    return countAbove(scores_.scores, threshold_);
}

std::vector<int> AnomalyView::flagged() const
{
    std::vector<std::int64_t> above;
    const std::vector<std::uint8_t> flags = flagAbove(scores_.scores, threshold_);
    for (std::size_t i = 0; i < flags.size(); ++i)
        if (flags[i])
            above.push_back(static_cast<std::int64_t>(i));
    sortMostAnomalousFirst(above, scores_.scores);
    return std::vector<int>(above.begin(), above.end());
}

void AnomalyView::updateDetection()
{
    if (!hasScores())
        return;
    if (!scores_.truth.empty() && roc_->auroc() > 0.0) {
        const auto [evalScores, evalTruth] = evaluated(scores_);
        const DetectionCounts d = detectionAt(evalScores, evalTruth, threshold_);
        const double negatives = static_cast<double>(d.falsePositives + d.trueNegatives);
        const double positives = static_cast<double>(d.truePositives + d.falseNegatives);
        roc_->setOperatingPoint(QPointF(negatives > 0 ? d.falsePositives / negatives : 0.0,
                                        positives > 0 ? d.truePositives / positives : 0.0),
                                d.precision, d.recall, d.truePositives + d.falsePositives);
    }
    Q_EMIT flaggedChanged(flagged());
}

void AnomalyView::setPage(int page)
{
    ranking_.setPage(page);
    showPage();
}

void AnomalyView::setClassFilter(int cls)
{
    classBox_->setCurrentIndex(std::max(0, classBox_->findData(cls)));
}

void AnomalyView::setRegionFilter(const std::vector<int>& indices)
{
    ranking_.setRegion(indices, data_ ? data_->size() : 0);
    regionLabel_->setText(indices.empty() ? QString() : tr("in a region of %1 samples").arg(indices.size()));
    clearRegion_->setVisible(!indices.empty());
    showPage();
}

void AnomalyView::showPage()
{
    pages_->setPage(ranking_.page(), ranking_.pageCount());
    controller_->requestPage(ranking_.pageIndices(), ranking_.pageScores());
}

void AnomalyView::selectSample(qint64 index)
{
    if (!hasScores() || index < 0 || index >= static_cast<qint64>(scores_.scores.size()))
        return;
    int page = ranking_.pageOf(index);
    if (page < 0) {
        if (ranking_.hasRegion())
            setRegionFilter({});
        setClassFilter(-1); // re-ranks every class
        page = ranking_.pageOf(index);
        if (page < 0)
            return;
    }
    gallery_->setSelected(index);
    if (data_ && !data_->isImage())
        controller_->requestRow(index);
    if (page != ranking_.page())
        setPage(page);
}

QString AnomalyView::exportCsv(const QString& path) const
{
    if (!hasScores() || !data_)
        return tr("There are no scores to export yet.");
    std::vector<std::int64_t> every(scores_.scores.size());
    std::iota(every.begin(), every.end(), std::int64_t{0});
    try {
        writeAnomalyScoresCsv(path.toStdString(), *data_, every, scores_.scores, threshold_);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

void AnomalyView::exportWithDialog(int what)
{
    static const char* names[] = {"anomalies.csv", "anomaly-gallery.png", "anomaly-scores.png", "roc.png"};
    const QString filter = what == 0 ? tr("CSV files (*.csv)") : tr("PNG images (*.png)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), QString::fromLatin1(names[what]), filter);
    if (path.isEmpty())
        return;
    QString error;
    if (what == 0)
        error = exportCsv(path);
    else if (!(what == 1 ? gallery_->toImage().save(path, "PNG")
               : what == 2 ? histogram_->exportPng(path)
                           : roc_->exportPng(path)))
        error = tr("Could not write %1.").arg(path);
    if (!error.isEmpty())
        openMessage(this, QMessageBox::Warning, tr("Export Failed"), error);
    else
        Q_EMIT statusMessage(tr("Exported %1").arg(path));
}

} // namespace latentlab::ui
