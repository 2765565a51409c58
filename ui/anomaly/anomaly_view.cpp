#include "ui/anomaly/anomaly_view.h"

#include "core/analysis/anomaly_threshold.h"
#include "core/analysis/roc.h"
#include "core/util/atomic_file.h"
#include "ui/anomaly/anomaly_controller.h"
#include "ui/anomaly/anomaly_gallery.h"
#include "ui/anomaly/roc_chart.h"
#include "ui/anomaly/row_error_panel.h"
#include "ui/anomaly/score_histogram.h"
#include "ui/common/message_box.h"

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
#include <cmath>
#include <numeric>
#include <sstream>

namespace latentlab::ui {
namespace {

// NaN first (a model that cannot explain a sample has found an anomaly), then by score, highest first; ties
// by index so the order is stable.
bool moreAnomalous(double a, qint64 ia, double b, qint64 ib)
{
    const bool na = std::isnan(a), nb = std::isnan(b);
    if (na != nb)
        return na;
    if (!na && a != b)
        return a > b;
    return ia < ib;
}

// The scores and truth of the held-out samples, where the ROC and precision/recall are measured.
std::pair<std::vector<double>, std::vector<std::uint8_t>> evaluated(const AnomalyScores& s)
{
    std::pair<std::vector<double>, std::vector<std::uint8_t>> out;
    for (std::int64_t i : s.evaluation) {
        out.first.push_back(s.scores[static_cast<std::size_t>(i)]);
        out.second.push_back(s.truth[static_cast<std::size_t>(i)]);
    }
    return out;
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
    histogram_ = new ScoreHistogram(charts);
    roc_ = new RocChart(charts);
    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* pager = new QHBoxLayout;
    classBox_ = new QComboBox(right);
    previous_ = new QPushButton(tr("◀"), right);
    next_ = new QPushButton(tr("▶"), right);
    pageLabel_ = new QLabel(right);
    pager->addWidget(new QLabel(tr("Most anomalous in"), right));
    pager->addWidget(classBox_);
    regionLabel_ = new QLabel(right);
    clearRegion_ = new QPushButton(tr("Clear region"), right);
    clearRegion_->setToolTip(tr("Shift + drag on the Explorer's scatter chooses a region"));
    pager->addWidget(regionLabel_);
    pager->addWidget(clearRegion_);
    pager->addStretch(1);
    pager->addWidget(previous_);
    pager->addWidget(pageLabel_);
    pager->addWidget(next_);
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
    connect(controller_, &AnomalyController::failed, this, [this](const QString& message) {
        status_->setText(message);
        openMessage(this, QMessageBox::Warning, tr("Scoring Failed"), message);
    });
    connect(controller_, &AnomalyController::progress, this, [this](double f, const QString& what) {
        progress_->setValue(static_cast<int>(f * 100));
        progress_->setFormat(what + QStringLiteral(" %p%"));
    });
    connect(controller_, &AnomalyController::scoringChanged, this, [this](bool on) {
        progress_->setVisible(on);
        scoreButton_->setEnabled(!on);
    });
    // Only the newest page arrives here: the controller drops the answers of pages asked for before it.
    connect(controller_, &AnomalyController::pageReady, this, [this](RequestTag, const QVector<AnomalyItem>& items) {
        gallery_->setItems(items);
        Q_EMIT pageShown(page_);
    });
    connect(histogram_, &ScoreHistogram::thresholdChanged, this, &AnomalyView::setThreshold);
    connect(gallery_, &AnomalyGallery::sampleClicked, this, [this](qint64 index) {
        if (data_ && !data_->isImage())
            controller_->requestRow(index);
        Q_EMIT sampleChosen(index);
    });
    connect(controller_, &AnomalyController::rowReady, rowPanel_, &RowErrorPanel::setRow);
    connect(classBox_, &QComboBox::currentIndexChanged, this, [this] {
        classFilter_ = classBox_->currentData().toInt();
        rank();
        setPage(0);
    });
    connect(clearRegion_, &QPushButton::clicked, this, [this] { setRegionFilter({}); });
    connect(previous_, &QPushButton::clicked, this, [this] { setPage(page_ - 1); });
    connect(next_, &QPushButton::clicked, this, [this] { setPage(page_ + 1); });
    setDataset(nullptr);
}

AnomalyView::~AnomalyView() = default;

void AnomalyView::setDataset(DatasetPtr data)
{
    data_ = std::move(data);
    controller_->setData(data_);
    scores_ = {};
    ranked_.clear();
    histogram_->clear();
    roc_->clear(tr("Name the normal classes to see how well the scores separate the others."));
    gallery_->setItems({});
    inRegion_.clear();
    regionLabel_->clear();
    clearRegion_->setVisible(false);
    {
        const QSignalBlocker block(classBox_);
        classBox_->clear();
        classBox_->addItem(tr("every class"), -1);
        if (data_)
            for (int k = 0; k < data_->numClasses(); ++k)
                classBox_->addItem(QString::fromStdString(data_->classNames()[static_cast<std::size_t>(k)]), k);
        classFilter_ = -1;
    }
    setEnabled(data_ != nullptr);
    rowPanel_->clear();
    rowPanel_->setVisible(data_ && !data_->isImage());
    status_->setText(tr("Train or open a model, then score every sample by how badly it is reconstructed."));
    pageLabel_->clear();
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
        } catch (const std::exception& e) {
            roc_->clear(QString::fromStdString(e.what()));
        }
    } else {
        roc_->clear(tr("Name the normal classes to see how well the scores separate the others."));
    }
    std::vector<float> values(scores_.scores.begin(), scores_.scores.end());
    Q_EMIT scoresChanged(values);
    status_->setText(tr("%1 scores of %2 samples in %3 s; the threshold is the %4.")
                         .arg(scoreKind_->currentText())
                         .arg(static_cast<qint64>(scores_.scores.size()))
                         .arg(scores_.seconds, 0, 'f', 2)
                         .arg(scores_.rule));
    rank();
    setPage(0);
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
    std::vector<int> out;
    const std::vector<std::uint8_t> flags = flagAbove(scores_.scores, threshold_);
    for (std::size_t i = 0; i < flags.size(); ++i)
        if (flags[i])
            out.push_back(static_cast<int>(i));
    std::sort(out.begin(), out.end(), [this](int a, int b) {
        return moreAnomalous(scores_.scores[static_cast<std::size_t>(a)], a, scores_.scores[static_cast<std::size_t>(b)], b);
    });
    return out;
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

void AnomalyView::rank()
{
    ranked_.clear();
    if (!hasScores())
        return;
    for (std::size_t i = 0; i < scores_.scores.size(); ++i)
        if ((classFilter_ < 0 || (data_ && data_->hasLabels() && data_->labels()[i] == classFilter_)) &&
            (inRegion_.empty() || (i < inRegion_.size() && inRegion_[i])))
            ranked_.push_back(static_cast<qint64>(i));
    std::sort(ranked_.begin(), ranked_.end(), [this](qint64 a, qint64 b) {
        return moreAnomalous(scores_.scores[static_cast<std::size_t>(a)], a, scores_.scores[static_cast<std::size_t>(b)], b);
    });
}

int AnomalyView::pageCount() const
{
    return std::max<int>(1, static_cast<int>((ranked_.size() + pageSize_ - 1) / pageSize_));
}

void AnomalyView::setPage(int page)
{
    page_ = std::clamp(page, 0, pageCount() - 1);
    showPage();
}

void AnomalyView::setClassFilter(int cls)
{
    classBox_->setCurrentIndex(std::max(0, classBox_->findData(cls)));
}

void AnomalyView::setRegionFilter(const std::vector<int>& indices)
{
    inRegion_.clear();
    if (!indices.empty() && data_) {
        inRegion_.assign(static_cast<std::size_t>(data_->size()), 0);
        for (int i : indices)
            if (i >= 0 && i < data_->size())
                inRegion_[static_cast<std::size_t>(i)] = 1;
    }
    regionLabel_->setText(indices.empty() ? QString() : tr("in a region of %1 samples").arg(indices.size()));
    clearRegion_->setVisible(!indices.empty());
    rank();
    setPage(0);
}

void AnomalyView::showPage()
{
    previous_->setEnabled(page_ > 0);
    next_->setEnabled(page_ + 1 < pageCount());
    pageLabel_->setText(tr("page %1 of %2").arg(page_ + 1).arg(pageCount()));
    QVector<qint64> indices;
    QVector<double> values;
    const std::size_t first = static_cast<std::size_t>(page_) * pageSize_;
    for (std::size_t k = first; k < std::min(ranked_.size(), first + pageSize_); ++k) {
        indices << ranked_[k];
        values << scores_.scores[static_cast<std::size_t>(ranked_[k])];
    }
    controller_->requestPage(indices, values);
}

void AnomalyView::selectSample(qint64 index)
{
    if (!hasScores() || index < 0 || index >= static_cast<qint64>(scores_.scores.size()))
        return;
    auto at = std::find(ranked_.begin(), ranked_.end(), index);
    if (at == ranked_.end()) {
        if (!inRegion_.empty())
            setRegionFilter({});
        setClassFilter(-1); // re-ranks every class
        at = std::find(ranked_.begin(), ranked_.end(), index);
        if (at == ranked_.end())
            return;
    }
    gallery_->setSelected(index);
    if (data_ && !data_->isImage())
        controller_->requestRow(index);
    const int page = static_cast<int>((at - ranked_.begin()) / pageSize_);
    if (page != page_)
        setPage(page);
}

QString AnomalyView::exportCsv(const QString& path) const
{
    if (!hasScores())
        return tr("There are no scores to export yet.");
    std::vector<qint64> order(scores_.scores.size());
    std::iota(order.begin(), order.end(), qint64{0});
    std::sort(order.begin(), order.end(), [this](qint64 a, qint64 b) {
        return moreAnomalous(scores_.scores[static_cast<std::size_t>(a)], a, scores_.scores[static_cast<std::size_t>(b)], b);
    });
    const std::vector<std::uint8_t> flags = flagAbove(scores_.scores, threshold_);
    std::ostringstream out;
    out.precision(9);
    const bool named = data_ && data_->sampleNames.size() == scores_.scores.size();
    auto quoted = [](const std::string& text) {
        if (text.find_first_of(",\"\n") == std::string::npos)
            return text;
        std::string q = "\"";
        for (char c : text)
            q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    out << "index,label,score,flagged" << (named ? ",file" : "") << "\n";
    for (qint64 i : order) {
        const auto u = static_cast<std::size_t>(i);
        const std::string label =
            data_ && data_->hasLabels() ? quoted(data_->classNames()[static_cast<std::size_t>(data_->labels()[u])]) : "";
        out << i << ',' << label << ',' << scores_.scores[u] << ',' << int(flags[u]);
        if (named)
            out << ',' << quoted(data_->sampleNames[u]);
        out << '\n';
    }
    try {
        const std::string text = out.str();
        writeFileAtomically(path.toStdString(), text.data(), text.size());
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
